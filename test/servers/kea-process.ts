import { execFile, spawn, type ChildProcess } from 'node:child_process';

// Small process helpers for the Kea and DHCP harnesses. They live here rather than in the shared
// daemon helper so these harnesses can evolve without touching files other people own.

const OUTPUT_LIMIT = 64 * 1024;

/** Children still running when the test process exits are killed, so a crashed run leaks no daemon. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** The last 64 KiB of stdout and stderr, for error messages. */
  output(): string;
  /** Set once the process has exited. */
  exitStatus(): ProcessExit | undefined;
  readonly exited: Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartProcessOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Spawns a long-running process, keeping the tail of its output for diagnostics. */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: StartProcessOptions = {},
): ManagedProcess {
  installExitHook();
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  let status: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => {
      append(Buffer.from(`\n[${name}] spawn error: ${error.message}\n`));
      status ??= { code: null, signal: null };
      running.delete(child);
      resolve(status);
    });
    child.once('exit', (code, signal) => {
      status = { code, signal };
      running.delete(child);
      resolve(status);
    });
  });

  return {
    name,
    pid: child.pid,
    output: () => output,
    exitStatus: () => status,
    exited,
    async stop(graceMs = 10_000): Promise<void> {
      if (status) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a short command to completion; rejects with its stderr when it fails. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs ?? 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  description: string;
  /** Returns a reason to give up early (e.g. the daemon exited). */
  giveUpIf?: () => string | undefined;
}

/** Polls `probe` until it returns a value; never sleeps blindly past readiness. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 200;
  let lastError: unknown;
  for (;;) {
    const reason = options.giveUpIf?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${options.description}: ${reason}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.description}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
