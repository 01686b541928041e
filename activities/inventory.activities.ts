import type { NumberRef } from '../libs/contracts/numbers';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

/** Steps on Switchboard's own inventory. */
export function createInventoryActivities({ inventory, settings }: ActivityDeps) {
  return {
    async reservePersonalNumber(input: {
      requestId: string;
      login: string;
    }): Promise<StepOutcome<{ number: string }>> {
      return runStep('inventory', async () => {
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
      return runStep('inventory', async () => ({
        value: undefined,
        result: await inventory.releaseReservation(input.requestId),
      }));
    },

    async activateNumber(input: NumberRef): Promise<StepOutcome> {
      return runStep('inventory', async () => ({
        value: undefined,
        result: await inventory.activateNumber(input.requestId, input.number),
      }));
    },
  };
}
