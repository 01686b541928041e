import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import { loadConfig } from '../../libs/config/app-config';
import { LandbNetworkDatabaseDriver } from '../../libs/systems/network/landb-network-database.driver';
import { dropDatabase } from '../../scripts/real/real-databases';
import { readRealStackEnv } from '../../scripts/real/real-stack-config';
import { bootPolycom } from '../provisioning/support/polycom-phone';
import { phoneRequest } from '../provisioning/support/phone-http';
import { sippRegister } from '../servers/sipp';
import { freeUdpPort } from '../servers/daemon';
import { postGraphql } from '../support/api-client';
import { freePort } from '../support/free-port';
import { PHONE_GQL } from '../support/phone-api';
import { adminPostgresUrl } from '../support/postgres';
import {
  buildCheckout,
  linkStartRealFiles,
  NpmStartProcess,
  pickPorts,
  portInUse,
  processGroupMembers,
  removeCheckout,
  type StartPorts,
} from './support/npm-start-process';
import { signInThroughProvider, type PortalSession } from './support/oidc-browser';
import { waitFor } from './support/wait-for';

/**
 * `npm run start:real` end to end: the compiled scripts/start-real.ts starts slapd, Kamailio, Kea,
 * the SMTP sink, the LanDB stand-in, the demo OpenID Provider and a Temporal dev server on this
 * machine, its databases in PostgreSQL, reads the demo directory's legacy lines into the legacy
 * inventory, then starts the product on them with docker/real-stack.env (no sandbox: people sign in at the provider). A person signs in, gets a personal number, and
 * registers a desk phone, which boots from the provisioning server and registers on Kamailio with
 * sipp. Then Ctrl-C stops everything.
 */
describe('npm run start:real (every real daemon on this machine)', () => {
  const prefix = `switchboard_startreal_${process.pid}_${randomBytes(3).toString('hex')}`;
  let folder: string;
  let ports: StartPorts;
  let own: Record<string, number>;
  let sipPort: number;
  let running: NpmStartProcess | undefined;
  let api: string;
  let ada: PortalSession;
  const shared = readRealStackEnv();

  const ask = <T>(query: string, variables?: Record<string, unknown>) =>
    postGraphql<T>(`${api}/graphql`, query, {
      variables,
      headers: { cookie: ada.cookie, 'x-csrf-token': ada.csrfToken },
    });

  /** Processes that carry this run's database prefix in their environment: every daemon start:real started. */
  function processesOfThisRun(): string[] {
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`REAL_DATABASE_PREFIX=${prefix}\0`))
          found.push(`${pid} ${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}`);
      } catch {
        // ended while we read
      }
    }
    return found;
  }

  beforeAll(async () => {
    folder = await buildCheckout();
    linkStartRealFiles(folder);
    ports = await pickPorts();
    own = {
      REAL_LDAP_PORT: await freePort(),
      REAL_SMTP_PORT: await freePort(),
      REAL_LANDB_PORT: await freePort(),
      REAL_OIDC_PORT: await freePort(),
    };
    sipPort = await freeUdpPort();
    api = `http://127.0.0.1:${ports.api}`;
    running = new NpmStartProcess(folder, ports, {
      script: 'start-real.js',
      extraEnv: {
        ...Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)])),
        REAL_SIP_PORT: String(sipPort),
        REAL_POSTGRES_ADMIN_URL: adminPostgresUrl(),
        REAL_DATABASE_PREFIX: prefix,
      },
    });
    await running.ready(240_000);
  }, 600_000);

  afterAll(async () => {
    await running?.kill();
    for (const name of [prefix, `${prefix}_kamailio`, `${prefix}_kea`])
      await dropDatabase(adminPostgresUrl(), name).catch(() => undefined);
    if (folder) removeCheckout(folder);
  });

  let number: string;

  it('starts every daemon and signs a demo person in at the OpenID Provider, with no demo account selector', async () => {
    const output = running!.output;
    for (const line of ['Directory', 'PBX', 'DHCP', 'Network DB', 'Sign-in', 'Mail'])
      expect(output).toMatch(new RegExp(`^  ${line} +\\S`, 'm'));
    expect(output).not.toContain('Sandbox mode');
    // What Ctrl-C must end later: the daemons carry the run's prefix in their environment.
    const commands = processesOfThisRun().map((p) => p.split(' ')[1]);
    for (const daemon of ['slapd', 'kamailio', 'kea-dhcp4', 'kea-ctrl-agent', 'temporal'])
      expect(commands).toContain(daemon);
    // Outside sandbox mode the demo header is no identity.
    const anonymous = await postGraphql<{ viewer: unknown }>(`${api}/graphql`, '{ viewer { login } }', {
      user: 'ada',
    });
    expect(anonymous.data?.viewer ?? null).toBeNull();

    ada = await signInThroughProvider(api, 'ada');
    const viewer = await ask<{ viewer: { login: string } }>('{ viewer { login } }');
    expect(viewer.data?.viewer.login).toBe('ada');
  });

  it("reads the directory's legacy lines into the legacy inventory at start, and one migrates (LEGACY_DRIVER=ldap)", async () => {
    // docker/openldap/demo.ldif: grace has a Skype line, alan an analogue line with forwarding.
    expect(running!.output).toMatch(/legacy lines added: 2 \(62101, 62102\)/);
    expect(running!.output).toMatch(/legacy lines refused: 0$/m);
    const grace = await signInThroughProvider(api, 'grace');
    const mine = await postGraphql<{
      myLegacyNumbers: Array<{ number: string; service: string; state: string }>;
    }>(`${api}/graphql`, '{ myLegacyNumbers { number service state } }', {
      headers: { cookie: grace.cookie, 'x-csrf-token': grace.csrfToken },
    });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myLegacyNumbers).toEqual([{ number: '62101', service: 'SKYPE', state: 'LEGACY' }]);

    // grace migrates it as her personal number: the legacy line is switched off in the directory.
    const asGrace = <T>(query: string, variables?: Record<string, unknown>) =>
      postGraphql<T>(`${api}/graphql`, query, {
        variables,
        headers: { cookie: grace.cookie, 'x-csrf-token': grace.csrfToken },
      });
    const accepted = await asGrace<{ migrateLegacyNumber: { id: string } }>(
      'mutation { migrateLegacyNumber(number: "62101", as: PERSONAL) { id } }',
    );
    expect(accepted.errors).toBeUndefined();
    const id = accepted.data!.migrateLegacyNumber.id;
    const done = await waitFor(
      'grace’s migration',
      () => asGrace<{ request: { status: string } }>(PHONE_GQL.request, { id }),
      (r) => ['COMPLETED', 'FAILED', 'NEEDS_ATTENTION'].includes(r.data?.request.status ?? ''),
    );
    expect(done.data!.request.status).toBe('COMPLETED');
    const ldap = new LdapClient({ url: `ldap://127.0.0.1:${own.REAL_LDAP_PORT}` });
    try {
      const { searchEntries } = await ldap.search('ou=people,dc=switchboard,dc=example', {
        filter: '(uid=grace)',
        attributes: ['legacySkypeNumber', 'telephoneNumber'],
      });
      expect(searchEntries[0].legacySkypeNumber ?? []).toEqual([]);
      expect([searchEntries[0].telephoneNumber].flat()).toContain('62101');
    } finally {
      await ldap.unbind();
    }
  });

  it('gives ada a personal number through the real directory, PBX and mail', async () => {
    const accepted = await ask<{ requestPersonalNumber: { id: string; status: string } }>(
      'mutation { requestPersonalNumber { id status } }',
    );
    expect(accepted.errors).toBeUndefined();
    const id = accepted.data!.requestPersonalNumber.id;
    const done = await waitFor(
      'ada’s request',
      () => ask<{ request: { status: string; number: string | null } }>(PHONE_GQL.request, { id }),
      (r) => ['COMPLETED', 'FAILED', 'NEEDS_ATTENTION'].includes(r.data?.request.status ?? ''),
    );
    expect(done.data!.request.status).toBe('COMPLETED');
    number = done.data!.request.number!;
    expect(number).toMatch(/^7\d{4}$/);
    // Kamailio's subscriber table (the real PBX) has the line, and the SMTP sink printed the mail.
    const pbx = new PgClient({
      connectionString: `${adminPostgresUrl().replace(/\/[^/]*$/, '')}/${prefix}_kamailio`,
    });
    await pbx.connect();
    try {
      const { rows } = await pbx.query('SELECT domain FROM subscriber WHERE username = $1', [number]);
      expect(rows).toEqual([{ domain: shared.SIP_DOMAIN }]);
    } finally {
      await pbx.end();
    }
    await waitFor(
      'the completion mail',
      () => Promise.resolve(running!.output),
      (o) => /\[mail\] to ada@\S+: Your request for a personal number is complete/.test(o),
    );
  });

  it('registers a desk phone: LanDB and Kea get it, it boots from the provisioning server and registers on Kamailio', async () => {
    const mac = `0004f2${randomBytes(3).toString('hex')}`;
    const models = await ask<{ phoneModels: Array<{ id: string; name: string; compatible: string }> }>(
      PHONE_GQL.phoneModels,
    );
    const model = models.data!.phoneModels.find((m) => m.name === 'VVX 450')!;
    const accepted = await ask<{ registerPhone: { id: string } }>(PHONE_GQL.registerPhone, {
      modelId: model.id,
      number,
      mac,
      office: '513/R-024',
    });
    expect(accepted.errors).toBeUndefined();
    const requestId = accepted.data!.registerPhone.id;
    type Phones = { myPhones: Array<{ mac: string; activation: string; ipAddress: string | null }> };
    const phoneOf = (r: Phones) => r.myPhones.find((p) => p.mac.replace(/:/g, '') === mac);
    const waiting = await waitFor(
      'the phone waiting for its first boot',
      async () => (await ask<Phones>(PHONE_GQL.myPhones)).data!,
      (r) => phoneOf(r)?.activation === 'PENDING_FIRST_BOOT',
    );
    const address = phoneOf(waiting)!.ipAddress!;
    const [first, last] = shared.KEA_RESERVED_RANGE.split('-');
    const octet = (ip: string) => Number(ip.split('.')[3]);
    expect(octet(address)).toBeGreaterThanOrEqual(octet(first));
    expect(octet(address)).toBeLessThanOrEqual(octet(last));

    // The network database (the LanDB stand-in over SOAP) has the device with the phone's card.
    const config = loadConfig({
      ...shared,
      LANDB_WSDL_URL: `http://127.0.0.1:${own.REAL_LANDB_PORT}/landb?wsdl`,
      NETWORK_DRIVER: 'landb',
      DHCP_DRIVER: 'sandbox',
      DIRECTORY_DRIVER: 'sandbox',
      PBX_DRIVER: 'sandbox',
      MAIL_DRIVER: 'sandbox',
      LEGACY_DRIVER: 'sandbox',
      SWITCHBOARD_SANDBOX: 'true',
    });
    const device = await new LandbNetworkDatabaseDriver(config.landb!).findDevice(`TELEPHONE-${number}`);
    expect(device).toMatchObject({ mac, user: 'ada' });
    // Kea's host backend holds the reservation with the boot URL that DHCP would hand the phone.
    const kea = new PgClient({
      connectionString: `${adminPostgresUrl().replace(/\/[^/]*$/, '')}/${prefix}_kea`,
    });
    await kea.connect();
    let bootUrl: string;
    try {
      const { rows } = await kea.query<{ hostname: string; url: string }>(
        `SELECT h.hostname, o.formatted_value AS url
           FROM hosts h JOIN dhcp4_options o ON o.host_id = h.host_id WHERE o.code = 66`,
      );
      expect(rows.map((r) => r.hostname)).toEqual([`TELEPHONE-${number}`]);
      bootUrl = rows[0].url;
    } finally {
      await kea.end();
    }
    expect(bootUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${ports.provisioning}/p/[A-Za-z0-9_-]{43}/$`),
    );

    // The phone boots as a Polycom does, then registers with the credentials from its line file.
    const boot = await bootPolycom(mac, (method, file, body) =>
      phoneRequest(bootUrl, `${new URL(bootUrl).pathname}${file}`, { method, body }),
    );
    expect(boot.master).toBe(`${mac}.cfg`);
    const registered = await sippRegister({
      host: '127.0.0.1',
      port: sipPort,
      domain: boot.parameters['reg.1.server.1.address'],
      user: boot.parameters['reg.1.auth.userId'],
      password: boot.parameters['reg.1.auth.password'],
    });
    expect(registered).toMatchObject({ status: 200, responses: [401, 200] });

    const finished = await waitFor(
      'the phone registration',
      () => ask<{ request: { status: string } }>(PHONE_GQL.request, { id: requestId }),
      (r) => ['COMPLETED', 'FAILED', 'NEEDS_ATTENTION'].includes(r.data?.request.status ?? ''),
    );
    expect(finished.data!.request.status).toBe('COMPLETED');
    const active = (await ask<Phones>(PHONE_GQL.myPhones)).data!;
    expect(phoneOf(active)?.activation).toBe('ACTIVE');
  });

  it('stops everything on Ctrl-C: exit code 0, no daemon left, every port free', async () => {
    const stopped = await running!.interrupt();
    expect({ stopped, output: stopped.code === 0 ? '' : running!.output }).toEqual({
      stopped: { code: 0, signal: null },
      output: '',
    });
    expect(processGroupMembers(running!.pgid)).toEqual([]);
    expect(processesOfThisRun()).toEqual([]);
    for (const [name, port] of Object.entries({ ...ports, ...own }))
      expect({ name, inUse: await portInUse(port) }).toEqual({ name, inUse: false });
  });
});
