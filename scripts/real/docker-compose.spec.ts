import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '../../libs/config/app-config';
import { DEMO_PEOPLE } from '../../libs/systems/sandbox/demo-data';
import { DEMO_DIRECTORY } from './demo-directory';
import { repositoryRoot } from '../../libs/config/repository-root';

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked by reading: it parses, its
 * app environment passes the same validation the apps run at boot, and the services agree with each
 * other and with the files under docker/.
 */

const root = repositoryRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: string;
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
const env = (name: string) => services[name].environment ?? {};
/** Kea allows // comments in its JSON. */
const keaJson = (path: string) =>
  JSON.parse(read(path).replace(/^\s*\/\/.*$/gm, '')) as Record<string, Record<string, unknown>>;

describe('docker-compose.yml', () => {
  it('describes the whole stack', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'kamailio',
        'kea-ctrl-agent',
        'kea-dhcp4',
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
  });

  it('gives every app an environment that the configuration accepts, with the real drivers', () => {
    for (const app of ['api', 'worker', 'migrate', 'provisioning']) {
      const config = loadConfig(env(app));
      expect(config.drivers).toMatchObject({ directory: 'ldap', pbx: 'kamailio', mail: 'smtp' });
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

  it('refers only to files and volumes that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build)
        expect([name, existsSync(join(root, service.build, 'Dockerfile'))]).toEqual([name, true]);
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
