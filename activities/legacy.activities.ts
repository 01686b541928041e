import type { LegacySnapshot } from '../libs/contracts/legacy-migration';
import { setAgainSentence } from '../libs/domain/legacy-settings';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { LegacyInventoryPort } from '../libs/systems/inventory/legacy-inventory.port';
import type { LegacyTelephonyPort } from '../libs/systems/legacy/legacy.port';
import { systemRejected } from '../libs/systems/system-error';
import { stepsOn } from './run-step';

/** Steps on the legacy telephony services a migration leaves (docs/domain.md §6). */
export function createLegacyActivities({
  legacy,
  legacyInventory,
}: {
  legacy: LegacyTelephonyPort;
  /** The legacy phone models, to say whether the line's desk phone can follow. */
  legacyInventory: Pick<LegacyInventoryPort, 'phoneModel'>;
}) {
  const step = stepsOn('legacy');
  return {
    /** Reads the line as the legacy service has it; an unknown or switched-off line cannot be migrated. */
    async snapshotLegacyLine(input: { number: string }): Promise<StepOutcome<LegacySnapshot>> {
      return step(async () => {
        const line = await legacy.snapshotLine(input.number);
        if (!line) throw systemRejected('legacy', `the legacy services have no line ${input.number}`);
        if (!line.active)
          throw systemRejected('legacy', `the legacy line ${input.number} is already switched off`);
        const model = line.phone ? await legacyInventory.phoneModel(line.phone.modelId) : null;
        // Shown on the request's timeline in the portal; the completion mail repeats it.
        const setAgain = setAgainSentence(line.settings);
        return {
          ...(setAgain ? { note: setAgain } : {}),
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
      return step(async () => ({
        value: undefined,
        result: await legacy.deactivateLine(input.number),
      }));
    },
  };
}
