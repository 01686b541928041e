import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, MAX_RATE_PER_MINUTE, todayUtc } from '../libs/legacy/campaign-scheduler';
import { runBench } from './support/bench-run';
import { freshAppDatabase } from './support/database';
import { withPg } from './support/postgres';
import { printResult } from './support/report';
import { benchLogin, seedLegacyUnit } from './support/seed';
import { graphql, LOG_DIR } from './support/stack';
import { envInt, formatLatency, say, summarise } from './support/stats';

/**
 * (b) A bulk migration campaign: a unit whose N people each have a legacy Skype number, scheduled
 * by the unit's admin through the API (`scheduleCampaign`) at the highest rate the product accepts
 * (MAX_RATE_PER_MINUTE, on every system), with campaign days shrunk to seconds so it starts at
 * once. Measures the time until every item has finished and each item's own duration; baseline:
 * the time N requests would take at (a)'s measured rate (from .tmp/bench/a.json, if (a) ran).
 *
 *   node bench/run.js bench/b-campaign.ts   (BENCH_B_COUNT, BENCH_B_TIMEOUT_S)
 */
const COUNT = envInt('BENCH_B_COUNT', 100);
const TIMEOUT_S = envInt('BENCH_B_TIMEOUT_S', 20 * 60);
const DB = 'bench_b';
const UNIT = 'BENCH';
// One campaign "day" lasts this long: the campaign starts one day after scheduling.
const DAY_MS = 5_000;

interface ItemCounts {
  [status: string]: number;
}

const seconds = (from: Date, to: Date): string =>
  ((new Date(to).getTime() - new Date(from).getTime()) / 1000).toFixed(1);

runBench({ id: 'b', database: DB }, async ({ rss, startApps }) => {
  say(`(b) campaign migrating ${COUNT} legacy numbers at ${MAX_RATE_PER_MINUTE}/min`);
  const url = await freshAppDatabase(DB);
  await withPg(url, (pg) => seedLegacyUnit(pg, COUNT, UNIT));
  const { base } = await startApps(url, {
    CAMPAIGN_DAY_MS: String(DAY_MS),
    CAMPAIGN_RETRY_WINDOW_MS: '1000',
  });

  const date = addDays(todayUtc(), 1);
  const { scheduleCampaign } = await graphql<{ scheduleCampaign: { id: string } }>(
    base,
    benchLogin(1),
    `
      mutation ($unit: String!, $date: String!, $maxDate: String!, $rate: Int!, $rates: [SystemRateInput!]) {
        scheduleCampaign(
          unit: $unit
          date: $date
          maxDate: $maxDate
          ratePerMinute: $rate
          reminderDaysBefore: 0
          systemRates: $rates
        ) {
          id
        }
      }
    `,
    {
      unit: UNIT,
      date,
      maxDate: addDays(date, 366),
      rate: MAX_RATE_PER_MINUTE,
      rates: ['directory', 'pbx', 'inventory', 'legacy', 'mail', 'network', 'dhcp', 'provisioning'].map(
        (system) => ({ system, perMinute: MAX_RATE_PER_MINUTE }),
      ),
    },
  );
  const campaignId = scheduleCampaign.id;

  const deadline = Date.now() + TIMEOUT_S * 1000;
  let counts: ItemCounts = {};
  let timedOut = false;
  for (;;) {
    counts = await withPg(url, async (pg) => {
      const rows = await pg.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM campaign_items WHERE "campaignId" = $1 GROUP BY status`,
        [campaignId],
      );
      return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
    });
    const open = (counts.PENDING ?? 0) + (counts.STARTING ?? 0) + (counts.RUNNING ?? 0);
    if (open === 0) break;
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }

  const timing = await withPg(url, async (pg) => {
    const campaign = await pg.query<{
      status: string;
      createdAt: Date;
      startsAt: Date;
      startedAt: Date | null;
    }>(`SELECT status, "createdAt", "startsAt", "startedAt" FROM campaigns WHERE id = $1`, [campaignId]);
    const items = await pg.query<{ ms: string }>(
      `SELECT extract(epoch FROM ("finishedAt" - "startedAt")) * 1000 AS ms FROM campaign_items
       WHERE "campaignId" = $1 AND "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL`,
      [campaignId],
    );
    const span = await pg.query<{ first: Date | null; last: Date | null }>(
      `SELECT min("startedAt") AS first, max("finishedAt") AS last FROM campaign_items WHERE "campaignId" = $1`,
      [campaignId],
    );
    return { campaign: campaign.rows[0], items: items.rows.map((r) => Number(r.ms)), span: span.rows[0] };
  });
  const start = timing.campaign.startedAt ?? timing.campaign.startsAt;
  const last = timing.span.last;
  const totalSeconds = last ? (new Date(last).getTime() - new Date(start).getTime()) / 1000 : NaN;
  const floorSeconds = (COUNT / MAX_RATE_PER_MINUTE) * 60;

  const aPath = join(LOG_DIR, 'a.json');
  const aRate = existsSync(aPath)
    ? Number(
        (JSON.parse(readFileSync(aPath, 'utf8')) as { figures: { workflowsPerSecond: number } }).figures
          .workflowsPerSecond,
      )
    : undefined;
  printResult({
    id: 'b',
    title: `campaign migrating ${COUNT} legacy numbers (rate ${MAX_RATE_PER_MINUTE}/min on every system)`,
    lines: [
      `items: ${JSON.stringify(counts)}${timedOut ? ` — STOPPED WAITING after ${TIMEOUT_S} s` : ''}; campaign ${timing.campaign.status}`,
      `switchboard: ${totalSeconds.toFixed(1)} s from the campaign's start to the last item (${(COUNT / totalSeconds).toFixed(2)} items/s; target ≤ 600 s for 10,000)`,
      `  per item (started → finished): ${formatLatency(summarise(timing.items))}`,
      `  the rate limit alone allows no less than ${floorSeconds.toFixed(0)} s`,
      `  scheduled → due ${seconds(timing.campaign.createdAt, timing.campaign.startsAt)} s → started ${seconds(timing.campaign.startsAt, start)} s later (the campaign mails everyone first)`,
      aRate
        ? `baseline: ${COUNT} requests at (a)'s ${aRate.toFixed(2)} workflows/s take ${(COUNT / aRate).toFixed(1)} s`
        : 'baseline: (a) has not run in this run (.tmp/bench/a.json is missing)',
    ],
    figures: { totalSeconds, itemP50: summarise(timing.items).p50, itemP99: summarise(timing.items).p99 },
    peakRssMiB: rss.report(),
  });
});
