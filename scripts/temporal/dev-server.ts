import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/search-attributes';
import { resolveTemporalCli, type TemporalCliSource } from './temporal-cli';

export interface DevServerOptions {
  ip?: string;
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file for durable state; omit for an in-memory server (tests). */
  dbFilename?: string;
  namespace?: string;
  log?: (line: string) => void;
  /** Where the server's own output goes; by default it is discarded. */
  serverOutput?: 'inherit' | 'ignore';
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  source: TemporalCliSource['kind'];
  stop(): Promise<void>;
}

function searchAttributeArgs(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]);
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the Temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(
    `the Temporal dev server at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts a real Temporal server (the CLI's `server start-dev`) and waits until its frontend answers.
 * Used by `npm start` (with a SQLite file and the UI) and by the test harness (in memory, headless).
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const address = `${ip}:${options.port}`;
  const uiUrl = options.uiPort ? `http://${ip}:${options.uiPort}` : undefined;
  if (options.dbFilename) mkdirSync(dirname(options.dbFilename), { recursive: true });

  const source = resolveTemporalCli({ log: options.log });
  if (source.kind === 'sdk-download') {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip,
        port: options.port,
        namespace,
        ui: options.uiPort !== undefined,
        uiPort: options.uiPort,
        dbFilename: options.dbFilename,
        searchAttributes: [...SEARCH_ATTRIBUTES],
      },
    });
    return { address, uiUrl, source: source.kind, stop: () => env.teardown() };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(options.port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...searchAttributeArgs(),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFilename ? ['--db-filename', options.dbFilename] : []),
  ];
  const child = spawn(source.path, args, {
    stdio: ['ignore', options.serverOutput ?? 'ignore', options.serverOutput ?? 'ignore'],
  });
  try {
    await waitUntilServing(address, child, 60_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { address, uiUrl, source: source.kind, stop: () => stopChild(child) };
}
