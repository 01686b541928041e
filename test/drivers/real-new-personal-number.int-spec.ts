import { createHash } from 'node:crypto';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import { NumberState } from '../../libs/domain/number-state';
import { PhoneNumberEntity } from '../../libs/persistence/entities';
import { DIRECTORY_PORT } from '../../libs/systems/directory/directory.port';
import { LdapDirectoryDriver } from '../../libs/systems/directory/ldap-directory.driver';
import { KamailioPbxDriver } from '../../libs/systems/pbx/kamailio-pbx.driver';
import { PBX_PORT } from '../../libs/systems/pbx/pbx.port';
import { NEW_PERSONAL_NUMBER_STEPS } from '../../workflows/new-personal-number.workflow';
import { locationContacts, startKamailio, type KamailioHandle } from '../servers/kamailio';
import { sippRegister, sippRegisterWithWrongPassword } from '../servers/sipp';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import { startSmtp, type SmtpHandle } from '../servers/smtp';
import { kamailioEnv, ldapEnv, smtpEnv } from '../support/real-drivers';
import { requestPersonalNumber, resultOf } from '../support/workflow-helpers';
import { ApiWorld } from '../support/api-world';
import type { World } from '../support/world';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * The reference workflow with every real driver it uses: the directory on slapd, the PBX on Kamailio
 * (PostgreSQL), mail over SMTP. Then a phone registers with the credentials from the vault, as its
 * config file would carry them.
 */
describe('a number requested and deleted through GraphQL, with the real directory, PBX and mail', () => {
  let slapd: SlapdHandle;
  let kamailio: KamailioHandle;
  let smtp: SmtpHandle;
  let api: ApiWorld;
  let world: World;

  const person = SEEDED_DIRECTORY.people.bwong;

  beforeAll(async () => {
    [slapd, kamailio, smtp] = await Promise.all([startSlapd(), startKamailio(), startSmtp()]);
    // The API (GraphQL over HTTP) and the worker, both on the real drivers.
    api = await ApiWorld.start({ ...ldapEnv(slapd), ...kamailioEnv(kamailio), ...smtpEnv(smtp) });
    world = api.world;
    await world.startWorker();
  });

  afterAll(async () => {
    await api?.stop();
    await Promise.all([slapd?.stop(), kamailio?.stop(), smtp?.stop()]);
  });

  const target = (user: string, password: string) => ({
    host: kamailio.host,
    port: kamailio.sipPort,
    domain: kamailio.domain,
    user,
    password,
  });

  let number: string;
  let password: string;

  it('provisions the number on Kamailio, publishes it in slapd and mails over SMTP', async () => {
    // The first mail meets a 451: a transient refusal, retried, delivered once.
    smtp.rejectNext(1);
    const accepted = await api.graphql<{ requestPersonalNumber: { id: string } }>(
      'mutation { requestPersonalNumber { id status } }',
      { user: person.uid },
    );
    expect(accepted.errors).toBeUndefined();
    const request = (await world.requests.find(accepted.data!.requestPersonalNumber.id))!;
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    number = progress.result!.number!;
    expect(number).toMatch(/^7\d{4}$/);
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      NEW_PERSONAL_NUMBER_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(progress.steps.find((s) => s.id === 'notify-accepted')?.attempts).toBe(2);
    expect(await world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject({
      ownerLogin: person.uid,
      state: NumberState.ACTIVE,
    });

    // The PBX holds the digests of the vault's password, for the seeded person's name.
    password = (await world.deps.credentials.reveal(number))!;
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const pg = new PgClient({ connectionString: kamailio.databaseUrl });
    await pg.connect();
    try {
      const { rows } = await pg.query('SELECT * FROM subscriber WHERE username = $1', [number]);
      expect(rows).toEqual([
        expect.objectContaining({
          domain: kamailio.domain,
          password: '',
          ha1: md5(`${number}:${kamailio.domain}:${password}`),
          ha1b: md5(`${number}@${kamailio.domain}:${kamailio.domain}:${password}`),
        }),
      ]);
      const prefs = await pg.query('SELECT attribute, value FROM usr_preferences WHERE username = $1', [
        number,
      ]);
      expect(prefs.rows).toEqual([{ attribute: 'display_name', value: person.cn }]);
    } finally {
      await pg.end();
    }

    // The phonebook lists the number under the person, next to their legacy number.
    const ldap = new LdapClient({ url: slapd.url, timeout: 5_000 });
    try {
      const { searchEntries } = await ldap.search(person.dn, {
        scope: 'base',
        attributes: ['telephoneNumber'],
      });
      expect([searchEntries[0].telephoneNumber].flat().sort()).toEqual(
        [number, ...person.telephoneNumbers].sort(),
      );
    } finally {
      await ldap.unbind();
    }

    const mails = await smtp.waitForMessages(2);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [[person.mail], 'Your request for a personal number is being processed'],
      [[person.mail], 'Your request for a personal number is complete'],
    ]);
    expect(mails[1].text).toContain(`Your number is ${number}.`);
    expect(mails[1].html).toContain(`Your number is ${number}.`);
    expect(mails[0].headers['message-id']).toEqual([`<${request.id}=3Arequest-accepted@switchboard.test>`]);
  });

  it('lets a phone register with the vault password (200, contact in location), and refuses a wrong one', async () => {
    const registered = await sippRegister({ ...target(number, password), expires: 600 });
    expect(registered).toMatchObject({ status: 200, responses: [401, 200] });
    const contacts = await locationContacts(kamailio.databaseUrl, number, kamailio.domain);
    expect(contacts.map((c) => c.contact)).toContain(registered.contact);
    expect(await world.deps.pbx.isRegistered(number)).toBe(true);

    const wrong = await sippRegisterWithWrongPassword(target(number, password));
    expect([401, 403]).toContain(wrong.status);
  });

  it('refuses a person the directory does not authorise, and creates nothing on the PBX', async () => {
    const refused = SEEDED_DIRECTORY.people.jbauer;
    const progress = await resultOf(world.client, await requestPersonalNumber(world, refused.uid));
    expect(progress.status).toBe('FAILED');
    expect(progress.steps[0]).toMatchObject({ id: 'verify-eligibility', status: 'FAILED' });
    expect(progress.steps[0]).toMatchObject({
      lastErrorType: 'NOT_ELIGIBLE',
      lastError: expect.stringMatching(/EXMP/),
    });
    const pg = new PgClient({ connectionString: kamailio.databaseUrl });
    await pg.connect();
    try {
      expect((await pg.query('SELECT count(*)::int AS n FROM subscriber')).rows[0]).toEqual({ n: 1 });
    } finally {
      await pg.end();
    }
  });

  it('deletes the number with the delete-number workflow: unpublished in slapd, the phone can no longer register', async () => {
    const accepted = await api.graphql<{ deleteNumber: { id: string } }>(
      'mutation($number: String!) { deleteNumber(number: $number) { id status } }',
      { user: person.uid, variables: { number } },
    );
    expect(accepted.errors).toBeUndefined();
    const request = (await world.requests.find(accepted.data!.deleteNumber.id))!;
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('COMPLETED');

    expect(await world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject({
      state: NumberState.QUARANTINED,
      ownerLogin: null,
    });
    expect(await locationContacts(kamailio.databaseUrl, number)).toEqual([]);
    expect(await world.deps.pbx.isRegistered(number)).toBe(false);
    expect((await world.deps.directory.findPerson(person.uid))?.phoneNumbers).not.toContain(number);
    const refused = await sippRegister(target(number, password));
    expect([401, 403]).toContain(refused.status);
  });

  it('closes the LDAP session and the Kamailio pool when the application shuts down', async () => {
    const directory = world.app.get(DIRECTORY_PORT);
    const pbx = world.app.get(PBX_PORT);
    expect(directory).toBeInstanceOf(LdapDirectoryDriver);
    expect(pbx).toBeInstanceOf(KamailioPbxDriver);
    expect((directory as LdapDirectoryDriver).isConnected).toBe(true);
    await api.stop();
    expect((directory as LdapDirectoryDriver).isConnected).toBe(false);
    expect((pbx as KamailioPbxDriver).isClosed).toBe(true);
    api = undefined as unknown as ApiWorld;
  });
});
