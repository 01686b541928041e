import type { SipAccountChange } from '../libs/contracts/repair';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import { capability } from '../libs/reconciliation/driver-capability';
import type { PbxPort } from '../libs/systems/pbx/pbx.port';
import type { SipCredentialVault } from '../libs/systems/pbx/sip-credentials';
import { systemRejected } from '../libs/systems/system-error';
import { stepsOn, unchanged } from './run-step';

/**
 * Steps on the PBX: SIP accounts and the phones bound to their lines. Passwords are read from the
 * vault here, so they never enter workflow history.
 */
export function createPbxActivities({ pbx, credentials }: { pbx: PbxPort; credentials: SipCredentialVault }) {
  const step = stepsOn('pbx');
  return {
    async createSipAccount(input: { number: string; displayName: string }): Promise<StepOutcome> {
      return step(async () => {
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
      return step(async () => {
        const result = await pbx.removeSipAccount(input.number);
        // The password goes only once the account is gone, so a retried removal still finds it if needed.
        await credentials.destroy(input.number);
        return { value: undefined, result };
      });
    },

    async setSipDisplayName(input: { number: string; displayName: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await pbx.setDisplayName(input.number, input.displayName),
      }));
    },

    /**
     * Removes the account of a deactivated number but keeps its password in the vault, so that a
     * restored line works again with the phones still configured for it.
     */
    async suspendSipAccount(input: { number: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await pbx.removeSipAccount(input.number),
      }));
    },

    /** The PBX must really hold the account before the legacy line is switched off. */
    async verifyMigratedSipAccount(input: { number: string }): Promise<StepOutcome> {
      return step(async () => {
        const account = await pbx.getSipAccount(input.number);
        if (!account || account.extension !== input.number) {
          throw systemRejected('pbx', `the PBX has no SIP account ${input.number} after creating it`);
        }
        return { value: undefined };
      });
    },

    async bindPhoneToLine(input: { number: string; mac: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await pbx.bindDevice(input.number, input.mac),
      }));
    },

    /**
     * The phone leaves with its config file, SIP password included, so the line gets a new password
     * in the PBX write that unbinds the phone. The vault is written first, so the PBX never holds a
     * password the vault lacks; a retry after the unbinding finds the phone unbound and changes
     * nothing (a retry after a crash in between simply picks another new password).
     */
    async unbindPhoneFromLine(input: { number: string; mac: string }): Promise<StepOutcome> {
      return step(async () => {
        if (!(await pbx.isDeviceBound(input.number, input.mac)))
          return { value: undefined, result: 'unchanged' };
        const password = await credentials.replace(input.number);
        return { value: undefined, result: await pbx.unbindDevice(input.number, input.mac, password) };
      });
    },

    async convergeSipAccount(input: {
      number: string;
      /** null: no account may exist; absent: leave the PBX as it is. */
      expected?: { displayName: string } | null;
    }): Promise<StepOutcome<SipAccountChange>> {
      return step<SipAccountChange>(async () => {
        if (input.expected === undefined) return unchanged({ change: 'none' as const });
        const current = (
          await capability(pbx, 'findSipAccounts', 'pbx', 'look up SIP accounts in bulk')([input.number])
        )[0];
        if (input.expected && !current) {
          const password = await credentials.getOrCreate(input.number);
          await pbx.createSipAccount({
            extension: input.number,
            displayName: input.expected.displayName,
            password,
          });
          return { value: { change: 'created' as const } };
        }
        if (!input.expected && current) {
          await pbx.removeSipAccount(input.number);
          // Its phones must not keep registering with the old password once the number is reused.
          await credentials.destroy(input.number);
          return { value: { change: 'removed' as const, displayName: current.displayName } };
        }
        return unchanged({ change: 'none' as const });
      });
    },

    async revertSipAccount(input: { number: string; change: SipAccountChange }): Promise<StepOutcome> {
      return step(async () => {
        const { change } = input;
        if (change.change === 'created') {
          const result = await pbx.removeSipAccount(input.number);
          await credentials.destroy(input.number);
          return { value: undefined, result };
        }
        if (change.change === 'removed') {
          // The old password went with the account: the account comes back with a new one.
          const password = await credentials.getOrCreate(input.number);
          const result = await pbx.createSipAccount({
            extension: input.number,
            displayName: change.displayName,
            password,
          });
          return { value: undefined, result };
        }
        return unchanged(undefined);
      });
    },
  };
}
