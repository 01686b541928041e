import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../libs/config/app-config';
import { DomainError } from '../libs/domain/domain-error';
import { AuditLog } from '../libs/audit/audit-log';
import {
  defaultReportPath,
  importSummary,
  progressLine,
  writeImportReport,
} from '../libs/legacy/import/import-report';
import { importLegacyInventory } from '../libs/legacy/import/legacy-importer';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import type { DirectoryPort } from '../libs/systems/directory/directory.port';
import { LdapDirectoryDriver } from '../libs/systems/directory/ldap-directory.driver';
import { SandboxDirectoryDriver } from '../libs/systems/directory/sandbox-directory.driver';
import { SandboxStore } from '../libs/systems/sandbox/sandbox-store';

const USAGE = `npm run legacy:import -- <file.csv> [--dry-run] [--report <path>] [--check-directory]`;

export interface CommandIo {
  out: (line: string) => void;
  /** Progress and refusals; `sameLine` rewrites the current line (a terminal's progress line). */
  err: (line: string, sameLine?: boolean) => void;
  /** The error stream is a terminal, where a progress line can be rewritten in place. */
  rewrites?: boolean;
}

/**
 * `npm run legacy:import`: loads a site's legacy inventory file (docs/legacy-import.md) into the
 * inventory database the configuration names. Returns the exit code: 0 when every line was taken,
 * 1 when some were refused (the report says which and why), 2 when the file or the call is refused.
 */
export async function legacyImportCommand(
  argv: string[],
  dataSource: DataSource,
  config: AppConfig,
  io: CommandIo,
): Promise<number> {
  let values: { 'dry-run'?: boolean; report?: string; 'check-directory'?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        report: { type: 'string' },
        'check-directory': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    io.err(`USAGE: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.err(`USAGE: ${USAGE}`);
    return 2;
  }
  const [file] = positionals;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`Cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const directory = values['check-directory'] ? directoryFor(config, dataSource) : null;
  let shown = 0;
  try {
    const report = await importLegacyInventory(dataSource, text, {
      dryRun: values['dry-run'] ?? false,
      directory,
      onProgress: (done, total) => {
        // A log gets a line every 5,000 lines; a terminal's line is rewritten at every batch.
        if (done < total && done - shown < 5_000 && !io.rewrites) return;
        shown = done;
        io.err(progressLine(done, total), done < total);
      },
    });
    const path = values.report ?? defaultReportPath(file, report);
    writeImportReport(path, report);
    await new AuditLog(dataSource).record({
      actor: `cli:${process.env.USER ?? 'unknown'}`.slice(0, 64),
      action: 'IMPORT_LEGACY_INVENTORY',
      target: file.slice(-200),
      result: 'OK',
      detail: importSummary(report),
    });
    for (const line of report.results.filter((r) => r.outcome === 'REFUSED').slice(0, 20))
      io.err(`line ${line.line}: ${line.reason}`);
    if (report.refused > 20) io.err(`… and ${report.refused - 20} more refused lines in the report`);
    io.out(importSummary(report));
    io.out(`Report: ${path}`);
    return report.refused > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    io.err(`${error.code}: ${error.message}`);
    return 2;
  } finally {
    if (directory instanceof LdapDirectoryDriver) await directory.close();
  }
}

function directoryFor(config: AppConfig, dataSource: DataSource): Pick<DirectoryPort, 'findPerson'> {
  if (config.drivers.directory === 'ldap' && config.ldap) return new LdapDirectoryDriver(config.ldap);
  return new SandboxDirectoryDriver(new SandboxStore(dataSource));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  const tty = process.stderr.isTTY;
  try {
    process.exitCode = await legacyImportCommand(process.argv.slice(2), dataSource, config, {
      out: (line) => process.stdout.write(`${line}\n`),
      // On a terminal the progress line is rewritten in place; in a log each step is its own line.
      err: (line, sameLine) => process.stderr.write(tty ? `\r${line}${sameLine ? '' : '\n'}` : `${line}\n`),
      rewrites: tty,
    });
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
