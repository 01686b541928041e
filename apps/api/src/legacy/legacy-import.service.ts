import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import { DomainError, DomainErrorCode, isDomainError } from '../../../../libs/domain/domain-error';
import { PortalAction } from '../../../../libs/domain/permissions';
import { importSummary } from '../../../../libs/legacy/import/import-report';
import { LegacyInventoryImporter } from '../../../../libs/legacy/import/legacy-importer';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import type { LegacyImportResultModel } from './legacy-import.models';

/**
 * The most CSV text the service-desk action takes. The API refuses request bodies over 100 KiB; this
 * leaves room for the JSON around the text, and a longer file belongs to `npm run legacy:import`.
 */
export const MAX_IMPORT_CHARACTERS = 64_000;

/** The service desk's import of a legacy inventory file, with the directory checked for every login. */
@Injectable()
export class LegacyImportService {
  constructor(
    private readonly importer: LegacyInventoryImporter,
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
    private readonly permissions: PermissionService,
    private readonly audit: AuditLog,
  ) {}

  async import(caller: Caller, csv: string, dryRun: boolean): Promise<LegacyImportResultModel> {
    await this.permissions.require(PortalAction.IMPORT_LEGACY_INVENTORY, caller);
    const base = {
      actor: caller.actor,
      action: 'IMPORT_LEGACY_INVENTORY',
      target: dryRun ? 'dry run' : null,
    };
    try {
      if (csv.length > MAX_IMPORT_CHARACTERS)
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          `The file is ${csv.length} characters long; this action takes up to ${MAX_IMPORT_CHARACTERS} (about 700 lines). Import longer files with npm run legacy:import, or in parts.`,
        );
      const report = await this.importer.run(csv, { dryRun, directory: this.directory });
      const summary = importSummary(report);
      await this.audit.record({ ...base, result: 'OK', detail: summary });
      return {
        dryRun,
        lines: report.lines,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        refused: report.refused,
        refusedLines: report.results
          .filter((r) => r.outcome === 'REFUSED')
          .map((r) => ({ line: r.line, text: r.raw, reason: r.reason ?? '' })),
        summary,
      };
    } catch (error) {
      if (isDomainError(error))
        await this.audit.record({ ...base, result: 'REFUSED', detail: `${error.code}: ${error.message}` });
      throw error;
    }
  }
}
