import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '../../../libs/config/app-config';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The real worker entry point (apps/worker/src/main.ts) as its own process, compiled on the fly by
 * bench/run.js, on the same database, Temporal server and task queue as the test's world; so it can
 * be killed with SIGKILL like a crashed pod and started again.
 */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  starts = 0;
  kills = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    if (this.config.database.type !== 'postgres') throw new Error('the worker process needs PostgreSQL');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bench', 'run.js'), join(ROOT, 'apps', 'worker', 'src', 'main.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...this.env,
          DATABASE_URL: this.config.database.url,
          TEMPORAL_ADDRESS: this.config.temporal.address,
          TEMPORAL_TASK_QUEUE: this.config.temporal.taskQueue,
          WORKFLOW_BUNDLE_PATH: this.config.worker.workflowBundlePath,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.starts += 1;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start in 120 s:\n${output}`)), 120_000);
      const watch = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('polling task queue')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', watch);
      child.stderr.on('data', watch);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${code ?? signal}) before polling:\n${output}`));
      });
    });
    // Keep draining its output so a full pipe never blocks it.
    child.stdout.removeAllListeners('data').resume();
    child.stderr.removeAllListeners('data').resume();
    child.removeAllListeners('exit');
  }

  /** SIGKILL: no shutdown hook runs, in-flight activities are simply lost. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
    this.child = undefined;
  }
}
