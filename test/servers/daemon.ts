import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

/** Shared plumbing for the harnesses that run real daemons (slapd, Kamailio, ...) in tests. */

export interface DaemonExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnDaemonOptions {
  /** Short name used in error messages. */
  name: string;
  command: string;
  args: readonly string[];
  /** File that receives the daemon's stdout and stderr (appended, so restarts keep history). */
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningDaemon {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<DaemonExit>;
  /** The exit status once known, so waits can fail fast on a crashed daemon. */
  exitStatus(): DaemonExit | undefined;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves once the process is gone. */
  stop(timeoutMs?: number): Promise<void>;
}

interface ProcessRef {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22): guards against PID reuse. */
  start: string;
}

function readStat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie has exited already; this container's PID 1 does not always reap orphans.
    if (fields[0] === 'Z') return undefined;
    return { ppid: Number(fields[1]), start: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** The processes descending from `pid` (Kamailio's workers, for instance), from /proc. */
function descendantsOf(pid: number): ProcessRef[] {
  const children = new Map<number, ProcessRef[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of entries) {
    const stat = readStat(Number(name));
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push({ pid: Number(name), start: stat.start });
    children.set(stat.ppid, siblings);
  }
  const found: ProcessRef[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

function signal(ref: ProcessRef | number, sig: NodeJS.Signals): void {
  const pid = typeof ref === 'number' ? ref : ref.pid;
  // Only signal a remembered process if it is still the same one (same start time).
  if (typeof ref !== 'number' && readStat(pid)?.start !== ref.start) return;
  try {
    realProcess.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

// Daemons still running in this Node process: if the test process exits without calling stop()
// (a failed assertion between start and afterAll, a forgotten afterAll), they are killed instead of
// lingering on their port. A SIGKILLed test process cannot do this; the daemons are then orphans.
const live = new Set<number>();
// Temp dirs not yet removed, removed at exit for the same reason.
const tempDirs = new Set<string>();
let exitHookInstalled = false;

/**
 * The Node process object itself. Inside Jest, `process` is a per-test-file copy whose 'exit'
 * listeners never run; code compiled by vm.runInThisContext sees the real one.
 */
const realProcess = runInThisContext('process') as NodeJS.Process;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  realProcess.once('exit', () => {
    for (const pid of live) {
      const family = descendantsOf(pid);
      signal(pid, 'SIGKILL');
      for (const ref of family) signal(ref, 'SIGKILL');
    }
    // Only synchronous work runs here: scratch databases of leaked daemons stay behind.
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** Starts a long-running daemon in the foreground with its output sent to `logFile`. */
export function spawnDaemon(options: SpawnDaemonOptions): RunningDaemon {
  installExitHook();
  const logFd = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    // Same process group as the test process (not detached), so Ctrl-C or a killed job group also
    // stops the daemon.
    child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(logFd);
  }

  let status: DaemonExit | undefined;
  const exited = new Promise<DaemonExit>((resolve) => {
    child.once('exit', (code, sig) => {
      status = { code, signal: sig };
      if (child.pid !== undefined) live.delete(child.pid);
      resolve(status);
    });
    child.once('error', (error) => {
      status = { code: null, signal: null };
      appendError(options.logFile, error);
      resolve(status);
    });
  });

  const pid = child.pid;
  if (pid === undefined) {
    // spawn reports ENOENT and friends asynchronously through 'error'; the caller sees a dead daemon.
    return {
      name: options.name,
      pid: -1,
      logFile: options.logFile,
      exited,
      exitStatus: () => status ?? { code: null, signal: null },
      stop: async () => {
        await exited;
      },
    };
  }
  live.add(pid);
  // A daemon a test forgot to stop must not keep Jest waiting forever: unref'd, the process can
  // exit, and the exit hook above kills the daemon.
  child.unref();

  return {
    name: options.name,
    pid,
    logFile: options.logFile,
    exited,
    exitStatus: () => status,
    stop: async (timeoutMs = 10_000) => {
      if (status) return;
      // Remember the workers now: once the parent is gone they are reparented and harder to find.
      const family = descendantsOf(pid);
      signal(pid, 'SIGTERM');
      if (!(await settlesWithin(exited, timeoutMs))) {
        signal(pid, 'SIGKILL');
        await exited;
      }
      // A daemon normally takes its workers down with it; kill any that outlived it.
      const survivors = family.filter((ref) => readStat(ref.pid)?.start === ref.start);
      if (survivors.length > 0) {
        for (const ref of survivors) signal(ref, 'SIGTERM');
        await waitUntil(
          'the daemon workers exiting',
          () => Promise.resolve(survivors.every((ref) => readStat(ref.pid)?.start !== ref.start)),
          {
            timeoutMs: Math.min(timeoutMs, 5_000),
          },
        ).catch(() => survivors.forEach((ref) => signal(ref, 'SIGKILL')));
      }
      live.delete(pid);
    },
  };
}

function appendError(logFile: string, error: Error): void {
  try {
    const fd = openSync(logFile, 'a');
    try {
      // Synchronous write: the log is read right after the daemon is seen dead.
      writeSync(fd, `\n[harness] spawn failed: ${error.message}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Nothing more useful to do with a diagnostic we cannot write.
  }
}

/** Whether `promise` settles within `ms`; the timer is cleared so it never holds the event loop. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last `lines` lines of a text file, or a note that it is missing. */
export function tailFile(path: string, lines = 40): string {
  if (!existsSync(path)) return `(no ${path})`;
  const text = readFileSync(path, 'utf8');
  return text.split('\n').slice(-lines).join('\n').trimEnd();
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Stops waiting early (and fails) once the daemon has exited. */
  daemon?: RunningDaemon;
}

/**
 * Polls `probe` until it resolves true. Fails with the last probe error, the daemon's exit status and
 * the tail of its log when the daemon dies or the timeout passes.
 */
export async function waitUntil(
  description: string,
  probe: () => Promise<boolean>,
  options: WaitOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 200;
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt';
  for (;;) {
    const exit = options.daemon?.exitStatus();
    if (exit && options.daemon) {
      throw daemonError(
        options.daemon,
        `exited (code ${String(exit.code)}, signal ${String(exit.signal)}) before ${description}`,
      );
    }
    try {
      if (await probe()) return;
      lastError = 'probe answered not ready';
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      const reason = `${description} did not happen within ${timeoutMs} ms (last: ${lastError})`;
      throw options.daemon ? daemonError(options.daemon, reason) : new Error(reason);
    }
    await delay(intervalMs);
  }
}

/** An error that carries the tail of the daemon's log, for startup failures. */
export function daemonError(daemon: Pick<RunningDaemon, 'name' | 'logFile'>, message: string): Error {
  return new Error(
    `${daemon.name}: ${message}\n--- tail of ${daemon.logFile} ---\n${tailFile(daemon.logFile)}`,
  );
}

/** True once something accepts TCP connections on host:port. */
export function tcpAccepts(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * A UDP port nothing is bound to on `host` right now. UDP daemons (Kamailio, sipp) need this rather
 * than a TCP-free port.
 */
export function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Whether a UDP bind on host:port succeeds. Our socket does not set SO_REUSEADDR, so this also
 * fails when a daemon that does set it (Kamailio) holds the port, which the daemon itself would not
 * notice: Linux lets two SO_REUSEADDR sockets share a UDP port.
 */
export function udpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

export async function waitForTcpPort(host: string, port: number, options: WaitOptions = {}): Promise<void> {
  await waitUntil(`${host}:${port} accepting TCP connections`, () => tcpAccepts(host, port), options);
}

/** A fresh private directory under the OS temp dir. */
export async function makeTempDir(prefix: string): Promise<string> {
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), `switchboard-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export interface UnixAccount {
  user: string;
  group: string;
  uid: number;
  gid: number;
}

/**
 * The unprivileged account a daemon should drop to, when we are root and the account exists.
 * Returns undefined when not root (the daemon then simply runs as the current user).
 */
export function dropPrivilegesTo(user: string): UnixAccount | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    const group = execFileSync('id', ['-gn', user], { encoding: 'utf8' }).trim();
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) return undefined;
    return { user, group, uid, gid };
  } catch {
    return undefined;
  }
}

/** Hands a path (not recursively) to `account`, so a daemon that dropped privileges can use it. */
export function giveTo(path: string, account: UnixAccount | undefined): void {
  if (!account) return;
  const stat = statSync(path);
  if (stat.uid !== account.uid || stat.gid !== account.gid) chownSync(path, account.uid, account.gid);
}

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a short-lived command to completion, killing it after `timeoutMs`. Never rejects on exit code. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
