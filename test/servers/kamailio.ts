import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { repositoryRoot } from '../../libs/config/repository-root';
import { createScratchDatabase, dropScratchDatabase } from '../support/postgres';
import {
  dropPrivilegesTo,
  freeUdpPort,
  giveTo,
  makeTempDir,
  removeTempDir,
  runCommand,
  spawnDaemon,
  udpPortFree,
  waitUntil,
  type RunningDaemon,
} from './daemon';

/**
 * A real Kamailio 5.6 SIP registrar on a free loopback UDP port, authenticating REGISTER against the
 * `subscriber` table of a PostgreSQL database and saving contacts in its `location` table.
 *
 * Domain handling: `use_domain` is ON for both auth_db and usrloc, so a subscriber row must carry
 * `domain` = the configured domain (also the digest realm), and location rows carry it too. That
 * keeps one username per domain, as the PBX driver writes it.
 *
 * The config is docker/kamailio/kamailio.cfg, parameterised through environment variables; usrloc
 * runs in db_mode 3 (the location table is the registrar's only copy of the registrations).
 */

const SQL_DIR = '/usr/share/kamailio/postgres';

/** The one Kamailio config of the project (docker-compose.yml runs it too). */
export const KAMAILIO_CFG = join(repositoryRoot(), 'docker', 'kamailio', 'kamailio.cfg');

/** Kamailio's own table scripts, each with the table whose presence shows it was already loaded. */
export const KAMAILIO_SCHEMA_FILES = [
  { file: join(SQL_DIR, 'standard-create.sql'), table: 'version' },
  { file: join(SQL_DIR, 'auth_db-create.sql'), table: 'subscriber' },
  { file: join(SQL_DIR, 'usrloc-create.sql'), table: 'location' },
  // usr_preferences: the PBX driver keeps display names and bound desk phones there.
  { file: join(SQL_DIR, 'avpops-create.sql'), table: 'usr_preferences' },
] as const;

export const DEFAULT_SIP_DOMAIN = 'switchboard.test';

export interface KamailioOptions {
  /** UDP port to listen on; a free one by default. */
  port?: number;
  /** SIP domain and digest realm; `switchboard.test` by default. */
  domain?: string;
  /**
   * Database to use (its Kamailio tables are created if missing, and it is left in place on stop).
   * By default a scratch database is created and dropped on stop.
   */
  databaseUrl?: string;
  /** Kamailio `debug` level written to the log (2 = info, 3 = debug). */
  debugLevel?: number;
  /** Startup wait, default 30 s. */
  startTimeoutMs?: number;
  /** Address to listen on (e.g. a test network's, so phones in a namespace reach it); 127.0.0.1 by default. */
  host?: string;
}

export interface KamailioHandle {
  readonly host: string;
  readonly sipPort: number;
  readonly domain: string;
  readonly databaseUrl: string;
  readonly tempDir: string;
  readonly logFile: string;
  pid(): number;
  /** Stops Kamailio (SIGTERM, then SIGKILL), drops the scratch database and removes the temp dir. */
  stop(): Promise<void>;
}

export interface LocationContact {
  username: string;
  domain: string | null;
  contact: string;
  /** Kamailio writes local time into a column without time zone; read as local time. */
  expires: Date;
  userAgent: string;
  callId: string;
  cseq: number;
}

const HOST = '127.0.0.1';

/** Creates Kamailio's standard, auth_db and usrloc tables in `databaseUrl` where they are missing. */
export async function createKamailioSchema(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const { file, table } of KAMAILIO_SCHEMA_FILES) {
      const { rows } = await client.query<{ present: boolean }>(
        'SELECT to_regclass($1) IS NOT NULL AS present',
        [table],
      );
      if (rows[0]?.present) continue;
      await client.query(readFileSync(file, 'utf8'));
    }
  } finally {
    await client.end();
  }
}

/** The contacts Kamailio saved for `username` (in `domain`, when given), newest first. */
export async function locationContacts(
  databaseUrl: string,
  username: string,
  domain?: string,
): Promise<LocationContact[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      username: string;
      domain: string | null;
      contact: string;
      expires: Date;
      user_agent: string;
      callid: string;
      cseq: number;
    }>(
      `SELECT username, domain, contact, expires, user_agent, callid, cseq FROM location
        WHERE username = $1 AND ($2::text IS NULL OR domain = $2) ORDER BY last_modified DESC, id DESC`,
      [username, domain ?? null],
    );
    return rows.map((row) => ({
      username: row.username,
      domain: row.domain,
      contact: row.contact,
      expires: row.expires,
      userAgent: row.user_agent,
      callId: row.callid,
      cseq: row.cseq,
    }));
  } finally {
    await client.end();
  }
}

/** Kamailio's db_url form of a postgres:// URL (it accepts user[:password]@host[:port]/db). */
function kamailioDbUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `postgres://${auth}${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * The environment docker/kamailio/kamailio.cfg reads (the same file docker-compose.yml and
 * `npm run start:real` run): a registrar and nothing else.
 */
export function kamailioEnv(options: {
  port: number;
  domain: string;
  dbUrl: string;
  debugLevel: number;
  instance: string;
  host?: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAMAILIO_LISTEN: `udp:${options.host ?? HOST}:${options.port}`,
    KAMAILIO_SIP_DOMAIN: options.domain,
    KAMAILIO_DB_URL: options.dbUrl,
    KAMAILIO_DEBUG: String(options.debugLevel),
    // Two workers are plenty for tests on a 2-core machine.
    KAMAILIO_CHILDREN: '2',
    KAMAILIO_INSTANCE: options.instance,
  };
}

/** Starts Kamailio from a fresh temp dir and (unless given one) a scratch database. */
export async function startKamailio(options: KamailioOptions = {}): Promise<KamailioHandle> {
  const domain = options.domain ?? DEFAULT_SIP_DOMAIN;
  const ownsDatabase = options.databaseUrl === undefined;
  const dir = await makeTempDir('kamailio');
  let databaseUrl: string | undefined;
  let daemon: RunningDaemon | undefined;

  const cleanup = async (): Promise<void> => {
    try {
      await daemon?.stop();
      daemon = undefined;
    } finally {
      try {
        if (ownsDatabase && databaseUrl) await dropScratchDatabase(databaseUrl);
      } finally {
        await removeTempDir(dir);
      }
    }
  };

  try {
    databaseUrl = options.databaseUrl ?? (await createScratchDatabase('switchboard_kamailio'));
    await createKamailioSchema(databaseUrl);

    const host = options.host ?? HOST;
    const port = options.port ?? (await freeUdpPort(host));
    // Kamailio binds with SO_REUSEADDR, so a second instance would share a busy port silently.
    if (!(await udpPortFree(host, port))) throw new Error(`kamailio: udp:${host}:${port} is already in use`);
    const instance = randomBytes(8).toString('hex');
    const cfgPath = join(dir, 'kamailio.cfg');
    const runDir = join(dir, 'run');
    const logFile = join(dir, 'kamailio.log');
    // A copy in the temp dir, which the kamailio account can read wherever the checkout lives.
    copyFileSync(KAMAILIO_CFG, cfgPath);
    const env = kamailioEnv({
      port,
      domain,
      dbUrl: kamailioDbUrl(databaseUrl),
      debugLevel: options.debugLevel ?? 2,
      instance,
      host,
    });
    mkdirSync(runDir);
    // Kamailio reads its config as root, then drops to its account: only the runtime dir (pid file)
    // must belong to that account, and the temp dir must be traversable by it.
    const account = dropPrivilegesTo('kamailio');
    giveTo(dir, account);
    giveTo(runDir, account);

    // Fail fast with Kamailio's own words on a config error rather than after a 30 s wait.
    const check = await runCommand('kamailio', ['-c', '-f', cfgPath], { timeoutMs: 30_000, env });
    if (check.code !== 0) throw new Error(`kamailio -c rejected the config:\n${check.stderr}${check.stdout}`);

    const args = [
      '-f',
      cfgPath,
      '-DD',
      '-E',
      '-Y',
      runDir,
      '-P',
      join(runDir, 'kamailio.pid'),
      '-m',
      '32',
      '-M',
      '4',
    ];
    if (account) args.push('-u', account.user, '-g', account.group);
    const started = spawnDaemon({ name: 'kamailio', command: 'kamailio', args, logFile, env });
    daemon = started;
    await waitUntil(
      `kamailio answering SIP OPTIONS on udp:${host}:${port}`,
      async () => (await sipOptionsInstance(host, port, 1_000)) === instance,
      { daemon: started, timeoutMs: options.startTimeoutMs ?? 30_000, intervalMs: 250 },
    );

    const url = databaseUrl;
    return {
      host,
      sipPort: port,
      domain,
      databaseUrl: url,
      tempDir: dir,
      logFile,
      pid: () => started.pid,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * Sends one SIP OPTIONS over UDP and returns the X-Switchboard-Instance header of the answer, '' for
 * an answer without it, or undefined when nothing answers within `timeoutMs`.
 */
function sipOptionsInstance(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    let settled = false;
    const finish = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.once('error', () => finish(undefined));
    socket.on('message', (message) => {
      const text = message.toString('utf8');
      if (!text.startsWith('SIP/2.0 ')) return;
      finish(/^X-Switchboard-Instance:\s*(\S+)/im.exec(text)?.[1] ?? '');
    });
    socket.bind(0, host, () => {
      const local = socket.address().port;
      const id = randomBytes(6).toString('hex');
      const request = [
        `OPTIONS sip:probe@${host}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP ${host}:${local};branch=z9hG4bK${id};rport`,
        'Max-Forwards: 70',
        `From: <sip:probe@${host}>;tag=${id}`,
        `To: <sip:probe@${host}:${port}>`,
        `Call-ID: ${id}@${host}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(request, port, host, (error) => {
        if (error) finish(undefined);
      });
    });
  });
}
