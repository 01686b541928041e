import { writeFileSync } from 'node:fs';
import type { LegacyImportReport } from './legacy-importer';

/** The one line a person reads after an import. */
export function importSummary(report: LegacyImportReport): string {
  const what = report.dryRun ? 'Dry run (nothing changed)' : 'Imported';
  return `${what}: ${report.lines} lines, ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.refused} refused, in ${(report.durationMs / 1000).toFixed(1)} s`;
}

/** The progress line, rewritten in place on a terminal. */
export function progressLine(done: number, total: number): string {
  const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
  return `legacy import: ${done}/${total} lines checked (${percent}%)`;
}

/** Where a run's report goes by default: beside the file, stamped, so runs never overwrite each other. */
export function defaultReportPath(file: string, report: LegacyImportReport): string {
  const stamp = report.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${file}.${stamp}${report.dryRun ? '.dry-run' : ''}.report.json`;
}

/**
 * Writes the report as JSON: the counts, then every line with its outcome (refused ones with their
 * text and reason), so a site can fix the refused lines and import the file again.
 */
export function writeImportReport(path: string, report: LegacyImportReport): void {
  const numbers = (outcome: string) =>
    report.results.filter((r) => r.outcome === outcome).map((r) => r.number);
  const body = {
    dryRun: report.dryRun,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    counts: {
      lines: report.lines,
      added: report.added,
      updated: report.updated,
      unchanged: report.unchanged,
      refused: report.refused,
    },
    refused: report.results
      .filter((r) => r.outcome === 'REFUSED')
      .map((r) => ({ line: r.line, text: r.raw, reason: r.reason })),
    added: numbers('ADDED'),
    updated: numbers('UPDATED'),
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
}
