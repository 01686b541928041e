import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

/** Steps on the PBX. Passwords are read from the vault here, so they never enter workflow history. */
export function createPbxActivities({ pbx, credentials }: ActivityDeps) {
  return {
    async createSipAccount(input: { number: string; displayName: string }): Promise<StepOutcome> {
      return runStep('pbx', async () => {
        const password = await credentials.getOrCreate(input.number);
        const result = await pbx.createSipAccount({
          extension: input.number,
          displayName: input.displayName,
          password,
        });
        return { value: undefined, result };
      });
    },

    async removeSipAccount(input: { number: string }): Promise<StepOutcome> {
      return runStep('pbx', async () => {
        const result = await pbx.removeSipAccount(input.number);
        // The password goes only once the account is gone, so a retried removal still finds it if needed.
        await credentials.destroy(input.number);
        return { value: undefined, result };
      });
    },
  };
}
