import type { DeviceChange } from '../libs/contracts/repair';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { NetworkDevice } from '../libs/contracts/system-records';
import { capability } from '../libs/reconciliation/driver-capability';
import type { NetworkDatabasePort } from '../libs/systems/network/network-database.port';
import { systemRejected } from '../libs/systems/system-error';
import { stepsOn, unchanged } from './run-step';

/** Steps on the network database: desk phones' devices. Removals only remove what is this phone's. */
export function createNetworkActivities({ network }: { network: NetworkDatabasePort }) {
  const step = stepsOn('network');
  return {
    async registerPhoneDevice(device: NetworkDevice): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await network.registerDevice(device),
      }));
    },

    /** Removes the device only if it carries this MAC: a clash with someone else's device is not ours to undo. */
    async removePhoneDevice(input: { name: string; mac: string }): Promise<StepOutcome> {
      return step(async () => {
        const device = await network.findDevice(input.name);
        if (!device || device.mac !== input.mac) return { value: undefined, result: 'unchanged' as const };
        return { value: undefined, result: await network.removeDevice(input.name) };
      });
    },

    async convergeNetworkDevice(input: {
      mac: string;
      expected: NetworkDevice | null;
    }): Promise<StepOutcome<DeviceChange>> {
      return step<DeviceChange>(async () => {
        const { expected } = input;
        const current = await capability(
          network,
          'findDeviceByMac',
          'network',
          'find a device by MAC',
        )(input.mac);
        if (current && current.name === expected?.name) return unchanged({});
        if (expected) {
          const holder = await network.findDevice(expected.name);
          if (holder && holder.mac !== input.mac) {
            throw systemRejected(
              'network',
              `device ${expected.name} carries MAC ${holder.mac}; repair the phone ${holder.mac} first`,
            );
          }
        }
        const change: DeviceChange = {};
        if (current) {
          await network.removeDevice(current.name);
          change.removed = current;
        }
        if (expected) {
          await network.registerDevice(expected);
          change.added = expected;
        }
        return change.added || change.removed ? { value: change } : unchanged(change);
      });
    },

    async revertNetworkDevice(input: { change: DeviceChange }): Promise<StepOutcome> {
      return step(async () => {
        if (input.change.added) await network.removeDevice(input.change.added.name);
        if (input.change.removed) await network.registerDevice(input.change.removed);
        return { value: undefined };
      });
    },
  };
}
