import type { LegacySnapshot, MigrationTarget } from '../libs/contracts/legacy-migration';
import { managersGroupOf, type NumberRef } from '../libs/contracts/numbers';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import { systemRejected, type ApplyResult } from '../libs/systems/system-error';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

const combine = (results: ApplyResult[]): ApplyResult =>
  results.includes('applied') ? 'applied' : 'unchanged';

/**
 * Steps of the legacy migrations (docs/domain.md §6): the inventory's LEGACY → MIGRATING → ACTIVE, the
 * legacy line, the phonebook moves of a migrated number and the PBX check before the point of no
 * return. Names say "migrat…" so they never collide with the steps of other requests.
 */
export function createLegacyMigrationActivities({ legacy, legacyInventory, directory, pbx }: ActivityDeps) {
  return {
    async markNumberMigrating(input: {
      requestId: string;
      number: string;
      as: MigrationTarget;
      login: string;
    }): Promise<StepOutcome> {
      return runStep('inventory', async () => ({
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
      return runStep('inventory', async () => ({
        value: undefined,
        result: await legacyInventory.revertMigration(input.requestId, input.number),
      }));
    },

    async markMigrationNeedsAttention(input: NumberRef): Promise<StepOutcome> {
      return runStep('inventory', async () => ({
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
      return runStep('inventory', async () => ({
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
      return runStep('inventory', async () => ({
        value: undefined,
        result: await legacyInventory.recordMigratedPhone({ ...input, ownerLogin: input.login }),
      }));
    },

    /** Reads the line as the legacy service has it; an unknown or switched-off line cannot be migrated. */
    async snapshotLegacyLine(input: { number: string }): Promise<StepOutcome<LegacySnapshot>> {
      return runStep('legacy', async () => {
        const line = await legacy.snapshotLine(input.number);
        if (!line) throw systemRejected('legacy', `the legacy services have no line ${input.number}`);
        if (!line.active)
          throw systemRejected('legacy', `the legacy line ${input.number} is already switched off`);
        const model = line.phone ? await legacyInventory.phoneModel(line.phone.modelId) : null;
        return {
          value: {
            number: line.number,
            service: line.service,
            displayName: line.displayName,
            phone: line.phone
              ? {
                  ...line.phone,
                  modelName: model?.name ?? null,
                  compatible: model?.compatible ?? null,
                }
              : null,
            settings: line.settings,
          },
        };
      });
    },

    async deactivateLegacyLine(input: { number: string }): Promise<StepOutcome> {
      return runStep('legacy', async () => ({
        value: undefined,
        result: await legacy.deactivateLine(input.number),
      }));
    },

    /** The PBX must really hold the account before the legacy line is switched off. */
    async verifyMigratedSipAccount(input: { number: string }): Promise<StepOutcome> {
      return runStep('pbx', async () => {
        const account = await pbx.getSipAccount(input.number);
        if (!account || account.extension !== input.number) {
          throw systemRejected('pbx', `the PBX has no SIP account ${input.number} after creating it`);
        }
        return { value: undefined };
      });
    },

    /** Publishes under the person; tells whether the phonebook already listed it there (legacy listing). */
    async publishMigratedPersonalNumber(input: {
      login: string;
      number: string;
    }): Promise<StepOutcome<{ wasListed: boolean }>> {
      return runStep('directory', async () => {
        const person = await directory.findPerson(input.login);
        const wasListed = person?.phoneNumbers.includes(input.number) ?? false;
        const result = await directory.publishPersonalNumber(input.login, input.number);
        return { value: { wasListed }, result };
      });
    },

    /** Undo: removes the listing only if the migration added it; a legacy listing stays as it was. */
    async unpublishMigratedPersonalNumber(input: {
      login: string;
      number: string;
      keepListing: boolean;
    }): Promise<StepOutcome> {
      return runStep('directory', async () => ({
        value: undefined,
        result: input.keepListing
          ? 'unchanged'
          : await directory.unpublishPersonalNumber(input.login, input.number),
      }));
    },

    async createMigrationManagersGroup(input: {
      number: string;
      ownerLogin: string;
      members: string[];
      description: string;
    }): Promise<StepOutcome> {
      return runStep('directory', async () => ({
        value: undefined,
        result: await directory.createGroup({
          name: managersGroupOf(input.number),
          description: `Managers of ${input.number}: ${input.description}`,
          ownerLogin: input.ownerLogin,
          members: [...new Set([input.ownerLogin, ...input.members])],
        }),
      }));
    },

    async deleteMigrationManagersGroup(input: { number: string }): Promise<StepOutcome> {
      return runStep('directory', async () => ({
        value: undefined,
        result: await directory.deleteGroup(managersGroupOf(input.number)),
      }));
    },

    /** The shared entry under its description replaces the people's legacy listings of the number. */
    async publishMigratedSharedNumber(input: {
      number: string;
      description: string;
      ownerLogin: string;
      legacyListings: string[];
    }): Promise<StepOutcome> {
      return runStep('directory', async () => {
        const results = [
          await directory.publishSharedNumber({
            number: input.number,
            description: input.description,
            ownerLogin: input.ownerLogin,
            managersGroup: managersGroupOf(input.number),
          }),
        ];
        for (const login of input.legacyListings)
          results.push(await directory.unpublishPersonalNumber(login, input.number));
        return { value: undefined, result: combine(results) };
      });
    },

    /** Undo: the shared entry goes and the people's legacy listings come back. */
    async unpublishMigratedSharedNumber(input: {
      number: string;
      legacyListings: string[];
    }): Promise<StepOutcome> {
      return runStep('directory', async () => {
        const results = [await directory.unpublishSharedNumber(input.number)];
        for (const login of input.legacyListings) {
          // Someone who left the directory meanwhile has no entry to list it under.
          if (await directory.findPerson(login))
            results.push(await directory.publishPersonalNumber(login, input.number));
        }
        return { value: undefined, result: combine(results) };
      });
    },
  };
}
