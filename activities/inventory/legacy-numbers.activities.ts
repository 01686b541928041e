import type { MigrationTarget } from '../../libs/contracts/legacy-migration';
import type { NumberRef } from '../../libs/contracts/numbers';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { LegacyInventoryPort } from '../../libs/systems/inventory/legacy-inventory.port';
import { stepsOn } from '../run-step';

/**
 * A migrated number in the inventory (docs/domain.md §6): LEGACY → MIGRATING → ACTIVE, back to LEGACY
 * on undo, and the desk phone that follows it. Names say "migrat…" so they never collide with the
 * steps of other requests.
 */
export function createLegacyNumberActivities({ legacyInventory }: { legacyInventory: LegacyInventoryPort }) {
  const step = stepsOn('inventory');
  return {
    async markNumberMigrating(input: {
      requestId: string;
      number: string;
      as: MigrationTarget;
      login: string;
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await legacyInventory.markMigrating({
          requestId: input.requestId,
          number: input.number,
          as: input.as,
          ownerLogin: input.login,
        }),
      }));
    },

    async revertNumberToLegacy(input: NumberRef): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await legacyInventory.revertMigration(input.requestId, input.number),
      }));
    },

    async markMigrationNeedsAttention(input: NumberRef): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await legacyInventory.markNeedsAttention(input.requestId, input.number),
      }));
    },

    async completeLegacyMigration(input: {
      requestId: string;
      number: string;
      description: string | null;
      managersGroup: string | null;
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await legacyInventory.completeMigration(input),
      }));
    },

    async recordMigratedPhone(input: {
      phoneId: string;
      requestId: string;
      mac: string;
      number: string;
      modelId: string;
      login: string;
      office: string | null;
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await legacyInventory.recordMigratedPhone({ ...input, ownerLogin: input.login }),
      }));
    },
  };
}
