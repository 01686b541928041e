import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '../../../libs/config/app-config';

export const ROOT = join(__dirname, '..', '..', '..');

/** What to run: a TypeScript file given to bench/run.js, its environment, and the line it prints once it serves. */
export interface EntryPoint {
  /** For messages: "worker", "API". */
  name: string;
  /** Arguments after `node bench/run.js`, as absolute paths. */
  args: string[];
  env: Record<string, string>;
  readyLine: string;
}

/** The variables that put a process on the test world's database, Temporal namespace and task queue. */
export function worldEnv(config: AppConfig): Record<string, string> {
  if (config.database.type !== 'postgres') throw new Error('a process of its own needs PostgreSQL');
  return {
    DATABASE_URL: config.database.url,
    TEMPORAL_ADDRESS: config.temporal.address,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    ...(config.worker.workflowBundlePath ? { WORKFLOW_BUNDLE_PATH: config.worker.workflowBundlePath } : {}),
  };
}

/** The end of a process's output kept for messages (its log is otherwise drained and dropped). */
const TAIL_CHARS = 20_000;

/**
 * A real entry point as its own process, compiled on the fly by bench/run.js, so it can be killed with
 * SIGKILL like a crashed pod and started again (each start is a new process on the same settings).
 */
export class EntryPointProcess {
  private child: ChildProcess | undefined;
  private readonly killed = new WeakSet<ChildProcess>();
  starts = 0;
  kills = 0;
  /** How long each start took until the ready line (compiling included), in ms. */
  readonly startMs: number[] = [];
  /** Exits nobody asked for (a crash of its own), each with the end of its output. */
  readonly diedAlone: string[] = [];

  constructor(private readonly entry: EntryPoint) {}

  async start(timeoutMs = 180_000): Promise<void> {
    const { name, args, env, readyLine } = this.entry;
    const begun = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'run.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    let output = '';
    // Keep reading its output all along, so a full pipe never blocks it.
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-TAIL_CHARS));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let ready = false;
    child.once('exit', (code, signal) => {
      if (ready && !this.killed.has(child))
        this.diedAlone.push(`the ${name} exited by itself (${code ?? signal}):\n${output}`);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the ${name} did not start in ${timeoutMs / 1000} s:\n${output}`)),
        timeoutMs,
      );
      const watch = () => {
        if (!output.includes(readyLine)) return;
        clearTimeout(timer);
        child.stdout.off('data', watch);
        child.stderr.off('data', watch);
        child.removeListener('exit', early);
        resolve();
      };
      const early = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`the ${name} exited (${code ?? signal}) before it was ready:\n${output}`));
      };
      // After `keep`, so `output` already holds the chunk.
      child.stdout.on('data', watch);
      child.stderr.on('data', watch);
      child.once('exit', early);
    });
    ready = true;
    this.startMs.push(Date.now() - begun);
  }

  /** SIGKILL: no shutdown hook runs, whatever it was doing is simply lost. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.killed.add(child);
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }
}
