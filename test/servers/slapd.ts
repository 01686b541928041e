import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { freePort } from '../support/free-port';
import {
  dropPrivilegesTo,
  giveTo,
  makeTempDir,
  removeTempDir,
  runCommand,
  spawnDaemon,
  tailFile,
  waitUntil,
  type RunningDaemon,
} from './daemon';

/**
 * A real OpenLDAP slapd on a free loopback port, with an mdb database seeded from
 * fixtures/directory.ldif (the organisation directory of docs/domain.md §2 to §4).
 */

const FIXTURES = join(__dirname, 'fixtures');
const SYSTEM_SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_PATH = '/usr/lib/ldap';

const BASE_DN = 'dc=switchboard,dc=test';
const PEOPLE_DN = `ou=people,${BASE_DN}`;
const GROUPS_DN = `ou=groups,${BASE_DN}`;
const PHONEBOOK_DN = `ou=phonebook,${BASE_DN}`;

const personDn = (uid: string): string => `uid=${uid},${PEOPLE_DN}`;
const groupDn = (cn: string): string => `cn=${cn},${GROUPS_DN}`;

/** Every seeded person's password (userPassword is stored in clear: it is a test directory). */
export function seededPersonPassword(uid: string): string {
  return `password-${uid}`;
}

export interface SeededPerson {
  uid: string;
  dn: string;
  cn: string;
  mail: string;
  personnelClass: string;
  personnelSubCode?: string;
  /** GeneralizedTime of the last working day; absent for open-ended contracts. */
  contractEnd?: string;
  office: string;
  /** uid of the supervisor (the `manager` attribute), if any. */
  manager?: string;
  /** Legacy numbers the phonebook lists under this person (telephoneNumber). */
  telephoneNumbers: readonly string[];
  /** Whether this person may use the service today under the default policy (docs/domain.md §2). */
  authorised: boolean;
  contractEnded: boolean;
}

function person(
  uid: string,
  cn: string,
  facts: Omit<SeededPerson, 'uid' | 'dn' | 'cn' | 'mail' | 'telephoneNumbers' | 'contractEnded'> & {
    telephoneNumbers?: readonly string[];
    contractEnded?: boolean;
  },
): SeededPerson {
  return {
    ...facts,
    uid,
    dn: personDn(uid),
    cn,
    mail: `${uid}@switchboard.test`,
    telephoneNumbers: facts.telephoneNumbers ?? [],
    contractEnded: facts.contractEnded ?? false,
  };
}

const FAR = '20991231235959Z';

/** The people in fixtures/directory.ldif, keyed by uid. Keep in step with the LDIF. */
const PEOPLE = {
  // Authorised classes.
  mlopez: person('mlopez', 'Maria Lopez', { personnelClass: 'STAF', office: '513/1-024', authorised: true }),
  asmith: person('asmith', 'Alice Smith', {
    personnelClass: 'STAF',
    contractEnd: FAR,
    office: '31/2-015',
    manager: 'mlopez',
    telephoneNumbers: ['72001'],
    authorised: true,
  }),
  bwong: person('bwong', 'Bao Wong', {
    personnelClass: 'FELL',
    contractEnd: '20280930235959Z',
    office: '40/3-B01',
    manager: 'mlopez',
    telephoneNumbers: ['72002'],
    authorised: true,
  }),
  cgarcia: person('cgarcia', 'Carlos Garcia', {
    personnelClass: 'USER',
    contractEnd: '20290331235959Z',
    office: '160/1-009',
    manager: 'mlopez',
    telephoneNumbers: ['72003'],
    authorised: true,
  }),
  dkim: person('dkim', 'Daeun Kim', {
    personnelClass: 'ASSOC',
    contractEnd: '20300630235959Z',
    office: '4/2-011',
    manager: 'mlopez',
    telephoneNumbers: ['72003', '72006'],
    authorised: true,
  }),
  eferrari: person('eferrari', 'Elena Ferrari', {
    personnelClass: 'EXTN',
    personnelSubCode: 'HONO',
    contractEnd: FAR,
    office: '864/1-A05',
    manager: 'mlopez',
    authorised: true,
  }),
  gpetit: person('gpetit', 'Gilles Petit', {
    personnelClass: 'COAS',
    contractEnd: '20270630235959Z',
    office: '65/R-012',
    manager: 'mlopez',
    authorised: true,
  }),
  hnguyen: person('hnguyen', 'Hoa Nguyen', {
    personnelClass: 'STAF',
    office: '31/1-005',
    manager: 'mlopez',
    authorised: true,
  }),
  iolsen: person('iolsen', 'Ingrid Olsen', {
    personnelClass: 'STAF',
    contractEnd: FAR,
    office: '31/1-007',
    manager: 'hnguyen',
    authorised: true,
  }),
  // The other codes that let an EXTN in: ILOF, SCIE and STAG are EXTN codes, not classes.
  nokafor: person('nokafor', 'Ngozi Okafor', {
    personnelClass: 'EXTN',
    personnelSubCode: 'ILOF',
    contractEnd: FAR,
    office: '60/6-015',
    manager: 'mlopez',
    authorised: true,
  }),
  opetrov: person('opetrov', 'Oleg Petrov', {
    personnelClass: 'EXTN',
    personnelSubCode: 'SCIE',
    contractEnd: FAR,
    office: '4/3-001',
    manager: 'mlopez',
    authorised: true,
  }),
  pschmidt: person('pschmidt', 'Paula Schmidt', {
    personnelClass: 'EXTN',
    personnelSubCode: 'STAG',
    contractEnd: FAR,
    office: '5/1-030',
    manager: 'mlopez',
    authorised: true,
  }),
  // Unauthorised classes, and EXTN with another code or none.
  jbauer: person('jbauer', 'Jonas Bauer', {
    personnelClass: 'EXMP',
    contractEnd: FAR,
    office: '40/1-C12',
    manager: 'mlopez',
    telephoneNumbers: ['72004'],
    authorised: false,
  }),
  kdubois: person('kdubois', 'Karine Dubois', {
    personnelClass: 'PART',
    contractEnd: FAR,
    office: '4/1-020',
    manager: 'mlopez',
    authorised: false,
  }),
  lrossi: person('lrossi', 'Luca Rossi', {
    personnelClass: 'RETP',
    contractEnd: FAR,
    office: '6/2-004',
    manager: 'mlopez',
    authorised: false,
  }),
  mtanaka: person('mtanaka', 'Mei Tanaka', {
    personnelClass: 'RETR',
    office: '40/4-A20',
    manager: 'mlopez',
    authorised: false,
  }),
  qjohnson: person('qjohnson', 'Quinn Johnson', {
    personnelClass: 'EXTN',
    personnelSubCode: 'CONT',
    contractEnd: FAR,
    office: '31/3-010',
    manager: 'mlopez',
    authorised: false,
  }),
  rsilva: person('rsilva', 'Rafael Silva', {
    personnelClass: 'EXTN',
    contractEnd: FAR,
    office: '112/R-007',
    manager: 'mlopez',
    authorised: false,
  }),
  // Authorised class, but the contract has ended.
  smartin: person('smartin', 'Sophie Martin', {
    personnelClass: 'STAF',
    contractEnd: '20250630235959Z',
    office: '31/2-020',
    manager: 'mlopez',
    telephoneNumbers: ['72005'],
    authorised: false,
    contractEnded: true,
  }),
  tbrown: person('tbrown', 'Thomas Brown', {
    personnelClass: 'FELL',
    contractEnd: '20260331235959Z',
    office: '160/2-014',
    manager: 'mlopez',
    authorised: false,
    contractEnded: true,
  }),
} as const satisfies Record<string, SeededPerson>;

export type SeededUid = keyof typeof PEOPLE;

/** Everything fixtures/directory.ldif seeds, so tests name facts instead of repeating literals. */
export const SEEDED_DIRECTORY = {
  baseDn: BASE_DN,
  peopleDn: PEOPLE_DN,
  groupsDn: GROUPS_DN,
  phonebookDn: PHONEBOOK_DN,
  adminDn: `cn=admin,${BASE_DN}`,
  adminPassword: 'switchboard-admin',
  /** Object classes and attributes of the test schema (fixtures/ldap-switchboard.schema). */
  schema: {
    personObjectClass: 'switchboardPerson',
    personnelClass: 'personnelClass',
    personnelSubCode: 'personnelSubCode',
    contractEnd: 'contractEnd',
  },
  people: PEOPLE,
  /** Notable logins by role, for tests that need "an authorised user", "a service-desk member" ... */
  logins: {
    authorisedStaff: 'asmith',
    authorisedFellow: 'bwong',
    authorisedUser: 'cgarcia',
    authorisedAssociate: 'dkim',
    authorisedExtnHono: 'eferrari',
    authorisedOtherClass: 'gpetit',
    supervisor: 'mlopez',
    serviceDesk: ['hnguyen', 'iolsen'],
    unitAdmin: 'mlopez',
    unauthorised: ['jbauer', 'kdubois', 'lrossi', 'mtanaka', 'qjohnson', 'rsilva'],
    contractEnded: ['smartin', 'tbrown'],
  },
  groups: {
    serviceDesk: {
      cn: 'phone-service-desk',
      dn: groupDn('phone-service-desk'),
      members: ['hnguyen', 'iolsen'],
    },
    managers65001: { cn: 'phone-mngr-65001', dn: groupDn('phone-mngr-65001'), members: ['asmith', 'bwong'] },
    unitAdmins: { cn: 'phone-unit-admins', dn: groupDn('phone-unit-admins'), members: ['mlopez'] },
    itCs: { cn: 'it-cs', dn: groupDn('it-cs'), members: ['asmith', 'hnguyen', 'iolsen', 'qjohnson'] },
  },
  legacyNumbers: {
    /** Listed under exactly one person: may migrate as personal (if that person is eligible). */
    soleHolder: { '72001': 'asmith', '72002': 'bwong', '72006': 'dkim' },
    /** Listed under several people: may only migrate as shared. */
    sharedListing: { '72003': ['cgarcia', 'dkim'] },
    /** Sole holder is not authorised (EXMP). */
    unauthorisedHolder: { '72004': 'jbauer' },
    /** Sole holder's contract has ended. */
    endedHolder: { '72005': 'smartin' },
    /** Legacy service number in the phonebook branch, responsible cgarcia, no managers e-group yet. */
    service: { '72010': 'cgarcia' },
  },
  phonebook: {
    /** An active shared number: owner asmith, managers e-group phone-mngr-65001. */
    shared65001: {
      dn: `cn=65001,${PHONEBOOK_DN}`,
      number: '65001',
      description: 'IT help line',
      owner: 'asmith',
      managersGroup: 'phone-mngr-65001',
    },
    legacyService72010: {
      dn: `cn=72010,${PHONEBOOK_DN}`,
      number: '72010',
      description: 'Lab 3 common area',
      owner: 'cgarcia',
    },
  },
} as const;

export interface SlapdOptions {
  /** Port to listen on; a free one by default. */
  port?: number;
  /** LDIF to seed with slapadd; fixtures/directory.ldif by default. */
  ldifPath?: string;
  /** slapd -d level written to the log file (see slapd(8)); `stats` logs every operation. */
  debugLevel?: string;
  /** Startup wait, default 30 s. */
  startTimeoutMs?: number;
  /** PEM files of a server certificate for 127.0.0.1: slapd then also listens on ldaps://. */
  tls?: { certFile: string; keyFile: string };
}

export interface SlapdHandle {
  readonly host: string;
  readonly port: number;
  /** ldap://127.0.0.1:PORT */
  readonly url: string;
  /** ldaps://127.0.0.1:PORT2, with the `tls` option. */
  readonly ldapsUrl?: string;
  readonly baseDn: string;
  readonly adminDn: string;
  readonly adminPassword: string;
  readonly tempDir: string;
  readonly logFile: string;
  /** PID of the running slapd (changes on restart). */
  pid(): number;
  /** Stops slapd and starts it again on the same port and data (a server restart mid-session). */
  restart(): Promise<void>;
  /** Stops slapd (SIGTERM, then SIGKILL) and removes its temp dir. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

function slapdConf(dir: string, dataDir: string, pidFile: string, tls: boolean): string {
  const schemas = ['core', 'cosine', 'nis', 'inetorgperson'].map(
    (name) => `include ${join(SYSTEM_SCHEMA_DIR, `${name}.schema`)}`,
  );
  return [
    '# Written by test/servers/slapd.ts; one throwaway instance per test file.',
    ...schemas,
    `include ${join(dir, 'ldap-switchboard.schema')}`,
    `pidfile ${pidFile}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    `modulepath ${MODULE_PATH}`,
    'moduleload back_mdb',
    // Tests create many connections in a short time; the default limits are fine, but keep idle
    // sockets from piling up if a client forgets to unbind.
    'idletimeout 300',
    // Copies of the options' PEM files in slapd's own folder, readable by its account.
    ...(tls
      ? [
          `TLSCertificateFile ${join(dir, 'tls-cert.pem')}`,
          `TLSCertificateKeyFile ${join(dir, 'tls-key.pem')}`,
        ]
      : []),
    'database mdb',
    // The map is address space, not disk (the file grows with the data): room for a benchmark's
    // 100,000 people, while the seeded directory stays a few hundred kilobytes.
    'maxsize 1073741824',
    `suffix "${BASE_DN}"`,
    `rootdn "${SEEDED_DIRECTORY.adminDn}"`,
    `rootpw ${SEEDED_DIRECTORY.adminPassword}`,
    `directory ${dataDir}`,
    'index objectClass eq',
    'index uid,mail,cn,telephoneNumber,member,roleOccupant,manager eq',
    // People may bind with their password; everyone may read everything else, as in a phonebook.
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by * read',
    '',
  ].join('\n');
}

/** Starts slapd from a fresh temp dir seeded with the directory fixture. */
export async function startSlapd(options: SlapdOptions = {}): Promise<SlapdHandle> {
  const dir = await makeTempDir('slapd');
  try {
    return await startInDir(dir, options);
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}

async function startInDir(dir: string, options: SlapdOptions): Promise<SlapdHandle> {
  const port = options.port ?? (await freePort(HOST));
  const url = `ldap://${HOST}:${port}/`;
  const ldapsUrl = options.tls ? `ldaps://${HOST}:${await freePort(HOST)}/` : undefined;
  const dataDir = join(dir, 'data');
  const confPath = join(dir, 'slapd.conf');
  const logFile = join(dir, 'slapd.log');
  const pidFile = join(dir, 'slapd.pid');
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  // slapd may drop to its own account; slapadd cannot, so it runs as us and we hand the files over.
  const account = dropPrivilegesTo('openldap');

  mkdirSync(dataDir);
  copyFileSync(join(FIXTURES, 'ldap-switchboard.schema'), join(dir, 'ldap-switchboard.schema'));
  if (options.tls) {
    copyFileSync(options.tls.certFile, join(dir, 'tls-cert.pem'));
    copyFileSync(options.tls.keyFile, join(dir, 'tls-key.pem'));
  }
  writeFileSync(confPath, slapdConf(dir, dataDir, pidFile, options.tls !== undefined));

  const seeded = await runCommand(
    'slapadd',
    ['-q', '-f', confPath, '-l', options.ldifPath ?? join(FIXTURES, 'directory.ldif')],
    {
      timeoutMs,
    },
  );
  if (seeded.code !== 0) {
    throw new Error(`slapadd failed (code ${String(seeded.code)}):\n${seeded.stderr}${seeded.stdout}`);
  }
  const tlsFiles = options.tls ? [join(dir, 'tls-cert.pem'), join(dir, 'tls-key.pem')] : [];
  for (const path of [dir, dataDir, ...tlsFiles, ...readdirSync(dataDir).map((name) => join(dataDir, name))])
    giveTo(path, account);

  const args = [
    '-f',
    confPath,
    '-h',
    [url, ldapsUrl].filter(Boolean).join(' '),
    '-d',
    options.debugLevel ?? 'stats',
  ];
  if (account) args.push('-u', account.user, '-g', account.group);

  let daemon: RunningDaemon | undefined;
  const launch = async (): Promise<void> => {
    rmSync(pidFile, { force: true });
    const started = spawnDaemon({ name: 'slapd', command: 'slapd', args, logFile });
    daemon = started;
    try {
      // The pid file check makes sure the answer comes from this slapd: it writes the file only after
      // binding its listener, whereas a stray server on the same port would answer the probe too.
      await waitUntil(
        'slapd answering an admin bind and a search of the base entry',
        async () => (await ownsPidFile(pidFile, started.pid)) && (await probe(url)),
        { daemon: started, timeoutMs },
      );
    } catch (error) {
      await started.stop();
      throw error;
    }
  };
  const halt = async (): Promise<void> => {
    const running = daemon;
    daemon = undefined;
    await running?.stop();
  };

  await launch();
  return {
    host: HOST,
    port,
    url,
    ldapsUrl,
    baseDn: BASE_DN,
    adminDn: SEEDED_DIRECTORY.adminDn,
    adminPassword: SEEDED_DIRECTORY.adminPassword,
    tempDir: dir,
    logFile,
    pid: () => {
      if (!daemon) throw new Error('slapd is not running');
      return daemon.pid;
    },
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      try {
        await halt();
      } finally {
        await removeTempDir(dir);
      }
    },
  };
}

async function ownsPidFile(pidFile: string, pid: number): Promise<boolean> {
  try {
    return Number((await readFile(pidFile, 'utf8')).trim()) === pid;
  } catch {
    return false;
  }
}

// Ready means the database answers as the admin, not merely that the port is open.
async function probe(url: string): Promise<boolean> {
  const client = new Client({ url, timeout: 2_000, connectTimeout: 2_000 });
  try {
    await client.bind(SEEDED_DIRECTORY.adminDn, SEEDED_DIRECTORY.adminPassword);
    const { searchEntries } = await client.search(BASE_DN, { scope: 'base', attributes: ['dc'] });
    return searchEntries.length === 1;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** For error messages: the recent slapd log of a handle. */
export function slapdLogTail(handle: Pick<SlapdHandle, 'logFile'>, lines = 40): string {
  return tailFile(handle.logFile, lines);
}
