import { CsvError, parse } from 'csv-parse/sync';
import { DomainError, DomainErrorCode, isDomainError } from '../../domain/domain-error';
import {
  checkLegacyCsvHeader,
  parseLegacyInventoryLine,
  type LegacyCsvColumn,
  type LegacyInventoryLine,
} from '../../domain/legacy-inventory-line';

/** One data line of the file: where it is, its text, and either the line read or why it is refused. */
export type ReadLine =
  | { line: number; raw: string; ok: true; value: LegacyInventoryLine }
  | { line: number; raw: string; ok: false; reason: string };

// A refused line is reported with its text; a shortened copy keeps the report readable.
const RAW_SHOWN = 200;

/** Semicolons are what spreadsheets in much of Europe write; the header line says which one the file uses. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

function fileRefused(message: string): DomainError {
  return new DomainError(DomainErrorCode.INVALID_INPUT, message);
}

/**
 * Reads a legacy inventory file (docs/legacy-import.md): the header, then one number per line. A
 * file that is not CSV, or whose header is wrong, is refused whole; a bad line is refused alone,
 * with its line number and the reason. A number given on several lines is refused on each of them:
 * the file must say once what each number is.
 */
export function readLegacyCsv(text: string): ReadLine[] {
  let records: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError)
      throw fileRefused(`The file is not valid CSV: ${error.message.replace(/^Invalid[^:]*: /, '')}`);
    throw error;
  }
  if (records.length === 0) throw fileRefused('The file is empty; its first line must name the columns');
  const columns = checkLegacyCsvHeader(records[0].record);

  const lines = records.slice(1).map(({ record, raw, info }): ReadLine => {
    const body = raw.replace(/\r?\n$/, '');
    // csv-parse counts the line a record ends on; a quoted field may span several.
    const line = info.lines - (body.match(/\n/g)?.length ?? 0);
    const shown = body.length > RAW_SHOWN ? `${body.slice(0, RAW_SHOWN)}…` : body;
    if (record.length !== columns.length)
      return {
        line,
        raw: shown,
        ok: false,
        reason: `has ${record.length} fields where the header names ${columns.length}`,
      };
    const fields: Partial<Record<LegacyCsvColumn, string>> = {};
    columns.forEach((column, i) => (fields[column] = record[i]));
    try {
      return { line, raw: shown, ok: true, value: parseLegacyInventoryLine(fields) };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { line, raw: shown, ok: false, reason: error.message };
    }
  });
  return refuseRepeatedNumbers(lines);
}

function refuseRepeatedNumbers(lines: ReadLine[]): ReadLine[] {
  const seen = new Map<string, number[]>();
  for (const l of lines) if (l.ok) seen.set(l.value.number, [...(seen.get(l.value.number) ?? []), l.line]);
  return lines.map((l) => {
    if (!l.ok) return l;
    const where = seen.get(l.value.number)!;
    if (where.length === 1) return l;
    return {
      line: l.line,
      raw: l.raw,
      ok: false,
      reason: `number ${l.value.number} is on lines ${where.join(', ')}; give each number once`,
    };
  });
}
