import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { startDevServer, type RunningDevServer } from '../../scripts/temporal/dev-server';
import { freePort } from '../../test/support/free-port';
import { type RssWatch } from './rss';

export const ROOT = resolve(__dirname, '..', '..');
export const LOG_DIR = join(ROOT, '.tmp', 'bench');

/** A Temporal dev server of our own (in memory), through the project's own CLI script. */
export async function startTemporal(log: (line: string) => void): Promise<RunningDevServer> {
  const port = await freePort();
  return startDevServer({ port, log });
}

export interface AppProcess {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function requireBuild(script: string): string {
  const path = join(ROOT, 'dist', script);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run build\` first (the benchmarks run the built apps)`);
  }
  return path;
}

/**
 * Starts one built app (`dist/…`) as its own process, so its memory is its own, and waits until
 * its log shows `ready` (or `ready()` resolves). Output goes to .tmp/bench/<name>.log.
 */
export async function startApp(options: {
  name: string;
  /** A built app under dist/, or `argv` for anything else run by node. */
  script?: string;
  argv?: string[];
  env: NodeJS.ProcessEnv;
  readyLine?: RegExp;
  ready?: () => Promise<boolean>;
  timeoutMs?: number;
  rss?: RssWatch;
}): Promise<AppProcess> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = join(LOG_DIR, `${options.name}.log`);
  const out = createWriteStream(logPath);
  const argv = options.argv ?? [requireBuild(options.script ?? '')];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  const collect = (chunk: Buffer) => {
    out.write(chunk);
    if (seen.length < 200_000) seen += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  if (child.pid) options.rss?.watch(options.name, child.pid);

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited with code ${child.exitCode} while starting; see ${logPath}`);
    }
    if (options.readyLine?.test(seen)) break;
    if (options.ready && (await options.ready().catch(() => false))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${options.name} was not ready within ${options.timeoutMs ?? 120_000} ms; see ${logPath}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const stop = () =>
    new Promise<void>((done) => {
      options.rss?.sample();
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        out.end();
        done();
      });
      child.kill('SIGTERM');
    });
  return { name: options.name, child, stop };
}

/** The environment the api and the worker share for one benchmark: sandbox drivers, its own DB and queue. */
export function appEnv(options: {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  apiPort: number;
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  return {
    SWITCHBOARD_SANDBOX: 'true',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: '20',
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    API_HOST: '127.0.0.1',
    API_PORT: String(options.apiPort),
    // Mails and their retries are not what is measured; the sandbox mail driver is used.
    ...options.extra,
  };
}

let bundlePath: string | undefined = process.env.BENCH_WORKFLOW_BUNDLE;

/**
 * The workflow bundle, built once per run as docs/deployment.md recommends for production
 * (WORKFLOW_BUNDLE_PATH), so the worker's memory is that of serving, not of webpack at start.
 */
export async function workflowBundle(): Promise<string> {
  if (bundlePath) return bundlePath;
  const bundle = await bundleWorkflowCode({
    workflowsPath: join(ROOT, 'workflows', 'index.ts'),
    logger: new DefaultLogger('WARN'),
  });
  mkdirSync(LOG_DIR, { recursive: true });
  bundlePath = join(LOG_DIR, 'workflows-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  return bundlePath;
}

export async function startWorker(env: NodeJS.ProcessEnv, rss?: RssWatch): Promise<AppProcess> {
  return startApp({
    name: 'worker',
    script: 'apps/worker/src/main.js',
    env: {
      WORKFLOW_BUNDLE_PATH: await workflowBundle(),
      // Node flags for the worker alone (e.g. a heap limit), to measure their effect on its memory.
      ...(process.env.BENCH_WORKER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS }
        : {}),
      ...env,
    },
    readyLine: /polling task queue/,
    rss,
    timeoutMs: 180_000,
  });
}

export async function startApi(env: NodeJS.ProcessEnv, rss?: RssWatch): Promise<AppProcess> {
  const base = `http://127.0.0.1:${env.API_PORT}`;
  return startApp({
    name: 'api',
    script: 'apps/api/src/main.js',
    env,
    ready: async () => (await fetch(`${base}/health`)).ok,
    rss,
  });
}

/** The no-op worker of (a)'s baseline, run from source like the benchmarks themselves. */
export async function startNoopWorker(env: NodeJS.ProcessEnv, rss?: RssWatch): Promise<AppProcess> {
  return startApp({
    name: 'noop-worker',
    argv: [join(ROOT, 'bench', 'run.js'), join(ROOT, 'bench', 'noop', 'worker.ts')],
    env,
    readyLine: /polling task queue/,
    rss,
    timeoutMs: 180_000,
  });
}

/** One GraphQL call as a given sandbox account; throws on a GraphQL error. */
export async function graphql<T>(
  base: string,
  login: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-switchboard-user': login },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`${login}: ${body.errors.map((e) => e.message).join('; ')}`);
  if (!response.ok || !body.data) throw new Error(`${login}: HTTP ${response.status}`);
  return body.data;
}
