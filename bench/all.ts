import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './support/report';
import { LOG_DIR, ROOT, workflowBundle } from './support/stack';
import { say } from './support/stats';

/**
 * Runs the benchmarks one after another, each in its own process, then (f): the peak memory of
 * the api, the worker and the provisioning server over all of them.
 *
 *   node bench/run.js bench/all.ts                 small sizes: a quick check that all of it works
 *   BENCH_FULL=1 node bench/run.js bench/all.ts    the sizes of issue 8 (except (b), see below)
 *   BENCH_ONLY=a,c …                               some of them
 * Every size is an environment variable of its benchmark (see each file); those set by hand win
 * over both profiles. Needs `npm run build` first (the apps run from dist/).
 */
const BENCHES: Record<string, string> = {
  a: 'a-new-personal-number.ts',
  b: 'b-campaign.ts',
  c: 'c-portal-query.ts',
  d: 'd-reconciliation.ts',
  e: 'e-boot-storm.ts',
};

// (b) at the issue's size: 10,000 items (BENCH_B_COUNT overrides; at most an hour of waiting).
const FULL: NodeJS.ProcessEnv = {
  BENCH_A_COUNT: '200',
  BENCH_B_COUNT: '10000',
  BENCH_B_TIMEOUT_S: '3600',
  BENCH_C_NUMBERS: '100000',
  BENCH_C_PEOPLE: '50000',
  BENCH_C_PHONES: '20000',
  BENCH_C_SECONDS: '15',
  BENCH_C_MUTATIONS: '100',
  BENCH_D_NUMBERS: '100000',
  BENCH_D_PEOPLE: '50000',
  BENCH_D_PHONES: '20000',
  BENCH_E_PHONES: '10000',
  BENCH_E_CONNECTIONS: '100',
};

async function main(): Promise<void> {
  const only = (process.env.BENCH_ONLY ?? Object.keys(BENCHES).join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of only) if (!BENCHES[id]) throw new Error(`BENCH_ONLY: no benchmark "${id}" (a-e)`);
  const env: NodeJS.ProcessEnv = {
    ...(process.env.BENCH_FULL === '1' ? FULL : {}),
    ...process.env,
    BENCH_WORKFLOW_BUNDLE: await workflowBundle(),
  };
  say(
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );
  say(`date: ${new Date().toISOString()}; profile: ${process.env.BENCH_FULL === '1' ? 'full' : 'quick'}`);
  for (const id of only) rmSync(join(LOG_DIR, `${id}.json`), { force: true });

  const failed: string[] = [];
  for (const id of only) {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bench', 'run.js'), join(ROOT, 'bench', BENCHES[id])],
      {
        cwd: ROOT,
        env,
        stdio: 'inherit',
      },
    );
    say(
      `  (${id}) took ${((Date.now() - started) / 1000).toFixed(0)} s${run.status === 0 ? '' : ` and FAILED (exit ${run.status})`}`,
    );
    if (run.status !== 0) failed.push(id);
  }

  // (f) Peak RSS of each app over every benchmark that ran it.
  const peaks = new Map<string, { mib: number; bench: string }>();
  for (const id of only) {
    const path = join(LOG_DIR, `${id}.json`);
    if (!existsSync(path)) continue;
    const result = JSON.parse(readFileSync(path, 'utf8')) as BenchResult;
    for (const [name, mib] of Object.entries(result.peakRssMiB)) {
      if ((peaks.get(name)?.mib ?? 0) < mib) peaks.set(name, { mib, bench: id });
    }
  }
  say('');
  say('== (f) peak RSS (VmHWM) over the benchmarks above; target each ≤ 300 MiB');
  for (const app of ['api', 'worker', 'provisioning']) {
    const peak = peaks.get(app);
    say(peak ? `  ${app}: ${peak.mib.toFixed(0)} MiB (during (${peak.bench}))` : `  ${app}: not run`);
  }
  if (failed.length > 0) {
    say(`FAILED: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
