import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKamailio } from '../test/servers/kamailio';
import { startKea } from '../test/servers/kea';
import { startSmtp, type SmtpHandle } from '../test/servers/smtp';
import { startDemoDirectory } from './real/demo-directory';
import { ensureDatabase, ensureKeaHostsDatabase } from './real/real-databases';
import { readKeaSubnet, readRealStackEnv, realStackEnv } from './real/real-stack-config';
import { startDemoIdp, startLandbStandIn } from './real/stand-ins';
import { startDevServer } from './temporal/dev-server';
import { loadConfig } from '../libs/config/app-config';
import { prepareDatabase } from './prepare-database';
import { syncLegacyDirectory } from './legacy-directory-sync';
import { repositoryRoot } from '../libs/config/repository-root';

/**
 * `npm run start:real`: the product on real daemons of this machine, with the configuration of
 * docker-compose.yml (docker/real-stack.env; see scripts/real/real-stack-config.ts). Each daemon
 * listens on a loopback port, its state kept in .data/real or in PostgreSQL databases created on
 * the first start through REAL_POSTGRES_ADMIN_URL:
 *
 * - slapd with the demo organisation of docker/openldap (the directory and the phonebook),
 * - Kamailio with docker/kamailio/kamailio.cfg (database <prefix>_kamailio),
 * - Kea (kea-dhcp4 + control agent) serving subnet 1 of docker/kea/kea-dhcp4.conf, with its host
 *   reservations in <prefix>_kea (schema by kea-admin),
 * - an SMTP sink that prints every mail and keeps it in .data/real/mail/*.eml,
 * - the LanDB stand-in (the network database) and the demo OpenID Provider (any password),
 * - a Temporal dev server (.data/real/temporal.db), and the inventory in database <prefix>.
 *
 * Then `npm start` (scripts/start.ts) runs the worker, the API and the provisioning server on them.
 * A dev tool: it uses the test suite's daemon harnesses (test/servers), and no app imports it.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);
const root = repositoryRoot();
const dataDir = join(root, '.data', 'real');
const HOST = '127.0.0.1';

function requireCommands(commands: string[]): void {
  const missing = commands.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `start:real needs ${missing.join(', ')} on PATH (Debian: slapd, kamailio, kamailio-postgres-modules, ` +
        'kea-dhcp4-server, kea-ctrl-agent, kea-admin). Without them, use `npm start` (sandboxes) or ' +
        '`docker compose up` (everything in containers).',
    );
  }
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

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  requireCommands(['slapd', 'slapadd', 'kamailio', 'kea-dhcp4', 'kea-ctrl-agent', 'kea-admin']);
  const shared = readRealStackEnv(root);
  const stops: Array<() => Promise<void>> = [];
  const stopDaemons = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  const adminUrl = process.env.REAL_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const prefix = process.env.REAL_DATABASE_PREFIX ?? 'switchboard_real';
  const apiPort = port('API_PORT', 3000);
  const provisioningPort = port('PROVISIONING_PORT', 3001);
  const publicUrl = `http://${HOST}:${apiPort}`;
  let env: NodeJS.ProcessEnv;

  try {
    say('Starting slapd with the demo directory ...');
    const directory = await startDemoDirectory({
      port: port('REAL_LDAP_PORT', 38900),
      dataDir: join(dataDir, 'ldap'),
      runDir: join(dataDir, 'ldap-run'),
      adminPassword: 'switchboard-admin',
    });
    stops.push(() => directory.stop());

    const inventoryUrl = await ensureDatabase(adminUrl, prefix);
    const kamailioUrl = await ensureDatabase(adminUrl, `${prefix}_kamailio`);
    say('Starting Kamailio ...');
    const kamailio = await startKamailio({
      databaseUrl: kamailioUrl,
      domain: shared.SIP_DOMAIN,
      port: port('REAL_SIP_PORT', 35060),
    });
    stops.push(() => kamailio.stop());

    say('Starting Kea (kea-dhcp4 and its control agent) ...');
    const keaHosts = await ensureKeaHostsDatabase(adminUrl, `${prefix}_kea`);
    const subnet = readKeaSubnet(root);
    const [first, last] = shared.KEA_RESERVED_RANGE.split('-').map((a) => a.trim());
    const kea = await startKea({
      subnet: { ...subnet, reservedRange: { first, last } },
      hostsDatabase: keaHosts.kea,
    });
    stops.push(() => kea.stop());

    const smtp = await startSmtp({ port: port('REAL_SMTP_PORT', 32525) });
    const watcher = watchMail(smtp);
    stops.push(async () => {
      clearInterval(watcher);
      await smtp.stop();
    });

    const landb = await startLandbStandIn(shared, { host: HOST, port: port('REAL_LANDB_PORT', 38080) });
    stops.push(() => landb.stop());
    const idp = await startDemoIdp(shared, { host: HOST, port: port('REAL_OIDC_PORT', 38081), publicUrl });
    stops.push(() => idp.stop());

    say('Starting the Temporal dev server (state in .data/real/temporal.db) ...');
    const temporal = await startDevServer({
      port: port('TEMPORAL_DEV_PORT', 7233),
      uiPort: port('TEMPORAL_DEV_UI_PORT', 8233),
      dbFilename: join(dataDir, 'temporal.db'),
      log: say,
    });
    stops.push(() => temporal.stop());

    env = {
      ...process.env,
      PROVISIONING_UPLOAD_DIR: join(dataDir, 'provisioning-uploads'),
      ...realStackEnv(
        {
          DATABASE_URL: inventoryUrl,
          TEMPORAL_ADDRESS: temporal.address,
          TEMPORAL_UI_URL: temporal.uiUrl ?? 'http://127.0.0.1:8233',
          API_HOST: HOST,
          API_PORT: String(apiPort),
          PUBLIC_URL: publicUrl,
          PROVISIONING_URL: `http://${HOST}:${provisioningPort}`,
          LDAP_URL: directory.url,
          KAMAILIO_DATABASE_URL: kamailioUrl,
          SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
          KEA_DATABASE_URL: keaHosts.url,
          LANDB_WSDL_URL: landb.wsdlUrl,
          LANDB_ENDPOINT_URL: landb.url,
          OIDC_ISSUER: idp.issuer,
        },
        root,
      ),
      PROVISIONING_PORT: String(provisioningPort),
    };
    // The legacy inventory from the legacy lines the demo directory keeps on people, as a site
    // fills it (docs/legacy-directory.md): the schema first (start.js then finds it in place).
    say("Reading the directory's legacy lines into the legacy inventory ...");
    const config = loadConfig(env);
    await prepareDatabase(config, (line) => say(`  ${line}`));
    await syncLegacyDirectory(config, (line) => say(`  legacy lines ${line}`));
    say('');
    say('Real systems:');
    say(`  Directory    ${directory.url} (log ${directory.logFile})`);
    say(`  PBX          sip:${shared.SIP_DOMAIN} at udp:${kamailio.host}:${kamailio.sipPort}`);
    say(`  DHCP         Kea subnet ${subnet.subnet}, reservations in ${prefix}_kea, agent ${kea.controlUrl}`);
    say(`  Network DB   LanDB stand-in at ${landb.wsdlUrl}`);
    say(`  Sign-in      ${idp.issuer} (demo provider: any login of the demo people, any password)`);
    say(`  Mail         smtp://${smtp.host}:${smtp.port}, printed here and kept in .data/real/mail`);
    say('');
  } catch (error) {
    await stopDaemons();
    throw error;
  }

  // The rest is `npm start`: migrations, worker, API and provisioning server.
  const child = spawn(process.execPath, [join(root, 'dist', 'scripts', 'start.js')], {
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches the whole process group; start.js stops its apps, then the daemons stop here.
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
