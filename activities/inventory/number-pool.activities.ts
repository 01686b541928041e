import type { NumberRef } from '../../libs/contracts/numbers';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { NumberPool } from '../../libs/domain/number-pool';
import type { InventoryPort } from '../../libs/systems/inventory/inventory.port';
import { stepsOn } from '../run-step';

/** Personal numbers from the pool: reserved, given back, activated. */
export function createNumberPoolActivities({
  inventory,
  settings,
}: {
  inventory: InventoryPort;
  settings: { pools: { personal: NumberPool } };
}) {
  const step = stepsOn('inventory');
  return {
    async reservePersonalNumber(input: {
      requestId: string;
      login: string;
    }): Promise<StepOutcome<{ number: string }>> {
      return step(async () => {
        const { number, result } = await inventory.reserveNumber({
          requestId: input.requestId,
          ownerLogin: input.login,
          type: 'PERSONAL',
          pool: settings.pools.personal,
        });
        return { value: { number }, result };
      });
    },

    async releaseReservation(input: { requestId: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await inventory.releaseReservation(input.requestId),
      }));
    },

    async activateNumber(input: NumberRef): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await inventory.activateNumber(input.requestId, input.number),
      }));
    },
  };
}
