import 'reflect-metadata';
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  type FragmentDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { runBench } from './support/bench-run';
import { MyPersonalNumberDocument } from '../apps/portal/src/api/generated/numbers';
import { MyPhonesDocument } from '../apps/portal/src/api/generated/phones';
import { MyRequestsDocument } from '../apps/portal/src/api/generated/requests';
import { MeDocument } from '../apps/portal/src/api/generated/session';
import { freshAppDatabase } from './support/database';
import { freePort } from '../test/support/free-port';
import { seedInventory } from './support/inventory-seed';
import { formatLoad, load, type LoadFigures } from './support/load';
import { withPg } from './support/postgres';
import { printResult, ratio } from './support/report';
import { benchLogin } from './support/seed';
import { graphql, startApp } from './support/stack';
import { envInt, formatLatency, say, summarise, timedPool } from './support/stats';

/**
 * (c) The portal's main query — what its pages ask for a person (me, my personal number, my
 * phones and the numbers they may put one on, my requests), sent as one GraphQL document — on
 * an inventory of 100,000 numbers and 50,000 people, under autocannon at a fixed 200 req/s and at
 * the most it takes; baseline: the same rows read straight from PostgreSQL with `pg` behind a bare
 * HTTP server, under the same load. Then the accept latency of `requestPersonalNumber` for
 * distinct people.
 *
 *   node bench/run.js bench/c-portal-query.ts
 *   (BENCH_C_NUMBERS, BENCH_C_PEOPLE, BENCH_C_PHONES, BENCH_C_SECONDS, BENCH_C_RATE,
 *    BENCH_C_CONNECTIONS, BENCH_C_MUTATIONS)
 */
const NUMBERS = envInt('BENCH_C_NUMBERS', 20_000);
const PEOPLE = envInt('BENCH_C_PEOPLE', 5_000);
const MUTATIONS = envInt('BENCH_C_MUTATIONS', 100);
const PHONES = envInt('BENCH_C_PHONES', Math.floor(PEOPLE * 0.4));
const SECONDS = envInt('BENCH_C_SECONDS', 10);
const RATE = envInt('BENCH_C_RATE', 200);
const CONNECTIONS = envInt('BENCH_C_CONNECTIONS', 10);
const DB = 'bench_c';

/** One query that asks for what each document's query asks, with the fragments they use. */
function mergeQueries(documents: ReadonlyArray<{ toString(): string }>): string {
  const selections: SelectionNode[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const document of documents) {
    for (const definition of parse(document.toString()).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION)
        selections.push(...definition.selectionSet.selections);
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
  }
  return print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments.values(),
    ],
  });
}

/** The portal's own documents (apps/portal/src/api/operations/*.graphql), merged into one request. */
export const MAIN_QUERY = mergeQueries([
  MeDocument,
  MyPersonalNumberDocument,
  MyPhonesDocument,
  MyRequestsDocument,
]);

runBench({ id: 'c', database: DB }, async ({ rss, onStop, startApps }) => {
  const owners = PEOPLE - MUTATIONS;
  say(`(c) portal main query on ${NUMBERS} numbers, ${PEOPLE} people, ${PHONES} phones`);
  const url = await freshAppDatabase(DB);
  const seeded = await withPg(url, (pg) =>
    seedInventory(pg, {
      people: PEOPLE,
      numbers: NUMBERS,
      owners,
      phones: PHONES,
      systems: false,
      provisioningUrl: 'http://127.0.0.1:3001',
    }),
  );
  say(`  seeded ${JSON.stringify(seeded)}`);
  const { base, env } = await startApps(url);
  const pgPort = await freePort();
  const pgServer = await startApp({
    name: 'pg-baseline',
    argv: ['bench/run.js', 'bench/c-pg-server.ts'],
    env: { DATABASE_URL: url, PORT: String(pgPort), POOL_SIZE: env.DATABASE_POOL_SIZE },
    readyLine: /listening/,
  });
  onStop(() => pgServer.stop());

  const apiUrl = `${base}/graphql`;
  const pgUrl = `http://127.0.0.1:${pgPort}/`;
  const randomOwner = () => ({ 'x-switchboard-user': benchLogin(1 + Math.floor(Math.random() * owners)) });
  const body = JSON.stringify({ query: MAIN_QUERY });

  // The query must answer with real data before its speed means anything.
  type Main = { me: { login: string }; myPersonalNumber: { number: string } | null; myRequests: unknown[] };
  for (const i of [1, Math.ceil(owners / 2), owners]) {
    const data = await graphql<Main>(base, benchLogin(i), MAIN_QUERY);
    if (!data.myPersonalNumber || data.myRequests.length === 0) {
      throw new Error(`the main query for ${benchLogin(i)} found no number or no request`);
    }
  }
  // Warm both servers up (JIT, pools, PostgreSQL's cache) outside the measurement.
  for (const target of [apiUrl, pgUrl]) {
    await load({ url: target, body, seconds: 3, connections: CONNECTIONS, headersFor: randomOwner });
  }

  const run = (target: string, rate?: number): Promise<LoadFigures> =>
    load({ url: target, body, seconds: SECONDS, connections: CONNECTIONS, rate, headersFor: randomOwner });
  const apiFixed = await run(apiUrl, RATE);
  const pgFixed = await run(pgUrl, RATE);
  const apiMax = await run(apiUrl);
  const pgMax = await run(pgUrl);

  // Accept latency of a mutation: one new personal number per person who has none, 4 at a time.
  const accept = await timedPool(MUTATIONS, 4, async (i) => {
    await graphql(base, benchLogin(owners + 1 + i), 'mutation { requestPersonalNumber { id status } }');
  });
  const acceptSummary = summarise(accept);

  printResult({
    id: 'c',
    title: `portal main query on ${seeded.numbers} numbers and ${seeded.people} people (${CONNECTIONS} connections, ${SECONDS} s each)`,
    lines: [
      `at ${RATE} req/s — switchboard: ${formatLoad(apiFixed)}`,
      `at ${RATE} req/s — pg baseline: ${formatLoad(pgFixed)}`,
      `at max — switchboard: ${formatLoad(apiMax)}`,
      `at max — pg baseline: ${formatLoad(pgMax)}`,
      `max rate: ${ratio(apiMax.requestsPerSecond, pgMax.requestsPerSecond)} of the baseline; p99 at ${RATE} req/s ${apiFixed.p99.toFixed(1)} ms (target ≤ 25 ms)`,
      `requestPersonalNumber accepted: ${formatLatency(acceptSummary)} (target p99 ≤ 100 ms)`,
    ],
    figures: {
      fixedP99: apiFixed.p99,
      fixedBaselineP99: pgFixed.p99,
      maxRps: apiMax.requestsPerSecond,
      maxBaselineRps: pgMax.requestsPerSecond,
      mutationP50: acceptSummary.p50,
      mutationP99: acceptSummary.p99,
    },
    peakRssMiB: Object.fromEntries(Object.entries(rss.report()).filter(([n]) => n !== 'pg-baseline')),
  });
});
