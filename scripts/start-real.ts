import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startKamailio, type KamailioHandle } from '../test/servers/kamailio';
import { startSmtp, type SmtpHandle } from '../test/servers/smtp';
import { DEMO_DIRECTORY, startDemoDirectory, type DemoDirectory } from './real/demo-directory';
import { repositoryRoot } from '../libs/config/repository-root';

/**
 * `npm run start:real`: `npm start` with the real directory, PBX and mail instead of their
 * sandboxes, each a local daemon on a high loopback port:
 *
 * - slapd with the demo organisation of docker/openldap (data kept in .data/real/ldap),
 * - Kamailio with docker/kamailio/kamailio.cfg on a PostgreSQL database `switchboard_real_kamailio`
 *   (created once through REAL_POSTGRES_ADMIN_URL),
 * - an SMTP catcher that prints every mail and keeps it in .data/real/mail/*.eml.
 *
 * SWITCHBOARD_SANDBOX stays true: the demo account selector (x-switchboard-user) works, fault
 * injection applies to the drivers that are still sandboxes (network database, DHCP, legacy), and
 * the sandbox SIP key seals the passwords. Everything else is `npm start` (scripts/start.ts).
 */

const say = (line: string) => process.stdout.write(`${line}\n`);
const root = repositoryRoot();
const dataDir = join(root, '.data', 'real');
const SIP_DOMAIN = 'switchboard.example';
const KAMAILIO_DATABASE = 'switchboard_real_kamailio';

function requireCommands(commands: string[]): void {
  const missing = commands.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `start:real needs ${missing.join(', ')} on PATH (Debian: slapd, kamailio, kamailio-postgres-modules). ` +
        'Without them, use `npm start` (sandboxes) or `docker compose up` (everything in containers).',
    );
  }
}

/** The Kamailio database, created on the first start and kept afterwards. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Prints each caught mail and keeps it as an .eml file. */
function watchMail(smtp: SmtpHandle): NodeJS.Timeout {
  const mailDir = join(dataDir, 'mail');
  mkdirSync(mailDir, { recursive: true });
  let seen = 0;
  return setInterval(() => {
    for (; seen < smtp.messages.length; seen += 1) {
      const mail = smtp.messages[seen];
      const file = join(mailDir, `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${seen}.eml`);
      writeFileSync(file, mail.raw);
      say(`[mail] to ${mail.to.join(', ')}: ${mail.subject}  (${file})`);
    }
  }, 500);
}

async function main(): Promise<void> {
  requireCommands(['slapd', 'slapadd', 'kamailio']);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const stops: Array<() => Promise<void>> = [];
  const stopDaemons = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    const ldapPort = Number(env.REAL_LDAP_PORT ?? 38900);
    say(`Starting slapd with the demo directory on 127.0.0.1:${ldapPort} ...`);
    const directory: DemoDirectory = await startDemoDirectory({
      port: ldapPort,
      dataDir: join(dataDir, 'ldap'),
      runDir: join(dataDir, 'ldap-run'),
      adminPassword: 'switchboard-admin',
    });
    stops.push(() => directory.stop());

    const adminUrl = env.REAL_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const kamailioDb = await ensureDatabase(adminUrl, KAMAILIO_DATABASE);
    const sipPort = Number(env.REAL_SIP_PORT ?? 35060);
    say(`Starting Kamailio on udp:127.0.0.1:${sipPort} (database ${KAMAILIO_DATABASE}) ...`);
    const kamailio: KamailioHandle = await startKamailio({
      databaseUrl: kamailioDb,
      domain: SIP_DOMAIN,
      port: sipPort,
    });
    stops.push(() => kamailio.stop());

    const smtp = await startSmtp({ port: Number(env.REAL_SMTP_PORT ?? 32525) });
    const watcher = watchMail(smtp);
    stops.push(async () => {
      clearInterval(watcher);
      await smtp.stop();
    });

    Object.assign(env, {
      DIRECTORY_DRIVER: 'ldap',
      LDAP_URL: directory.url,
      LDAP_BIND_DN: DEMO_DIRECTORY.bindDn,
      LDAP_BIND_PASSWORD: DEMO_DIRECTORY.bindPassword,
      LDAP_PEOPLE_BASE_DN: DEMO_DIRECTORY.peopleDn,
      LDAP_GROUPS_BASE_DN: DEMO_DIRECTORY.groupsDn,
      LDAP_PHONEBOOK_BASE_DN: DEMO_DIRECTORY.phonebookDn,
      LDAP_PERSON_OBJECT_CLASS: DEMO_DIRECTORY.personObjectClass,
      PBX_DRIVER: 'kamailio',
      KAMAILIO_DATABASE_URL: kamailioDb,
      SIP_DOMAIN,
      MAIL_DRIVER: 'smtp',
      SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
      MAIL_FROM: 'Switchboard <switchboard@switchboard.example>',
    });
    say('');
    say('Real systems:');
    say(`  Directory    ${directory.url} (${DEMO_DIRECTORY.baseDn}, log ${directory.logFile})`);
    say(
      `  PBX          sip:${SIP_DOMAIN} at udp:127.0.0.1:${sipPort}; phones register as <number>@${SIP_DOMAIN}`,
    );
    say(`  Mail         smtp://${smtp.host}:${smtp.port}, printed here and kept in .data/real/mail`);
    say('');
  } catch (error) {
    await stopDaemons();
    throw error;
  }

  // The rest is `npm start`: Temporal dev server, migrations, API and worker.
  const child = spawn(process.execPath, [join(root, 'dist', 'scripts', 'start.js')], {
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches the whole process group; a lone SIGTERM is passed on.
  process.on('SIGINT', () => undefined);
  process.once('SIGTERM', () => child.kill('SIGTERM'));
  child.once('exit', (code, signal) => {
    void stopDaemons().then(() => process.exit(code ?? (signal ? 1 : 0)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
