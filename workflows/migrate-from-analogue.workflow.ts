import { migrationKind, type MigrateLegacyInput } from '../libs/contracts/legacy-migration';
import type { RequestProgress } from '../libs/contracts/progress';
import { runLegacyMigration } from './legacy-migration/migration-saga';

/** docs/domain.md §6 "Migrate from analogue" (personal or shared): as Skype, without the desk phone. */
export async function migrateFromAnalogueWorkflow(input: MigrateLegacyInput): Promise<RequestProgress> {
  return runLegacyMigration(input, migrationKind(input.service, input.as), false);
}
