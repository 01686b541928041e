import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_DIR } from './stack';
import { say } from './stats';

/**
 * What one benchmark measured, printed as lines and kept as JSON in .tmp/bench/<id>.json so
 * `bench/all.ts` can gather the peak memory of every process across the whole run.
 */
export interface BenchResult {
  id: string;
  title: string;
  lines: string[];
  figures: Record<string, number | string>;
  peakRssMiB: Record<string, number>;
}

export function printResult(result: BenchResult): void {
  say('');
  say(`== (${result.id}) ${result.title}`);
  for (const line of result.lines) say(`  ${line}`);
  const rss = Object.entries(result.peakRssMiB)
    .map(([name, mib]) => `${name} ${mib.toFixed(0)} MiB`)
    .join(', ');
  if (rss) say(`  peak RSS: ${rss}`);
  // Only ratios hold on a shared machine: the load says how shared it was.
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  say(`  load average at the end (1, 5, 15 min): ${load}`);
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(join(LOG_DIR, `${result.id}.json`), JSON.stringify(result, null, 2));
}

export const ratio = (value: number, baseline: number): string => `${(value / baseline).toFixed(2)}×`;
