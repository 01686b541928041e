import { migrationKind, type MigrateLegacyInput } from '../libs/contracts/legacy-migration';
import type { RequestProgress } from '../libs/contracts/progress';
import { runLegacyMigration } from './legacy-migration/migration-saga';

/**
 * docs/domain.md §6 "Migrate from Skype for Business" (personal or shared), also used for vendor IP
 * lines since they too may carry a desk phone. Steps and undo order: see runLegacyMigration.
 */
export async function migrateFromSkypeWorkflow(input: MigrateLegacyInput): Promise<RequestProgress> {
  return runLegacyMigration(input, migrationKind(input.service, input.as), true);
}
