import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import {
  dropPrivilegesTo,
  giveTo,
  runCommand,
  spawnDaemon,
  waitUntil,
  type RunningDaemon,
} from '../../test/servers/daemon';
import { repositoryRoot } from '../../libs/config/repository-root';

/**
 * The demo directory of docker/openldap (slapd.conf.template, the schema and demo.ldif) run by a
 * local slapd: what `npm run start:real` uses, and what the test suite checks the docker config
 * with. The data directory is kept, so a second start finds what the first one wrote.
 */

const BASE_DN = 'dc=switchboard,dc=example';

/** The settings the apps need for this directory (docker-compose.yml sets the same). */
export const DEMO_DIRECTORY = {
  baseDn: BASE_DN,
  adminDn: `cn=admin,${BASE_DN}`,
  bindDn: `cn=switchboard,ou=services,${BASE_DN}`,
  bindPassword: 'switchboard-demo',
  peopleDn: `ou=people,${BASE_DN}`,
  groupsDn: `ou=groups,${BASE_DN}`,
  phonebookDn: `ou=phonebook,${BASE_DN}`,
  personObjectClass: 'switchboardPerson',
} as const;

export const OPENLDAP_CONFIG_DIR = join(repositoryRoot(), 'docker', 'openldap');

export interface DemoDirectoryOptions {
  port: number;
  /** Where the mdb database lives (created and seeded when empty). */
  dataDir: string;
  /** Config, pid and log files. */
  runDir: string;
  adminPassword: string;
  startTimeoutMs?: number;
}

export interface DemoDirectory {
  url: string;
  logFile: string;
  pid(): number;
  stop(): Promise<void>;
}

/** slapd.conf from the template, as docker/openldap/entrypoint.sh writes it. */
export function renderSlapdConf(values: {
  confDir: string;
  dataDir: string;
  runDir: string;
  rootPw: string;
}): string {
  return readFileSync(join(OPENLDAP_CONFIG_DIR, 'slapd.conf.template'), 'utf8')
    .replaceAll('@CONF_DIR@', values.confDir)
    .replaceAll('@DATA_DIR@', values.dataDir)
    .replaceAll('@RUN_DIR@', values.runDir)
    .replaceAll('@ROOT_PW@', values.rootPw);
}

export async function startDemoDirectory(options: DemoDirectoryOptions): Promise<DemoDirectory> {
  const { dataDir, runDir } = options;
  const url = `ldap://127.0.0.1:${options.port}/`;
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  // slapd may drop to its own account, which must read the config and own the database.
  copyFileSync(join(OPENLDAP_CONFIG_DIR, 'switchboard.schema'), join(runDir, 'switchboard.schema'));
  const confPath = join(runDir, 'slapd.conf');
  writeFileSync(
    confPath,
    renderSlapdConf({ confDir: runDir, dataDir, runDir, rootPw: options.adminPassword }),
  );
  const logFile = join(runDir, 'slapd.log');
  const timeoutMs = options.startTimeoutMs ?? 30_000;

  if (!existsSync(join(dataDir, 'data.mdb'))) {
    const seeded = await runCommand(
      'slapadd',
      ['-q', '-f', confPath, '-l', join(OPENLDAP_CONFIG_DIR, 'demo.ldif')],
      { timeoutMs },
    );
    if (seeded.code !== 0) throw new Error(`slapadd failed:\n${seeded.stderr}${seeded.stdout}`);
  }
  const account = dropPrivilegesTo('openldap');
  for (const dir of [dataDir, runDir]) {
    giveTo(dir, account);
    for (const name of readdirSync(dir)) giveTo(join(dir, name), account);
  }

  const pidFile = join(runDir, 'slapd.pid');
  rmSync(pidFile, { force: true });
  const args = ['-f', confPath, '-h', url, '-d', 'stats'];
  if (account) args.push('-u', account.user, '-g', account.group);
  const daemon: RunningDaemon = spawnDaemon({ name: 'slapd', command: 'slapd', args, logFile });
  try {
    await waitUntil('the demo directory answering a bind of the Switchboard account', () => bindsAs(url), {
      daemon,
      timeoutMs,
    });
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return { url, logFile, pid: () => daemon.pid, stop: () => daemon.stop() };
}

async function bindsAs(url: string): Promise<boolean> {
  const client = new Client({ url, timeout: 2_000, connectTimeout: 2_000 });
  try {
    await client.bind(DEMO_DIRECTORY.bindDn, DEMO_DIRECTORY.bindPassword);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
