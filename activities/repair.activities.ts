import type {
  DeviceChange,
  PhonebookChange,
  ReservationChange,
  SipAccountChange,
} from '../libs/contracts/repair';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import {
  desiredNumber,
  desiredPhone,
  type DesiredNumber,
  type DesiredPhone,
} from '../libs/reconciliation/desired-state';
import { sharedEntryDifferences, type ExpectedListing } from '../libs/reconciliation/expectations';
import type { PublishedNumber } from '../libs/systems/directory/directory.port';
import type { NetworkDevice } from '../libs/systems/network/network-database.port';
import { systemRejected } from '../libs/systems/system-error';
import { capability } from '../libs/reconciliation/driver-capability';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

const unchanged = <T>(value: T) => ({ value, result: 'unchanged' as const });

/**
 * The repair workflow's steps: each reads the resource on one system, brings it in line with what the
 * inventory wants (re-create what is missing, remove what is orphaned) and says what it changed.
 * Idempotent: a second run finds nothing to do.
 */
export function createRepairActivities({
  inventoryReader,
  pbx,
  credentials,
  directory,
  network,
  dhcp,
  settings,
}: ActivityDeps) {
  const pools = [settings.pools.personal, settings.pools.shared];
  return {
    async readNumberTarget(input: {
      number: string;
      requestId: string;
    }): Promise<StepOutcome<DesiredNumber>> {
      return runStep('inventory', async () => ({
        value: await desiredNumber(inventoryReader, input.number, input.requestId, pools),
      }));
    },

    async displayNameOf(input: { login: string | null }): Promise<StepOutcome<string | null>> {
      return runStep('directory', async () => {
        // A shared number's account shows its description: nobody to look up.
        if (!input.login) return unchanged(null);
        return { value: (await directory.findPerson(input.login))?.displayName ?? null };
      });
    },

    async convergeSipAccount(input: {
      number: string;
      /** null: no account may exist; absent: leave the PBX as it is. */
      expected?: { displayName: string } | null;
    }): Promise<StepOutcome<SipAccountChange>> {
      return runStep<SipAccountChange>('pbx', async () => {
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
      return runStep('pbx', async () => {
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

    async convergePhonebook(input: {
      number: string;
      expected: ExpectedListing | undefined;
    }): Promise<StepOutcome<PhonebookChange>> {
      return runStep<PhonebookChange>('directory', async () => {
        const { number, expected } = input;
        const none: PhonebookChange = { added: [], removed: [] };
        if (expected === undefined) return unchanged(none);
        const people = await directory.findPeopleByNumber(number);
        const shared = (
          await capability(
            directory,
            'findListings',
            'directory',
            'look up listings in bulk',
          )({
            logins: [],
            sharedNumbers: [number],
          })
        ).filter((l) => l.kind === 'SHARED');
        const current: PublishedNumber[] = [
          ...people.map((login) => ({ number, kind: 'PERSON' as const, login })),
          ...shared,
        ];
        // A shared entry whose owner, description or managers differ is replaced by the expected one.
        const wanted = (l: PublishedNumber) =>
          expected !== null &&
          (l.kind === 'SHARED'
            ? expected.kind === 'SHARED' && sharedEntryDifferences(l.entry, expected.entry).length === 0
            : expected.kind === 'PERSON' && l.login === expected.login);
        const change: PhonebookChange = { added: [], removed: current.filter((l) => !wanted(l)) };
        for (const listing of change.removed) await unpublish(listing);
        if (expected && !current.some(wanted)) {
          const listing: PublishedNumber =
            expected.kind === 'PERSON'
              ? { number, kind: 'PERSON', login: expected.login }
              : { number, kind: 'SHARED', entry: expected.entry };
          await publish(listing);
          change.added.push(listing);
        }
        return change.added.length + change.removed.length === 0 ? unchanged(change) : { value: change };
      });
    },

    async revertPhonebook(input: { change: PhonebookChange }): Promise<StepOutcome> {
      return runStep('directory', async () => {
        for (const listing of input.change.added) await unpublish(listing);
        for (const listing of input.change.removed) await publish(listing);
        return { value: undefined };
      });
    },

    async readPhoneTarget(input: { mac: string; requestId: string }): Promise<StepOutcome<DesiredPhone>> {
      return runStep('inventory', async () => ({
        value: await desiredPhone(inventoryReader, input.mac, input.requestId, settings.provisioningUrl),
      }));
    },

    async convergeNetworkDevice(input: {
      mac: string;
      expected: NetworkDevice | null;
    }): Promise<StepOutcome<DeviceChange>> {
      return runStep<DeviceChange>('network', async () => {
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
      return runStep('network', async () => {
        if (input.change.added) await network.removeDevice(input.change.added.name);
        if (input.change.removed) await network.registerDevice(input.change.removed);
        return { value: undefined };
      });
    },

    async convergeDhcpReservation(input: {
      mac: string;
      expected: { hostname: string; bootUrl: string } | null;
    }): Promise<StepOutcome<ReservationChange>> {
      return runStep<ReservationChange>('dhcp', async () => {
        const { expected, mac } = input;
        const current = await dhcp.findReservation(mac);
        if (expected) {
          // Only the hostname is judged; a boot URL set by the phones' own workflow is kept.
          if (current?.hostname === expected.hostname) return unchanged({});
          await dhcp.reserveHost({ mac, ...expected });
          return { value: current ? { previous: current } : { added: true } };
        }
        if (!current) return unchanged({});
        await dhcp.releaseHost(mac);
        return { value: { previous: current } };
      });
    },

    async revertDhcpReservation(input: { mac: string; change: ReservationChange }): Promise<StepOutcome> {
      return runStep('dhcp', async () => {
        const { previous, added } = input.change;
        if (previous) {
          await dhcp.reserveHost({ mac: input.mac, hostname: previous.hostname, bootUrl: previous.bootUrl });
        } else if (added) {
          await dhcp.releaseHost(input.mac);
        }
        return { value: undefined };
      });
    },
  };

  async function publish(listing: PublishedNumber): Promise<void> {
    if (listing.kind === 'PERSON') await directory.publishPersonalNumber(listing.login, listing.number);
    else await directory.publishSharedNumber(listing.entry);
  }

  async function unpublish(listing: PublishedNumber): Promise<void> {
    if (listing.kind === 'PERSON') await directory.unpublishPersonalNumber(listing.login, listing.number);
    else await directory.unpublishSharedNumber(listing.number);
  }
}
