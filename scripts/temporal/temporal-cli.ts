import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The CLI tag that still builds with `go install` (newer tags carry a `replace` directive). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

/** Where the Temporal CLI comes from, in the order we look for it. */
export type TemporalCliSource =
  | { kind: 'env'; path: string }
  | { kind: 'path'; path: string }
  | { kind: 'cache'; path: string }
  | { kind: 'built'; path: string }
  | { kind: 'sdk-download' };

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** Print progress (a Go build takes a few minutes the first time). */
  log?: (line: string) => void;
  /** Build with Go when nothing is found; otherwise report that nothing is there. */
  allowBuild?: boolean;
}

export function cachedCliPath(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'switchboard', 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function goBinary(env: NodeJS.ProcessEnv): string | undefined {
  return onPath('go', env) ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/**
 * Builds the CLI into the cache outside the repository. The build goes to a scratch folder and is
 * renamed into place, so two runs racing each other never see a half-written binary.
 */
function buildWithGo(go: string, target: string, env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  const folder = join(target, '..');
  mkdirSync(folder, { recursive: true });
  const scratch = mkdtempSync(join(folder, '.build-'));
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go (once; cached in ${folder}) ...`);
  const result = spawnSync(go, ['install', MODULE], {
    env: { ...env, GOBIN: scratch, CGO_ENABLED: env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    if (result.status !== 0) {
      throw new Error(`go install ${MODULE} failed with exit code ${String(result.status)}`);
    }
    renameSync(join(scratch, 'temporal'), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then our cached build, then
 * a fresh `go install`; without Go, the SDK downloads its own copy when the dev server starts.
 */
export function resolveTemporalCli(options: ResolveOptions = {}): TemporalCliSource {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);

  const fromEnv = env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return { kind: 'env', path: fromEnv };
  }
  const fromPath = onPath('temporal', env);
  if (fromPath) return { kind: 'path', path: fromPath };

  const cached = cachedCliPath(env);
  if (isExecutable(cached)) return { kind: 'cache', path: cached };

  const go = goBinary(env);
  if (go && options.allowBuild !== false) {
    buildWithGo(go, cached, env, log);
    return { kind: 'built', path: cached };
  }
  log('No Temporal CLI and no Go toolchain found: the Temporal SDK will download its dev server.');
  return { kind: 'sdk-download' };
}

// `node dist/scripts/temporal/temporal-cli.js` prints the path, building it if needed (used by .ci/run).
if (require.main === module) {
  const source = resolveTemporalCli({ log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${source.kind === 'sdk-download' ? 'sdk-download' : source.path}\n`);
}
