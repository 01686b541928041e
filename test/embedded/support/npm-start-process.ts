import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/free-port';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * A checkout as `npm start` sees it after its build step: the compiled tree in <folder>/dist (the
 * real `tsc -p tsconfig.build.json`, once per file), the repository's node_modules and libs (for
 * the provisioning templates) linked beside it, and a package.json so the API looks for the portal
 * in <folder>/apps/portal/dist. The portal is not built there (vite takes long and the browser tests cover it), so the API answers its
 * not-built page. Its .data/ is the one `npm start` would use, so a second start reuses it.
 */
export async function buildCheckout(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-npm-start-'));
  const tsc = [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
  ];
  try {
    await promisify(execFile)(process.execPath, [...tsc, '--outDir', join(folder, 'dist')], { cwd: ROOT });
  } catch (error) {
    // tsc reports its errors on stdout: say them, not only "Command failed".
    const { stdout = '' } = error as { stdout?: string };
    removeCheckout(folder);
    throw new Error(`the build (tsc -p tsconfig.build.json) failed:\n${stdout.slice(0, 4000)}`);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  // Files the apps read at run time from the checkout (the provisioning templates).
  symlinkSync(join(ROOT, 'libs'), join(folder, 'libs'), 'dir');
  writeFileSync(join(folder, 'package.json'), '{"private": true}\n');
  return folder;
}

/**
 * What `npm run start:real` reads beside dist/ at run time: the daemons' configs (docker/: the shared
 * docker/real-stack.env, slapd, Kamailio, Kea) and the LanDB stand-in's WSDL (test/servers/fixtures).
 */
export function linkStartRealFiles(folder: string): void {
  for (const name of ['docker', 'test']) symlinkSync(join(ROOT, name), join(folder, name), 'dir');
  // mkdtemp makes the folder 0700: slapd, which drops to its own account, must reach .data/real.
  chmodSync(folder, 0o755);
}

export function removeCheckout(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

export interface StartPorts {
  temporal: number;
  temporalUi: number;
  api: number;
  provisioning: number;
}

export async function pickPorts(): Promise<StartPorts> {
  return {
    temporal: await freePort(),
    temporalUi: await freePort(),
    api: await freePort(),
    provisioning: await freePort(),
  };
}

/** Whether something still listens on the port: bind it ourselves and see. */
export async function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(true));
    server.listen(port, '127.0.0.1', () => server.close(() => done(false)));
  });
}

/** The processes of a process group, read from /proc: `pid command` each. */
export function processGroupMembers(pgid: number): string[] {
  const members: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join('/proc', entry, 'stat'), 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after its closing paren.
      const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(afterComm[2]) === pgid)
        members.push(`${entry} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))} ${afterComm[0]}`);
    } catch {
      // the process ended while we read
    }
  }
  return members;
}

/**
 * `node dist/scripts/start.js` in the checkout, as `npm start` runs it after building, in its own
 * process group like a command in a terminal, with a clean environment (no TEMPORAL_ADDRESS nor
 * DATABASE_URL: it starts its own Temporal dev server and uses SQLite in .data/).
 */
export class NpmStartProcess {
  readonly child: ChildProcess;
  output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `script`: start-real.js for `npm run start:real`, with its own variables in `extraEnv`. */
  constructor(
    folder: string,
    ports: StartPorts,
    options: { script?: string; extraEnv?: Record<string, string> } = {},
  ) {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
      ...(process.env.TEMPORAL_CLI_PATH ? { TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH } : {}),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_DEV_UI_PORT: String(ports.temporalUi),
      API_PORT: String(ports.api),
      PROVISIONING_PORT: String(ports.provisioning),
      PROVISIONING_URL: `http://127.0.0.1:${ports.provisioning}`,
      ...options.extraEnv,
    };
    this.child = spawn(process.execPath, [join(folder, 'dist', 'scripts', options.script ?? 'start.js')], {
      cwd: folder,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
  }

  get pgid(): number {
    return this.child.pid!;
  }

  /** Waits for the line start.ts prints once the API and the provisioning server answer. */
  async ready(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('Press Ctrl-C to stop.')) {
      if (this.child.exitCode !== null)
        throw new Error(`npm start exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`npm start not ready within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Ctrl-C in a terminal: SIGINT to every process of the foreground group. */
  async interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    process.kill(-this.pgid, 'SIGINT');
    return this.exited;
  }

  /** Teardown after a failed test: nothing of the group may outlive it. */
  async kill(): Promise<void> {
    if (processGroupMembers(this.pgid).length === 0) return;
    try {
      process.kill(-this.pgid, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exited;
  }
}

export function dataFolderExists(folder: string): boolean {
  return (
    existsSync(join(folder, '.data', 'switchboard.sqlite')) &&
    existsSync(join(folder, '.data', 'temporal.db'))
  );
}
