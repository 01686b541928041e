import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { Attribute, Change, Client } from 'ldapts';
import { loadConfig } from '../../libs/config/app-config';
import { LdapDirectoryDriver } from '../../libs/systems/directory/ldap-directory.driver';
import { LdapLegacyDriver } from '../../libs/systems/legacy/ldap-legacy.driver';
import { DEMO_DIRECTORY, startDemoDirectory, type DemoDirectory } from '../../scripts/real/demo-directory';
import { repositoryRoot } from '../../libs/config/repository-root';
import { readRealStackEnv } from '../../scripts/real/real-stack-config';
import { dropPrivilegesTo, giveTo, makeTempDir, removeTempDir, runCommand } from '../servers/daemon';
import { freePort } from '../support/free-port';

const root = repositoryRoot();

/** The worker's environment from docker-compose.yml, with the directory at a local port. */
function composeWorkerEnv(ldapUrl: string): Record<string, string> {
  const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { environment: Record<string, string> }>;
  };
  // Compose gives the worker docker/real-stack.env, then its own addresses.
  return { ...readRealStackEnv(root), ...compose.services.worker.environment, LDAP_URL: ldapUrl };
}

/**
 * The configs under docker/ run by the real daemons of Debian 12 (the versions the images install):
 * the demo directory with its ACLs, bound as docker-compose.yml binds, and Kea's two configs.
 * (docker/kamailio/kamailio.cfg runs in every Kamailio test: the harness uses it.)
 */
describe('docker/ configs with real daemons', () => {
  let dir: string;
  let directory: DemoDirectory;
  let driver: LdapDirectoryDriver;

  beforeAll(async () => {
    dir = await makeTempDir('demo-ldap');
    // slapd drops to its account when started by root: it must reach the private temp dir.
    giveTo(dir, dropPrivilegesTo('openldap'));
    directory = await startDemoDirectory({
      port: await freePort(),
      dataDir: join(dir, 'data'),
      runDir: join(dir, 'run'),
      adminPassword: 'switchboard-admin',
    });
    const config = loadConfig(composeWorkerEnv(directory.url));
    driver = new LdapDirectoryDriver(config.ldap!);
  });

  afterAll(async () => {
    await driver?.close();
    await directory?.stop();
    if (dir) await removeTempDir(dir);
  });

  it('serves the demo organisation to the driver bound as docker-compose.yml binds', async () => {
    expect(await driver.findPerson('ada')).toMatchObject({
      displayName: 'Ada Lovelace',
      personnelClass: 'STAF',
      supervisorLogin: 'marie',
      phoneNumbers: ['61234', '61235'],
    });
    expect(await driver.findPerson('eddie')).toMatchObject({ contractEnd: new Date('2024-06-30T00:00:00Z') });
    expect(await driver.findPeopleByNumber('61235')).toEqual(['ada', 'grace']);
    expect(await driver.groupsOf('desk')).toEqual(['phone-service-desk']);
    expect(await driver.groupMembers('phone-admins-it')).toEqual(['marie']);
  });

  it('lets the Switchboard account do what the drivers need', async () => {
    expect(await driver.publishPersonalNumber('grace', '70001')).toBe('applied');
    expect(await driver.unpublishPersonalNumber('grace', '70001')).toBe('applied');
    const group = {
      name: 'phone-mngr-65000',
      description: 'Managers of 65000',
      ownerLogin: 'tim',
      members: ['tim', 'ada'],
    };
    expect(await driver.createGroup(group)).toBe('applied');
    expect(await driver.setGroupMembers(group.name, ['tim'])).toBe('applied');
    const entry = {
      number: '65000',
      description: 'EP secretariat',
      ownerLogin: 'tim',
      managersGroup: group.name,
    };
    expect(await driver.publishSharedNumber(entry)).toBe('applied');
    expect(await driver.publishSharedNumber({ ...entry, description: 'EP secretariat (2)' })).toBe('applied');
    expect(await driver.unpublishSharedNumber('65000')).toBe('applied');
    expect(await driver.deleteGroup(group.name)).toBe('applied');
  });

  it('reads the demo legacy lines as compose configures LEGACY_DRIVER=ldap, and switches one off and back on', async () => {
    const legacy = new LdapLegacyDriver(loadConfig(composeWorkerEnv(directory.url)).legacyLdap!);
    try {
      const { lines, refused } = await legacy.listLines();
      expect(refused).toEqual([]);
      expect(lines.map((l) => [l.line.number, l.line.service, l.listedUnder])).toEqual([
        ['62101', 'SKYPE', ['grace']],
        ['62102', 'ANALOGUE', ['alan']],
      ]);
      const snapshot = (await legacy.snapshotLine('62102'))!;
      expect(snapshot).toMatchObject({ number: '62102', service: 'ANALOGUE' });
      expect(await legacy.deactivateLine('62102')).toBe('applied');
      expect(await legacy.snapshotLine('62102')).toBeNull();
      expect(await legacy.reactivateLine(snapshot)).toBe('applied');
      expect(await legacy.snapshotLine('62102')).toMatchObject({ number: '62102', service: 'ANALOGUE' });
    } finally {
      await legacy.close();
    }
  });

  it('refuses the Switchboard account anything else (least privilege)', async () => {
    const client = new Client({ url: directory.url, timeout: 5_000 });
    try {
      await client.bind(DEMO_DIRECTORY.bindDn, DEMO_DIRECTORY.bindPassword);
      await expect(
        client.modify(
          `uid=ada,${DEMO_DIRECTORY.peopleDn}`,
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: 'mail', values: ['x@evil.test'] }),
          }),
        ),
      ).rejects.toMatchObject({ code: 50 });
      await expect(
        client.add(`cn=admins,${DEMO_DIRECTORY.groupsDn}`, {
          objectClass: 'groupOfNames',
          cn: 'admins',
          member: `uid=ada,${DEMO_DIRECTORY.peopleDn}`,
        }),
      ).rejects.toMatchObject({ code: 50 });
      await expect(
        client.modify(
          `cn=phone-service-desk,${DEMO_DIRECTORY.groupsDn}`,
          new Change({
            operation: 'add',
            modification: new Attribute({ type: 'member', values: [`uid=sam,${DEMO_DIRECTORY.peopleDn}`] }),
          }),
        ),
      ).rejects.toMatchObject({ code: 50 });
    } finally {
      await client.unbind();
    }
  });

  it.each([
    ['kea-dhcp4', 'docker/kea/kea-dhcp4.conf'],
    ['kea-ctrl-agent', 'docker/kea/kea-ctrl-agent.conf'],
  ])('%s accepts %s', async (command, path) => {
    const result = await runCommand(command, ['-t', join(root, path)], { timeoutMs: 30_000 });
    expect({
      code: result.code,
      output: result.code === 0 ? '' : `${result.stdout}${result.stderr}`,
    }).toEqual({
      code: 0,
      output: '',
    });
  });
});
