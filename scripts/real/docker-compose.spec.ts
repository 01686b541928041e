import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '../../libs/config/app-config';
import { DEMO_PEOPLE } from '../../libs/systems/sandbox/demo-data';
import { parseIpv4Range } from '../../libs/systems/dhcp/ipv4';
import { DEMO_DIRECTORY } from './demo-directory';
import { repositoryRoot } from '../../libs/config/repository-root';
import {
  ADDRESS_VARIABLES,
  overridesOf,
  readKeaSubnet,
  readRealStackEnv,
  REAL_STACK_ENV_FILE,
} from './real-stack-config';

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked by reading: it parses, its
 * app environment passes the same validation the apps run at boot, and the services agree with each
 * other and with the files under docker/.
 */

const root = repositoryRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile: string };
  env_file?: string[];
  networks?: Record<string, { aliases?: string[] }>;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}
const compose = load(read('docker-compose.yml')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const shared = readRealStackEnv(root);
const APPS = ['api', 'worker', 'migrate', 'legacy-sync', 'provisioning'];
/** What a service's container sees: its env_file, then its own environment (compose's order). */
const env = (name: string): Record<string, string> => ({
  ...(services[name].env_file?.includes(REAL_STACK_ENV_FILE) ? shared : {}),
  ...services[name].environment,
});
const own = (name: string) => services[name].environment ?? {};
/** Kea allows // comments in its JSON. */
const keaJson = (path: string) =>
  JSON.parse(read(path).replace(/^\s*\/\/.*$/gm, '')) as Record<string, Record<string, unknown>>;

describe('docker-compose.yml', () => {
  it('describes the whole stack', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'kamailio',
        'idp',
        'kea-ctrl-agent',
        'kea-db-init',
        'kea-dhcp4',
        'landb',
        'legacy-sync',
        'mailpit',
        'migrate',
        'openldap',
        'postgres',
        'provisioning',
        'temporal',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(services.provisioning.command).toEqual(['node', 'dist/apps/provisioning/src/main.js']);
    expect(services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(services.migrate.command).toEqual(['node', 'dist/scripts/prepare-database.js']);
    expect(services['legacy-sync'].command).toEqual(['node', 'dist/scripts/legacy-directory-sync.js']);
  });

  it('gives every app an environment that the configuration accepts, with the real drivers', () => {
    for (const app of APPS) {
      expect([app, services[app].env_file]).toEqual([app, [REAL_STACK_ENV_FILE]]);
      const config = loadConfig(env(app));
      expect(config.drivers).toEqual({
        directory: 'ldap',
        pbx: 'kamailio',
        mail: 'smtp',
        network: 'landb',
        dhcp: 'kea',
        legacy: 'ldap',
      });
      expect(config.sandbox).toBe(false);
      expect(config.oidc?.client?.id).toBe(shared.OIDC_CLIENT_ID);
      expect(config.database).toMatchObject({ type: 'postgres' });
    }
  });

  it('points the drivers at the services that run them', () => {
    const config = loadConfig(env('worker'));
    expect(config.ldap?.url).toBe('ldap://openldap:389');
    expect(config.ldap).toMatchObject({
      bindDn: DEMO_DIRECTORY.bindDn,
      bindPassword: DEMO_DIRECTORY.bindPassword,
      baseDns: {
        people: DEMO_DIRECTORY.peopleDn,
        groups: DEMO_DIRECTORY.groupsDn,
        phonebook: DEMO_DIRECTORY.phonebookDn,
      },
      objectClasses: { person: DEMO_DIRECTORY.personObjectClass },
    });
    // Kamailio serves the same domain, on the database the worker writes.
    expect(env('kamailio').KAMAILIO_DB_URL).toBe(config.kamailio?.databaseUrl);
    expect(env('kamailio').KAMAILIO_SIP_DOMAIN).toBe(config.sip.domain);
    expect(read('docker/postgres-init.sql')).toContain(
      `CREATE DATABASE ${new URL(config.kamailio!.databaseUrl).pathname.slice(1)} `,
    );
    expect(config.smtp).toMatchObject({ host: 'mailpit', port: 1025 });
    expect(config.temporal.address).toBe('temporal:7233');
    for (const database of ['temporal', 'temporal_visibility'])
      expect(read('docker/postgres-init.sql')).toContain(`CREATE DATABASE ${database} `);
  });

  it('sets every variable docker/kamailio/kamailio.cfg reads', () => {
    const wanted = [...read('docker/kamailio/kamailio.cfg').matchAll(/^#!defenvs?\s+\w+=(\w+)/gm)].map(
      (m) => m[1],
    );
    expect(wanted.length).toBeGreaterThan(0);
    expect(Object.keys(env('kamailio')).sort()).toEqual([...wanted].sort());
  });

  it('runs Kea on the host database the worker writes, for the subnet the worker reserves in', () => {
    const config = loadConfig(env('worker'));
    const keaConf = keaJson('docker/kea/kea-dhcp4.conf').Dhcp4 as {
      'hosts-database': { type: string; name: string; host: string; user: string; password: string };
    };
    const database = new URL(config.kea!.databaseUrl);
    expect(keaConf['hosts-database']).toEqual({
      type: 'postgresql',
      name: database.pathname.slice(1),
      host: database.hostname,
      user: database.username,
      password: database.password,
    });
    expect(read('docker/postgres-init.sql')).toContain(`CREATE DATABASE ${database.pathname.slice(1)} `);
    expect(services['kea-db-init'].command!.join(' ')).toContain(`-n ${database.pathname.slice(1)}`);
    const subnet = readKeaSubnet(root);
    expect(config.kea!.subnetId).toBe(subnet.id);
    // The reserved range lies in the subnet and outside its dynamic pools.
    const [base, bits] = subnet.subnet.split('/');
    const net = parseIpv4Range(`${base}-${base}`).first;
    const size = 2 ** (32 - Number(bits));
    const range = config.kea!.reservedRange;
    expect(range.first > net && range.last < net + size - 1).toBe(true);
    for (const pool of subnet.pools) {
      const p = parseIpv4Range(pool.replace(/\s/g, ''));
      expect(range.last < p.first || range.first > p.last).toBe(true);
    }
  });

  it('points the apps at the stand-ins of the network database and the identity provider', () => {
    const config = loadConfig(env('worker'));
    expect(config.landb?.wsdlUrl).toBe(`http://landb:${own('landb').STAND_IN_PORT}/landb?wsdl`);
    expect(config.landb?.endpointUrl).toBe(`http://landb:${own('landb').STAND_IN_PORT}/landb`);
    const issuer = new URL(config.oidc!.issuer);
    expect(own('idp')).toEqual({
      STAND_IN_PORT: issuer.port,
      OIDC_ISSUER: config.oidc!.issuer,
      PUBLIC_URL: config.publicUrl,
    });
    // People's browsers and the API reach the provider by the same name.
    expect(services.idp.networks?.default.aliases).toContain(issuer.hostname);
    expect(services.idp.ports).toContain(`${issuer.port}:${issuer.port}`);
  });

  it('reads legacy lines from attributes the demo directory defines, and may switch them off', () => {
    const legacy = loadConfig(env('legacy-sync')).legacyLdap!;
    expect(legacy.people.baseDn).toBe(DEMO_DIRECTORY.peopleDn);
    const schema = read('docker/openldap/switchboard.schema');
    const acl = read('docker/openldap/slapd.conf.template');
    const peopleWrites = acl.match(
      /^access to dn\.subtree="ou=people,[^"]+" attrs=(\S+)\n\s+by dn\.exact="([^"]+)" write/m,
    );
    expect(peopleWrites?.[2]).toBe(DEMO_DIRECTORY.bindDn);
    const serviceAttributes = Object.values(legacy.serviceAttributes);
    expect(serviceAttributes.length).toBeGreaterThan(0);
    for (const attribute of [...serviceAttributes, ...Object.values(legacy.settingAttributes)])
      expect([attribute, schema.includes(`NAME '${attribute}'`)]).toEqual([attribute, true]);
    // Switching a line off removes its number: the bind account writes the service attributes.
    for (const attribute of serviceAttributes)
      expect([attribute, peopleWrites?.[1].split(',').includes(attribute)]).toEqual([attribute, true]);
  });

  it('refers only to files and volumes that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const dockerfile =
        typeof service.build === 'string'
          ? join(service.build, 'Dockerfile')
          : service.build && join(service.build.context, service.build.dockerfile);
      if (dockerfile) expect([name, existsSync(join(root, dockerfile))]).toEqual([name, true]);
      for (const file of service.env_file ?? [])
        expect([name, existsSync(join(root, file))]).toEqual([name, true]);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('./')) expect([name, existsSync(join(root, source))]).toEqual([name, true]);
        else expect(Object.keys(compose.volumes)).toContain(source);
      }
    }
  });

  it('lets the Kea control agent reach kea-dhcp4 through the shared socket', () => {
    const dhcp4 = keaJson('docker/kea/kea-dhcp4.conf').Dhcp4 as {
      'control-socket': { 'socket-name': string };
    };
    const agent = keaJson('docker/kea/kea-ctrl-agent.conf')['Control-agent'] as {
      'control-sockets': { dhcp4: { 'socket-name': string } };
    };
    expect(agent['control-sockets'].dhcp4['socket-name']).toBe(dhcp4['control-socket']['socket-name']);
    const runVolume = (name: string) => services[name].volumes?.find((v) => v.endsWith(':/run/kea'));
    expect(runVolume('kea-dhcp4')).toBeDefined();
    expect(runVolume('kea-ctrl-agent')).toBe(runVolume('kea-dhcp4'));
  });
});

describe('docker-compose.yml and npm run start:real read one configuration', () => {
  it(`keeps every setting in ${REAL_STACK_ENV_FILE}: the apps' own environment holds addresses only`, () => {
    for (const app of APPS) expect([app, overridesOf(shared, own(app))]).toEqual([app, []]);
    // Every address is set, so none falls back to a default meant for another environment.
    for (const app of ['api', 'worker', 'migrate'])
      expect([app, Object.keys(own(app)).sort()]).toEqual([app, [...ADDRESS_VARIABLES].sort()]);
  });

  it('fails when compose overrides a shared setting, sets one of its own, or the file holds an address', () => {
    expect(overridesOf(shared, { ...own('worker'), SIP_DOMAIN: 'elsewhere.example' })).toEqual([
      `SIP_DOMAIN: overrides ${REAL_STACK_ENV_FILE}`,
    ]);
    expect(overridesOf(shared, { ...own('api'), RETRY_MAX_ATTEMPTS: '9' })).toEqual([
      `RETRY_MAX_ATTEMPTS: not an address; set it in ${REAL_STACK_ENV_FILE}`,
    ]);
    expect(overridesOf({ ...shared, LDAP_URL: 'ldap://x' }, {})).toEqual([
      `LDAP_URL: an address, set per environment, not in ${REAL_STACK_ENV_FILE}`,
    ]);
  });

  it('gives the daemons the settings the apps expect of them', () => {
    // start:real's slapd and compose's openldap load docker/openldap with this service account.
    expect(shared).toMatchObject({
      LDAP_BIND_DN: DEMO_DIRECTORY.bindDn,
      LDAP_BIND_PASSWORD: DEMO_DIRECTORY.bindPassword,
      LDAP_PEOPLE_BASE_DN: DEMO_DIRECTORY.peopleDn,
      LDAP_GROUPS_BASE_DN: DEMO_DIRECTORY.groupsDn,
      LDAP_PHONEBOOK_BASE_DN: DEMO_DIRECTORY.phonebookDn,
      LDAP_PERSON_OBJECT_CLASS: DEMO_DIRECTORY.personObjectClass,
    });
    // Kamailio serves the SIP domain the apps give the lines (start:real passes it too).
    expect(own('kamailio').KAMAILIO_SIP_DOMAIN).toBe(shared.SIP_DOMAIN);
  });
});

describe('docker/openldap', () => {
  it('carries the same schema as the test directory', () => {
    expect(read('docker/openldap/switchboard.schema')).toBe(
      read('test/servers/fixtures/ldap-switchboard.schema'),
    );
  });

  it('seeds the demo people of the sandbox, so the README logins work against it', () => {
    const ldif = read('docker/openldap/demo.ldif');
    const uids = [...ldif.matchAll(/^uid: (\S+)$/gm)].map((m) => m[1]);
    expect(uids.sort()).toEqual(DEMO_PEOPLE.map((p) => p.login).sort());
    for (const person of DEMO_PEOPLE) {
      const block = ldif.split('\n\n').find((b) => b.includes(`\nuid: ${person.login}\n`))!;
      expect(block).toContain(`personnelClass: ${person.personnelClass}`);
      const code = /^personnelSubCode: (\S+)$/m.exec(block)?.[1] ?? null;
      expect([person.login, code]).toEqual([person.login, person.personnelSubCode]);
      expect(block).toContain(`cn: ${person.displayName}`);
    }
  });
});
