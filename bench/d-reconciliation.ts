import 'reflect-metadata';
import { runBench } from './support/bench-run';
import { freshAppDatabase } from './support/database';
import { seedInventory } from './support/inventory-seed';
import { withPg } from './support/postgres';
import { printResult, ratio } from './support/report';
import { graphql } from './support/stack';
import { envInt, say } from './support/stats';

/**
 * (d) A reconciliation run over a consistent site — the inventory and every sandbox system
 * (PBX, phonebook, network database, DHCP) holding the same rows — started as the service desk
 * does (`startReconciliation`) and run by the worker (libs/reconciliation, page by page);
 * baseline: the same rows read with one SQL query.
 *
 *   node bench/run.js bench/d-reconciliation.ts   (BENCH_D_NUMBERS, BENCH_D_PEOPLE, BENCH_D_PHONES,
 *                                                   BENCH_D_PAGE_SIZE)
 */
const NUMBERS = envInt('BENCH_D_NUMBERS', 20_000);
const PEOPLE = envInt('BENCH_D_PEOPLE', Math.floor(NUMBERS / 4));
const PHONES = envInt('BENCH_D_PHONES', Math.floor(PEOPLE * 0.4));
const PAGE_SIZE = process.env.BENCH_D_PAGE_SIZE ? envInt('BENCH_D_PAGE_SIZE', 1000) : undefined;
const DB = 'bench_d';
const PROVISIONING_URL = 'http://127.0.0.1:3001';

interface Run {
  id: string;
  status: string;
  systems: Array<{ system: string; status: string; checked: number; drift: number; error: string | null }>;
}

runBench({ id: 'd', database: DB }, async ({ rss, startApps }) => {
  say(`(d) reconciliation of ${NUMBERS} numbers, ${PHONES} phones`);
  const url = await freshAppDatabase(DB);
  const seeded = await withPg(url, (pg) =>
    seedInventory(pg, {
      people: PEOPLE,
      numbers: NUMBERS,
      owners: PEOPLE,
      phones: PHONES,
      systems: true,
      provisioningUrl: PROVISIONING_URL,
    }),
  );
  say(`  seeded ${JSON.stringify(seeded)}`);
  const { base } = await startApps(url, { PROVISIONING_URL });

  const started = performance.now();
  const { startReconciliation } = await graphql<{ startReconciliation: { id: string } }>(
    base,
    'desk',
    `
      mutation ($pageSize: Int) {
        startReconciliation(pageSize: $pageSize) {
          id
        }
      }
    `,
    { pageSize: PAGE_SIZE ?? null },
  );
  // Poll the run's row, not the API: asking the API every 200 ms would compete with the scan.
  await withPg(url, async (pg) => {
    for (;;) {
      const { rows } = await pg.query<{ status: string }>(
        'SELECT status FROM reconciliation_runs WHERE id = $1',
        [startReconciliation.id],
      );
      if (rows[0] && rows[0].status !== 'RUNNING') return;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const { reconciliationRuns } = await graphql<{ reconciliationRuns: Run[] }>(
    base,
    'desk',
    '{ reconciliationRuns(first: 5) { id status systems { system status checked drift error } } }',
  );
  const run = reconciliationRuns.find((r) => r.id === startReconciliation.id);
  if (!run) throw new Error(`run ${startReconciliation.id} is not among the latest runs`);

  // Baseline: every row the scan compares, in one query (inventory numbers and phones, and what
  // each system holds), fetched into this process.
  const baseStarted = performance.now();
  const rows = await withPg(url, async (pg) => {
    const result = await pg.query(
      `SELECT 'number' AS kind, number AS key, state AS a, "ownerLogin" AS b FROM phone_numbers
         UNION ALL SELECT 'phone', mac, number, activation FROM ip_phones
         UNION ALL SELECT system, key, data, NULL FROM sandbox_records
           WHERE system IN ('pbx', 'directory', 'network', 'dhcp')`,
    );
    return result.rowCount ?? 0;
  });
  const baseSeconds = (performance.now() - baseStarted) / 1000;

  const systems = run.systems.map(
    (s) => `${s.system} ${s.status} checked ${s.checked} drift ${s.drift}${s.error ? ` (${s.error})` : ''}`,
  );
  printResult({
    id: 'd',
    title: `reconciliation of ${seeded.numbers} numbers and ${seeded.phones} phones across pbx, directory, network, dhcp`,
    lines: [
      `switchboard: ${seconds.toFixed(1)} s, run ${run.status} (page size ${PAGE_SIZE ?? 'default'}; target ≤ 30 s)`,
      ...systems.map((s) => `  ${s}`),
      `baseline (one SQL query, ${rows} rows): ${baseSeconds.toFixed(2)} s`,
      `ratio: ${ratio(seconds, baseSeconds)} the baseline's time`,
    ],
    figures: { seconds, baselineSeconds: baseSeconds, rows },
    peakRssMiB: rss.report(),
  });
});
