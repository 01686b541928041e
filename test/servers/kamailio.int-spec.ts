import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { adminPostgresUrl } from '../support/postgres';
import { locationContacts, startKamailio, type KamailioHandle } from './kamailio';
import { freeUdpPort, sippRegister, sippRegisterWithWrongPassword } from './sipp';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

// What the PBX driver will write: never the password, only the two digests Kamailio checks.
async function insertSubscriber(
  databaseUrl: string,
  username: string,
  domain: string,
  password: string,
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('INSERT INTO subscriber (username, domain, ha1, ha1b) VALUES ($1, $2, $3, $4)', [
      username,
      domain,
      md5(`${username}:${domain}:${password}`),
      md5(`${username}@${domain}:${domain}:${password}`),
    ]);
  } finally {
    await client.end();
  }
}

async function deleteSubscriberAndContacts(
  databaseUrl: string,
  username: string,
  domain: string,
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DELETE FROM subscriber WHERE username = $1 AND domain = $2', [username, domain]);
    await client.query('DELETE FROM location WHERE username = $1 AND domain = $2', [username, domain]);
  } finally {
    await client.end();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const client = new Client({ connectionString: adminPostgresUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('Kamailio + sipp harness', () => {
  let kamailio: KamailioHandle | undefined;
  const user = '70042';
  const password = 'line-secret-42';

  const pbx = (): KamailioHandle => {
    if (!kamailio) throw new Error('kamailio did not start');
    return kamailio;
  };
  const target = () => ({ host: pbx().host, port: pbx().sipPort, domain: pbx().domain, user, password });

  beforeAll(async () => {
    kamailio = await startKamailio();
    await insertSubscriber(kamailio.databaseUrl, user, kamailio.domain, password);
  });

  afterAll(async () => {
    await kamailio?.stop();
  });

  it('runs on a high loopback UDP port, as the kamailio account when started by root', () => {
    expect(pbx().sipPort).toBeGreaterThan(1024);
    const status = readFileSync(`/proc/${pbx().pid()}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    if (process.getuid?.() === 0) expect(uid).not.toBe(0);
    else expect(uid).toBe(process.getuid?.());
  });

  it('challenges a REGISTER, accepts the right password and saves the contact in the location table', async () => {
    const result = await sippRegister({ ...target(), expires: 600 });
    expect(result).toMatchObject({ status: 200, responses: [401, 200] });

    const contacts = await locationContacts(pbx().databaseUrl, user, pbx().domain);
    expect(contacts.map((c) => c.contact)).toContain(result.contact);
    const saved = contacts.find((c) => c.contact === result.contact)!;
    expect(saved.userAgent).toBe('switchboard-sipp');
    expect(saved.domain).toBe(pbx().domain);
  });

  it('refuses a wrong password and saves nothing for it', async () => {
    const before = await locationContacts(pbx().databaseUrl, user, pbx().domain);
    const result = await sippRegisterWithWrongPassword(target());
    expect([401, 403]).toContain(result.status);
    expect(result.responses[0]).toBe(401);
    const after = await locationContacts(pbx().databaseUrl, user, pbx().domain);
    expect(after.map((c) => c.contact).sort()).toEqual(before.map((c) => c.contact).sort());
  });

  it('answers 404 for a domain it does not serve', async () => {
    const result = await sippRegister({ ...target(), domain: 'elsewhere.test' });
    expect(result).toMatchObject({ status: 404, responses: [404] });
  });

  it('removes the contact on an Expires: 0 REGISTER', async () => {
    const registered = await sippRegister(target());
    expect(registered.status).toBe(200);
    expect((await locationContacts(pbx().databaseUrl, user)).map((c) => c.contact)).toContain(
      registered.contact,
    );

    const unregistered = await sippRegister({
      ...target(),
      expires: 0,
      localPort: Number(/:(\d+)$/.exec(registered.contact)![1]),
    });
    expect(unregistered.status).toBe(200);
    expect((await locationContacts(pbx().databaseUrl, user)).map((c) => c.contact)).not.toContain(
      registered.contact,
    );
  });

  it('refuses REGISTER once the subscriber and its contacts are deleted', async () => {
    await deleteSubscriberAndContacts(pbx().databaseUrl, user, pbx().domain);
    const result = await sippRegister(target());
    expect([401, 403]).toContain(result.status);
    expect(await locationContacts(pbx().databaseUrl, user)).toEqual([]);
  });

  it('fails fast with sipp output when nothing answers', async () => {
    const started = Date.now();
    await expect(
      sippRegister({ ...target(), port: await freeUdpPort(), recvTimeoutMs: 1_000, timeoutMs: 5_000 }),
    ).rejects.toThrow(/sipp got no final answer to REGISTER[\s\S]*sipp output/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses to start on a UDP port another Kamailio holds', async () => {
    await expect(startKamailio({ port: pbx().sipPort })).rejects.toThrow(
      /kamailio: udp:127\.0\.0\.1:\d+ is already in use/,
    );
  });

  it('stops by PID, drops its scratch database and removes its temp dir', async () => {
    const { databaseUrl, tempDir } = pbx();
    const pid = pbx().pid();
    await pbx().stop();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(tempDir)).toBe(false);
    expect(await databaseExists(databaseUrl)).toBe(false);
  });
});
