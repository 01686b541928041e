import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../../libs/config/app-config';
import { KamailioPbxDriver, PBX_PREFERENCES } from '../../libs/systems/pbx/kamailio-pbx.driver';
import { generateSipPassword } from '../../libs/systems/pbx/sip-credentials';
import { locationContacts, startKamailio, type KamailioHandle } from '../servers/kamailio';
import { sippRegister, sippRegisterWithWrongPassword } from '../servers/sipp';
import { freePort } from '../support/free-port';
import { kamailioEnv } from '../support/real-drivers';
import { systemFailure } from '../support/system-failure';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('Kamailio PBX driver against a real Kamailio on PostgreSQL', () => {
  let kamailio: KamailioHandle;
  let pbx: KamailioPbxDriver;
  let db: Client;

  const driverFor = (overrides: Record<string, string> = {}) => {
    const config = loadConfig({ ...kamailioEnv(kamailio), ...overrides });
    if (!config.kamailio) throw new Error('no Kamailio section');
    return new KamailioPbxDriver(config.kamailio, config.sip.domain);
  };
  const register = (user: string, password: string, expires = 600) =>
    sippRegister({
      host: kamailio.host,
      port: kamailio.sipPort,
      domain: kamailio.domain,
      user,
      password,
      expires,
    });
  const rows = async (table: string, username: string) =>
    (await db.query(`SELECT * FROM ${table} WHERE username = $1 ORDER BY id`, [username])).rows as Record<
      string,
      unknown
    >[];

  beforeAll(async () => {
    kamailio = await startKamailio();
    pbx = driverFor();
    db = new Client({ connectionString: kamailio.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await pbx?.close();
    await kamailio?.stop();
  });

  it('creates a subscriber with the two digests and the display name, never the password', async () => {
    const password = generateSipPassword();
    expect(await pbx.createSipAccount({ extension: '70001', displayName: 'Alice Smith', password })).toBe(
      'applied',
    );
    const [subscriber] = await rows('subscriber', '70001');
    expect(subscriber).toMatchObject({
      username: '70001',
      domain: kamailio.domain,
      password: '',
      ha1: md5(`70001:${kamailio.domain}:${password}`),
      ha1b: md5(`70001@${kamailio.domain}:${kamailio.domain}:${password}`),
    });
    expect(await rows('usr_preferences', '70001')).toEqual([
      expect.objectContaining({ attribute: PBX_PREFERENCES.displayName, value: 'Alice Smith', type: 0 }),
    ]);
    const everything = JSON.stringify([
      await rows('subscriber', '70001'),
      await rows('usr_preferences', '70001'),
    ]);
    expect(everything).not.toContain(password);
    expect(await pbx.getSipAccount('70001')).toEqual({ extension: '70001', displayName: 'Alice Smith' });
    expect(await pbx.getSipAccount('70999')).toBeNull();
  });

  it('is idempotent, and updates the password or name when they change', async () => {
    const password = generateSipPassword();
    const account = { extension: '70002', displayName: 'Bao Wong', password };
    expect(await pbx.createSipAccount(account)).toBe('applied');
    expect(await pbx.createSipAccount(account)).toBe('unchanged');
    const other = generateSipPassword();
    expect(await pbx.createSipAccount({ ...account, password: other })).toBe('applied');
    expect((await rows('subscriber', '70002'))[0]).toMatchObject({
      ha1: md5(`70002:${kamailio.domain}:${other}`),
    });
    expect(await pbx.createSipAccount({ ...account, password: other, displayName: 'Bao W.' })).toBe(
      'applied',
    );
    expect(await pbx.setDisplayName('70002', 'Bao W.')).toBe('unchanged');
    expect(await pbx.setDisplayName('70002', 'Bao Wong')).toBe('applied');
    expect(await rows('subscriber', '70002')).toHaveLength(1);
    expect((await rows('usr_preferences', '70002')).map((r) => r.value)).toEqual(['Bao Wong']);
  });

  it('keeps one account when two attempts create it at once', async () => {
    const account = { extension: '70003', displayName: 'Carlos Garcia', password: generateSipPassword() };
    const results = await Promise.all([pbx.createSipAccount(account), pbx.createSipAccount(account)]);
    expect(results.sort()).toEqual(['applied', 'unchanged']);
    expect(await rows('subscriber', '70003')).toHaveLength(1);
    expect(await rows('usr_preferences', '70003')).toHaveLength(1);
  });

  it('lets a phone register with the password (200, contact in location) and refuses a wrong one', async () => {
    const password = generateSipPassword();
    await pbx.createSipAccount({ extension: '70004', displayName: 'Daeun Kim', password });
    expect(await pbx.isRegistered('70004')).toBe(false);

    const ok = await register('70004', password);
    expect(ok).toMatchObject({ status: 200, responses: [401, 200] });
    expect(
      (await locationContacts(kamailio.databaseUrl, '70004', kamailio.domain)).map((c) => c.contact),
    ).toContain(ok.contact);
    expect(await pbx.isRegistered('70004')).toBe(true);

    const wrong = await sippRegisterWithWrongPassword({
      host: kamailio.host,
      port: kamailio.sipPort,
      domain: kamailio.domain,
      user: '70004',
      password,
    });
    expect([401, 403]).toContain(wrong.status);
  });

  it('does not count an expired contact as registered', async () => {
    await pbx.createSipAccount({ extension: '70005', displayName: 'x', password: generateSipPassword() });
    await db.query(
      `INSERT INTO location (ruid, username, domain, contact, expires, last_modified)
       VALUES ('expired-70005', '70005', $1, 'sip:70005@127.0.0.1:5999', LOCALTIMESTAMP - interval '1 minute', LOCALTIMESTAMP)`,
      [kamailio.domain],
    );
    expect(await pbx.isRegistered('70005')).toBe(false);
  });

  it('binds and unbinds desk phones on the line, idempotently', async () => {
    await pbx.createSipAccount({ extension: '70006', displayName: 'Elena', password: generateSipPassword() });
    expect(await pbx.bindDevice('70006', '0004f2aa0001')).toBe('applied');
    expect(await pbx.bindDevice('70006', '0004f2aa0001')).toBe('unchanged');
    expect(await pbx.bindDevice('70006', '0004f2aa0002')).toBe('applied');
    expect(await pbx.boundDevices('70006')).toEqual(['0004f2aa0001', '0004f2aa0002']);
    expect(await pbx.isDeviceBound('70006', '0004f2aa0001')).toBe(true);
    expect(await pbx.unbindDevice('70006', '0004f2aa0001', generateSipPassword())).toBe('applied');
    expect(await pbx.unbindDevice('70006', '0004f2aa0001', generateSipPassword())).toBe('unchanged');
    expect(await pbx.isDeviceBound('70006', '0004f2aa0001')).toBe(false);
    expect(await pbx.boundDevices('70006')).toEqual(['0004f2aa0002']);
    // The display name survives device changes.
    expect(await pbx.getSipAccount('70006')).toEqual({ extension: '70006', displayName: 'Elena' });
  });

  it('gives the line a new password when its phone is unbound: the departed phone is refused', async () => {
    const old = generateSipPassword();
    await pbx.createSipAccount({ extension: '70009', displayName: 'Ines', password: old });
    await pbx.bindDevice('70009', '0004f2aa0009');
    expect((await register('70009', old)).status).toBe(200);

    const fresh = generateSipPassword();
    expect(await pbx.unbindDevice('70009', '0004f2aa0009', fresh)).toBe('applied');
    expect(await locationContacts(kamailio.databaseUrl, '70009')).toEqual([]);
    expect([401, 403]).toContain((await register('70009', old)).status);
    expect((await register('70009', fresh)).status).toBe(200);
    // A retry after success changes nothing: the password the vault now holds keeps working.
    expect(await pbx.unbindDevice('70009', '0004f2aa0009', generateSipPassword())).toBe('unchanged');
    expect((await register('70009', fresh)).status).toBe(200);
  });

  it('refuses to rename or bind a phone to an account that does not exist (permanent)', async () => {
    expect(await systemFailure(pbx.setDisplayName('70998', 'x'))).toMatchObject({
      transient: false,
      system: 'pbx',
    });
    expect(await systemFailure(pbx.bindDevice('70998', '0004f2aa0003'))).toMatchObject({ transient: false });
    expect(await pbx.unbindDevice('70998', '0004f2aa0003', generateSipPassword())).toBe('unchanged');
  });

  it('removes the account with its preferences and registrations: the next REGISTER is refused', async () => {
    const password = generateSipPassword();
    await pbx.createSipAccount({ extension: '70007', displayName: 'Gilles', password });
    await pbx.bindDevice('70007', '0004f2aa0007');
    expect((await register('70007', password)).status).toBe(200);
    expect(await pbx.isRegistered('70007')).toBe(true);

    expect(await pbx.removeSipAccount('70007')).toBe('applied');
    expect(await rows('subscriber', '70007')).toEqual([]);
    expect(await rows('usr_preferences', '70007')).toEqual([]);
    expect(await locationContacts(kamailio.databaseUrl, '70007')).toEqual([]);
    expect(await pbx.isRegistered('70007')).toBe(false);
    expect([401, 403]).toContain((await register('70007', password)).status);
    expect(await locationContacts(kamailio.databaseUrl, '70007')).toEqual([]);
    expect(await pbx.removeSipAccount('70007')).toBe('unchanged');
  });

  it('classifies refused data as permanent and an unreachable database as transient', async () => {
    const tooLong = driverFor({ SIP_DOMAIN: `${'d'.repeat(70)}.example` });
    try {
      const refused = await systemFailure(
        tooLong.createSipAccount({ extension: '70008', displayName: 'x', password: generateSipPassword() }),
      );
      expect(refused).toMatchObject({ transient: false, system: 'pbx' });
      expect(refused.message).toMatch(/SQLSTATE 22001/);
    } finally {
      await tooLong.close();
    }
    expect(
      await systemFailure(pbx.createSipAccount({ extension: '7000 8', displayName: 'x', password: 'p' })),
    ).toMatchObject({ transient: false });

    const url = new URL(kamailio.databaseUrl);
    url.port = String(await freePort());
    const down = driverFor({ KAMAILIO_DATABASE_URL: url.toString() });
    try {
      const error = await systemFailure(down.isRegistered('70001'));
      expect(error).toMatchObject({ transient: true, system: 'pbx' });
      expect(error.message).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await down.close();
    }
  });

  it('closes its pool', async () => {
    const driver = driverFor();
    expect(await driver.getSipAccount('70001')).not.toBeNull();
    await driver.close();
    expect(driver.isClosed).toBe(true);
  });
});
