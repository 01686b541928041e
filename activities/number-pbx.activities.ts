import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

/** PBX steps of the number workflows. */
export function createNumberPbxActivities({ pbx }: ActivityDeps) {
  return {
    async setSipDisplayName(input: { number: string; displayName: string }): Promise<StepOutcome> {
      return runStep('pbx', async () => ({
        value: undefined,
        result: await pbx.setDisplayName(input.number, input.displayName),
      }));
    },
    /**
     * Removes the account of a deactivated number but keeps its password in the vault, so that a
     * restored line works again with the phones still configured for it.
     */
    async suspendSipAccount(input: { number: string }): Promise<StepOutcome> {
      return runStep('pbx', async () => ({
        value: undefined,
        result: await pbx.removeSipAccount(input.number),
      }));
    },
  };
}
