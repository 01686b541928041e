import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadConfig } from '../libs/config/app-config';
import { prepareDatabase } from './prepare-database';
import { startDevServer, type RunningDevServer } from './temporal/dev-server';

/**
 * `npm start`: the whole product on embedded defaults. A Temporal dev server with its SQLite file
 * in .data/ (unless TEMPORAL_ADDRESS points at a cluster), the inventory in .data/ (unless
 * DATABASE_URL is set), demo people in sandbox mode, then the worker and the API as child
 * processes. Ctrl-C stops all of them; a second start reuses the data.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);
const root = resolve(__dirname, '..', '..');
const dataDir = resolve(root, '.data');

async function waitForHealth(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  name = 'the API',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    SQLITE_PATH: join(dataDir, 'switchboard.sqlite'),
    PROVISIONING_UPLOAD_DIR: join(dataDir, 'provisioning-uploads'),
    ...process.env,
  };
  let temporal: RunningDevServer | undefined;
  if (!env.TEMPORAL_ADDRESS) {
    const port = Number(env.TEMPORAL_DEV_PORT ?? 7233);
    const uiPort = Number(env.TEMPORAL_DEV_UI_PORT ?? 8233);
    say(`Starting the Temporal dev server on 127.0.0.1:${port} (state in .data/temporal.db) ...`);
    temporal = await startDevServer({ port, uiPort, dbFilename: join(dataDir, 'temporal.db'), log: say });
    env.TEMPORAL_ADDRESS = temporal.address;
    env.TEMPORAL_UI_URL = temporal.uiUrl;
  }
  const config = loadConfig(env);

  await prepareDatabase(config, say);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping ...');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await temporal?.stop();
    process.exit(code);
  };
  const launch = (name: string, script: string) => {
    const child = spawn(process.execPath, [join(root, 'dist', script)], { env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
        void stopAll(1);
      }
    });
    children.push(child);
    return child;
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  launch('worker', 'apps/worker/src/main.js');
  const api = launch('api', 'apps/api/src/main.js');
  const provisioning = launch('provisioning', 'apps/provisioning/src/main.js');
  const base = `http://${config.api.host}:${config.api.port}`;
  await waitForHealth(`${base}/health`, api, 60_000);
  const provisioningBase = `http://${config.provisioning.host}:${config.provisioning.port}`;
  await waitForHealth(`${provisioningBase}/health`, provisioning, 30_000, 'the provisioning server');

  say('');
  say('Switchboard is running:');
  say(`  Portal       ${base}/`);
  say(`  GraphQL      ${base}/graphql`);
  say(`  Temporal UI  ${config.temporal.uiUrl}`);
  say(
    `  Provisioning ${provisioningBase} (phones get ${config.provisioningUrl}/p/<secret>/ from their DHCP reservation)`,
  );
  if (config.sandbox)
    say(
      '  Sandbox mode: open the portal and pick a demo account at the top right — e.g. ada, grace, sam (not eligible), desk (service desk)',
    );
  say('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
