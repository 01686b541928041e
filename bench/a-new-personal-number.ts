import 'reflect-metadata';
import { runBench } from './support/bench-run';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { workflowIds } from '../libs/contracts/workflow-ids';
import { freshAppDatabase } from './support/database';
import { withPg } from './support/postgres';
import { printResult, ratio } from './support/report';
import { benchLogin, seedPeople } from './support/seed';
import { graphql, startNoopWorker } from './support/stack';
import { envInt, formatLatency, say, summarise, timedPool } from './support/stats';

/**
 * (a) N new-personal-number requests end to end — the API accepts each one (rules, locks, the
 * request row, the workflow start), the worker runs every step on the sandbox drivers — against
 * the same count of no-op workflows with as many activities, on the same Temporal server.
 *
 *   node bench/run.js bench/a-new-personal-number.ts      (BENCH_A_COUNT, BENCH_A_CONCURRENCY)
 */
const COUNT = envInt('BENCH_A_COUNT', 50);
const CONCURRENCY = envInt('BENCH_A_CONCURRENCY', 10);
const DB = 'bench_a';

async function waitForRequests(
  url: string,
  count: number,
  timeoutMs: number,
  requester = 'bench%',
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await withPg(url, (pg) =>
      pg.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM requests WHERE requester LIKE $1 GROUP BY status`,
        [requester],
      ),
    );
    const byStatus = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
    const done = (byStatus.COMPLETED ?? 0) + (byStatus.FAILED ?? 0) + (byStatus.CANCELLED ?? 0);
    if (done >= count) return byStatus;
    if (Date.now() > deadline) throw new Error(`requests not finished in time: ${JSON.stringify(byStatus)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

runBench({ id: 'a', database: DB }, async ({ rss, temporal, onStop, startApps }) => {
  say(`(a) ${COUNT} new-personal-number requests, ${CONCURRENCY} at a time`);
  const url = await freshAppDatabase(DB);
  await withPg(url, (pg) => seedPeople(pg, COUNT));
  const { base } = await startApps(url);

  // Warm-up: one demo person's request outside the measurement (first workflow task, JIT, pools).
  await graphql(base, 'ada', 'mutation { requestPersonalNumber { id status } }');
  await waitForRequests(url, 1, 60_000, 'ada');

  const started = performance.now();
  const accept = await timedPool(COUNT, CONCURRENCY, async (i) => {
    await graphql(base, benchLogin(i + 1), 'mutation { requestPersonalNumber { id status } }');
  });
  const byStatus = await waitForRequests(url, COUNT, 15 * 60_000);
  const realSeconds = (performance.now() - started) / 1000;
  const e2e = await withPg(url, (pg) =>
    pg.query<{ ms: string }>(
      `SELECT extract(epoch FROM ("finishedAt" - "createdAt")) * 1000 AS ms FROM requests WHERE requester LIKE 'bench%'`,
    ),
  );

  // The baseline runs exactly as many activities as a real request did.
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const history = await client.workflow.getHandle(workflowIds.personalNumber(benchLogin(1))).fetchHistory();
  const activityCount = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
  const localCount = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes).length;
  say(
    `  one real request ran ${activityCount} activities and ${localCount} local ones; the baseline runs as many`,
  );
  if (process.env.BENCH_VERBOSE === '1') {
    const t0 = Number(history.events?.[0]?.eventTime?.seconds ?? 0) * 1000;
    for (const e of history.events ?? []) {
      const at = Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6 - t0;
      say(`    +${at.toFixed(0)} ms ${proto.api.enums.v1.EventType[e.eventType ?? 0]}`);
    }
  }

  const noop = await startNoopWorker(
    { TEMPORAL_ADDRESS: temporal.address, NOOP_TASK_QUEUE: 'bench-noop' },
    rss,
  );
  onStop(() => noop.stop());
  await client.workflow.execute('noopWorkflow', {
    taskQueue: 'bench-noop',
    workflowId: 'noop-warmup',
    args: [1],
  });
  const baseStarted = performance.now();
  const handles: Array<Promise<unknown>> = [];
  const baseStart = await timedPool(COUNT, CONCURRENCY, async (i) => {
    const handle = await client.workflow.start('noopWorkflow', {
      taskQueue: 'bench-noop',
      workflowId: `noop-${i}`,
      args: [activityCount, localCount],
    });
    handles.push(handle.result());
  });
  await Promise.all(handles);
  const baseSeconds = (performance.now() - baseStarted) / 1000;
  await connection.close();

  const realRate = COUNT / realSeconds;
  const baseRate = COUNT / baseSeconds;
  const peaks = rss.report();
  delete peaks['noop-worker'];
  printResult({
    id: 'a',
    title: `${COUNT} new-personal-number requests end to end (${CONCURRENCY} at a time)`,
    lines: [
      `outcome: ${JSON.stringify(byStatus)}`,
      `switchboard: ${realRate.toFixed(2)} workflows/s (${realSeconds.toFixed(1)} s)`,
      `  accept latency (API mutation): ${formatLatency(summarise(accept))}`,
      `  end to end per request: ${formatLatency(summarise(e2e.rows.map((r) => Number(r.ms))))}`,
      `baseline (${activityCount} no-op activities + ${localCount} local ones per workflow): ${baseRate.toFixed(2)} workflows/s (${baseSeconds.toFixed(1)} s)`,
      `  start latency (client.workflow.start): ${formatLatency(summarise(baseStart))}`,
      `ratio: ${ratio(realRate, baseRate)} of the baseline's rate (target ≥ 0.70×)`,
    ],
    figures: { workflowsPerSecond: realRate, baselinePerSecond: baseRate, activityCount, localCount },
    peakRssMiB: peaks,
  });
});
