import type { ReservationChange } from '../libs/contracts/repair';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { DhcpPort } from '../libs/systems/dhcp/dhcp.port';
import type { ProvisioningPort } from '../libs/systems/provisioning/provisioning.port';
import { stepsOn, unchanged } from './run-step';

/** Steps on DHCP: the reservations whose options tell a desk phone where its configuration is. */
export function createDhcpActivities({
  dhcp,
  provisioning,
}: {
  dhcp: DhcpPort;
  /** Only for the boot URL, which carries the per-device secret. */
  provisioning: Pick<ProvisioningPort, 'bootUrl'>;
}) {
  const step = stepsOn('dhcp');
  return {
    /**
     * The DHCP reservation whose options 66/160 carry the phone's boot URL. The URL holds the
     * per-device secret, so it is worked out here and never enters the workflow's history.
     */
    async reservePhoneAddress(input: {
      mac: string;
      hostname: string;
    }): Promise<StepOutcome<{ ipAddress: string }>> {
      return step(async () => {
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
      return step(async () => {
        const reservation = await dhcp.findReservation(input.mac);
        if (!reservation || reservation.hostname !== input.hostname)
          return { value: undefined, result: 'unchanged' as const };
        return { value: undefined, result: await dhcp.releaseHost(input.mac) };
      });
    },

    async convergeDhcpReservation(input: {
      mac: string;
      expected: { hostname: string; bootUrl: string } | null;
    }): Promise<StepOutcome<ReservationChange>> {
      return step<ReservationChange>(async () => {
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
      return step(async () => {
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
}
