import type { RunningDevServer } from '../../scripts/temporal/dev-server';
import { freePort } from '../../test/support/free-port';
import { dropDatabase } from './postgres';
import { RssWatch } from './rss';
import { appEnv, startApi, startTemporal, startWorker } from './stack';
import { say } from './stats';

/** What a benchmark's body gets: the memory watch, its Temporal server, and a place to register stops. */
export interface BenchContext {
  rss: RssWatch;
  temporal: RunningDevServer;
  /** Stopped in reverse order of registration when the benchmark ends, however it ends. */
  onStop(stop: () => Promise<void>): void;
  /** The built worker and api as their own processes on this benchmark's database and queue. */
  startApps(
    databaseUrl: string,
    extra?: NodeJS.ProcessEnv,
  ): Promise<{ base: string; env: NodeJS.ProcessEnv }>;
}

/**
 * Runs one benchmark: starts what it needs (a Temporal dev server unless `temporal: false`), runs
 * the body, then stops everything it started and drops its database. Exits non-zero on failure.
 */
export function runBench(
  options: { id: string; database: string; temporal?: boolean },
  body: (context: BenchContext) => Promise<void>,
): void {
  const rss = new RssWatch();
  const stops: Array<() => Promise<void>> = [];
  const onStop = (stop: () => Promise<void>) => void stops.unshift(stop);
  const main = async () => {
    try {
      const temporal = options.temporal === false ? undefined : await startTemporal(say);
      if (temporal) onStop(() => temporal.stop());
      const startApps = async (databaseUrl: string, extra?: NodeJS.ProcessEnv) => {
        if (!temporal) throw new Error(`(${options.id}) runs without Temporal: it cannot start the apps`);
        const apiPort = await freePort();
        const env = appEnv({
          databaseUrl,
          temporalAddress: temporal.address,
          taskQueue: `bench-${options.id}`,
          apiPort,
          extra,
        });
        const worker = await startWorker(env, rss);
        onStop(() => worker.stop());
        const api = await startApi(env, rss);
        onStop(() => api.stop());
        return { base: `http://127.0.0.1:${apiPort}`, env };
      };
      await body({ rss, temporal: temporal as RunningDevServer, onStop, startApps });
    } finally {
      for (const stop of stops) await stop();
      rss.stop();
      await dropDatabase(options.database);
    }
  };
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
