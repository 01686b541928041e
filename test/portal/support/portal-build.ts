import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { requireTestEnv } from '../../support/test-env';

const ROOT = resolve(__dirname, '..', '..', '..');

async function sleep(ms: number): Promise<void> {
  await new Promise((done) => setTimeout(done, ms));
}

function viteBuild(outDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        'apps/portal',
        '--outDir',
        outDir,
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`vite build failed (exit ${code}):\n${output}`)),
    );
  });
}

/**
 * Builds the portal once per test run, into the run's temporary folder (beside the workflow bundle,
 * removed by the global teardown), whichever portal test file gets here first; the others wait.
 * The checkout's apps/portal/dist is left alone.
 */
export async function ensurePortalBuilt(): Promise<string> {
  const runDir = dirname(requireTestEnv('workflowBundle'));
  const outDir = join(runDir, 'portal');
  const lock = join(runDir, 'portal.lock');
  const done = join(runDir, 'portal.built');
  const failed = join(runDir, 'portal.failed');
  try {
    mkdirSync(lock);
  } catch {
    // Another file is building it.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (existsSync(done)) return outDir;
      if (existsSync(failed)) throw new Error('the portal build failed in another test file');
      await sleep(200);
    }
    throw new Error('the portal build did not finish within 120 s');
  }
  try {
    await viteBuild(outDir);
    mkdirSync(done);
    return outDir;
  } catch (error) {
    mkdirSync(failed);
    throw error;
  }
}
