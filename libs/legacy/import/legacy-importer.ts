import type { DataSource } from 'typeorm';
import { decideImport, ImportOutcome } from '../../domain/legacy-import-rules';
import type { LegacyInventoryLine } from '../../domain/legacy-inventory-line';
import { PhoneModelEntity } from '../../persistence/entities';
import type { DirectoryPort } from '../../systems/directory/directory.port';
import { readLegacyCsv, type ReadLine } from './legacy-csv';
import { LegacyImportStore } from './legacy-import-store';

/** One line of the file and what the import did with it. */
export interface ImportedLine {
  line: number;
  /** The line's text (shortened), for refused lines. */
  raw: string;
  number: string | null;
  outcome: ImportOutcome;
  reason: string | null;
}

export interface LegacyImportReport {
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  lines: number;
  added: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Every data line of the file, in file order. */
  results: ImportedLine[];
}

export interface LegacyImportOptions {
  /** Plan everything, change nothing. */
  dryRun: boolean;
  /** When given, every login in listed_under must be a person the directory knows. */
  directory?: Pick<DirectoryPort, 'findPerson'> | null;
  /** Called after each batch: lines planned so far, and in all. */
  onProgress?: (done: number, total: number) => void;
}

// Big enough that 50,000 lines take 25 batches, small enough for SQLite's bound-parameter limit
// (32,766: a batch writes 9 values a line).
const BATCH = 2000;
// Directory look-ups at a time: enough to hide the latency, few enough to be polite to the server.
const DIRECTORY_CONCURRENCY = 8;

/**
 * Imports a site's legacy inventory file (docs/legacy-import.md) in one transaction: each line is
 * added, updated, left unchanged or refused with its reason; nothing is written on a dry run. The
 * same file imported twice leaves the second run all unchanged.
 */
export async function importLegacyInventory(
  dataSource: DataSource,
  text: string,
  options: LegacyImportOptions,
): Promise<LegacyImportReport> {
  const started = Date.now();
  const read = readLegacyCsv(text);
  const checked = await refuseUnknownModels(dataSource, await refuseUnknownLogins(read, options.directory));
  const results: ImportedLine[] = checked.map((l) =>
    l.ok
      ? { line: l.line, raw: l.raw, number: l.value.number, outcome: ImportOutcome.UNCHANGED, reason: null }
      : { line: l.line, raw: l.raw, number: null, outcome: ImportOutcome.REFUSED, reason: l.reason },
  );
  const valid = checked.flatMap((l, i) => (l.ok ? [{ index: i, value: l.value }] : []));
  const importedAt = new Date();

  await dataSource.transaction(async (manager) => {
    const store = new LegacyImportStore(manager);
    for (let start = 0; start < valid.length; start += BATCH) {
      const batch = valid.slice(start, start + BATCH);
      const stored = await store.read(batch.map((b) => b.value.number));
      const toWrite: LegacyInventoryLine[] = [];
      for (const { index, value } of batch) {
        const decision = decideImport(value, stored.get(value.number)!);
        results[index].outcome = decision.outcome;
        if (decision.outcome === ImportOutcome.REFUSED) results[index].reason = decision.reason;
        if (decision.outcome === ImportOutcome.ADDED || decision.outcome === ImportOutcome.UPDATED)
          toWrite.push(value);
      }
      if (!options.dryRun) await store.write(toWrite, importedAt);
      options.onProgress?.(Math.min(start + BATCH, valid.length), valid.length);
    }
  });
  if (valid.length === 0) options.onProgress?.(0, 0);

  const count = (outcome: ImportOutcome) => results.filter((r) => r.outcome === outcome).length;
  return {
    dryRun: options.dryRun,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    lines: results.length,
    added: count(ImportOutcome.ADDED),
    updated: count(ImportOutcome.UPDATED),
    unchanged: count(ImportOutcome.UNCHANGED),
    refused: count(ImportOutcome.REFUSED),
    results,
  };
}

async function refuseUnknownLogins(
  lines: ReadLine[],
  directory: LegacyImportOptions['directory'],
): Promise<ReadLine[]> {
  if (!directory) return lines;
  const logins = [...new Set(lines.flatMap((l) => (l.ok ? l.value.listedUnder : [])))];
  const unknown = new Set<string>();
  for (let i = 0; i < logins.length; i += DIRECTORY_CONCURRENCY) {
    const slice = logins.slice(i, i + DIRECTORY_CONCURRENCY);
    const people = await Promise.all(slice.map((login) => directory.findPerson(login)));
    slice.forEach((login, j) => {
      if (!people[j]) unknown.add(login);
    });
  }
  return lines.map((l) => {
    if (!l.ok) return l;
    const missing = l.value.listedUnder.filter((login) => unknown.has(login));
    if (missing.length === 0) return l;
    return {
      line: l.line,
      raw: l.raw,
      ok: false,
      reason: `listed_under: the directory has no person ${missing.join(', ')}`,
    };
  });
}

async function refuseUnknownModels(dataSource: DataSource, lines: ReadLine[]): Promise<ReadLine[]> {
  const models = new Set((await dataSource.getRepository(PhoneModelEntity).find()).map((m) => m.id));
  return lines.map((l) => {
    if (!l.ok || !l.value.phone || models.has(l.value.phone.modelId)) return l;
    return {
      line: l.line,
      raw: l.raw,
      ok: false,
      reason: `phone_model ${l.value.phone.modelId} is not in the phone catalogue (see the phoneModels query)`,
    };
  });
}

/** The import as a provider, for the API (which reaches the database only through such classes). */
export class LegacyInventoryImporter {
  constructor(private readonly dataSource: DataSource) {}

  run(text: string, options: LegacyImportOptions): Promise<LegacyImportReport> {
    return importLegacyInventory(this.dataSource, text, options);
  }
}
