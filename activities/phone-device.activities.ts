import type { FirstBootEvidence } from '../libs/contracts/phones';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { NetworkDevice } from '../libs/systems/network/network-database.port';
import { systemRejected } from '../libs/systems/system-error';
import type { D60Block, PhoneConfig } from '../libs/systems/provisioning/provisioning.port';
import type { ActivityDeps } from './activity-deps';
import { lineDisplayName, notFoundNumber } from './phone-rights';
import { runStep } from './run-step';

/**
 * A desk phone's steps on the network database, DHCP, the provisioning server and the PBX. Each is
 * one idempotent call on one system; removals only remove what is this phone's.
 */
export function createPhoneDeviceActivities(deps: ActivityDeps) {
  const { network, dhcp, provisioning, pbx, phones, settings, credentials } = deps;
  return {
    async registerPhoneDevice(device: NetworkDevice): Promise<StepOutcome> {
      return runStep('network', async () => ({
        value: undefined,
        result: await network.registerDevice(device),
      }));
    },

    /** Removes the device only if it carries this MAC: a clash with someone else's device is not ours to undo. */
    async removePhoneDevice(input: { name: string; mac: string }): Promise<StepOutcome> {
      return runStep('network', async () => {
        const device = await network.findDevice(input.name);
        if (!device || device.mac !== input.mac) return { value: undefined, result: 'unchanged' as const };
        return { value: undefined, result: await network.removeDevice(input.name) };
      });
    },

    /**
     * The DHCP reservation whose options 66/160 carry the phone's boot URL. The URL holds the
     * per-device secret, so it is worked out here and never enters the workflow's history.
     */
    async reservePhoneAddress(input: {
      mac: string;
      hostname: string;
    }): Promise<StepOutcome<{ ipAddress: string }>> {
      return runStep('dhcp', async () => {
        const { url } = await provisioning.bootUrl(input.mac);
        const { reservation, result } = await dhcp.reserveHost({
          mac: input.mac,
          hostname: input.hostname,
          bootUrl: url,
        });
        return { value: { ipAddress: reservation.ipAddress }, result };
      });
    },

    async releasePhoneAddress(input: { mac: string; hostname: string }): Promise<StepOutcome> {
      return runStep('dhcp', async () => {
        const reservation = await dhcp.findReservation(input.mac);
        if (!reservation || reservation.hostname !== input.hostname)
          return { value: undefined, result: 'unchanged' as const };
        return { value: undefined, result: await dhcp.releaseHost(input.mac) };
      });
    },

    /**
     * (Re)generates the phone's configuration from the inventory: its line, and the D60 block when
     * given. Publishing the same content again changes nothing.
     */
    async publishPhoneConfig(input: {
      phoneId: string;
      d60: D60Block | null;
    }): Promise<StepOutcome<{ revision: number }>> {
      return runStep('provisioning', async () => {
        const phone = await phones.findPhone(input.phoneId);
        if (!phone)
          throw systemRejected('provisioning', `there is no phone ${input.phoneId} in the inventory`);
        const number = await phones.findNumber(phone.number);
        if (!number) throw notFoundNumber(phone.number);
        const model = await phones.findModel(phone.modelId);
        const config: PhoneConfig = {
          family: model?.family ?? 'polycom',
          modelId: phone.modelId,
          sipServer: settings.sipDomain,
          lines: [
            {
              index: 1,
              extension: phone.number,
              label: phone.number,
              displayName: await lineDisplayName(deps, number),
            },
          ],
          d60: input.d60,
        };
        const { revision, result } = await provisioning.publishConfig(phone.mac, config);
        return { value: { revision }, result };
      });
    },

    async withdrawPhoneConfig(input: { mac: string }): Promise<StepOutcome> {
      return runStep('provisioning', async () => ({
        value: undefined,
        result: await provisioning.withdrawConfig(input.mac),
      }));
    },

    /** One look for the first boot: has the phone fetched its file, is the line registered? */
    async checkFirstBoot(input: { mac: string; number: string }): Promise<StepOutcome<FirstBootEvidence>> {
      return runStep('provisioning', async () => {
        const fetchedAt = await provisioning.lastConfigFetch(input.mac);
        const registered = await pbx.isRegistered(input.number);
        return { value: { configFetchedAt: fetchedAt?.toISOString() ?? null, registered } };
      });
    },

    async bindPhoneToLine(input: { number: string; mac: string }): Promise<StepOutcome> {
      return runStep('pbx', async () => ({
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
      return runStep('pbx', async () => {
        if (!(await pbx.isDeviceBound(input.number, input.mac)))
          return { value: undefined, result: 'unchanged' };
        const password = await credentials.replace(input.number);
        return { value: undefined, result: await pbx.unbindDevice(input.number, input.mac, password) };
      });
    },
  };
}
