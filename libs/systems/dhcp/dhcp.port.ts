import type { ApplyResult } from '../system-error';

import type { HostReservation } from '../../contracts/system-records';

export type { HostReservation };

/**
 * DHCP (Kea at the reference site). Reserving a host that has a reservation returns it (updating
 * hostname and boot URL if they changed); releasing one that is gone succeeds.
 */
export interface DhcpPort {
  reserveHost(request: {
    mac: string;
    hostname: string;
    bootUrl: string;
  }): Promise<{ reservation: HostReservation; result: ApplyResult }>;
  releaseHost(mac: string): Promise<ApplyResult>;
  findReservation(mac: string): Promise<HostReservation | null>;
  // Reconciliation reads (optional: see PbxPort).
  /** Reservations in MAC order after `after`: one page of a reconciliation scan. */
  listReservations?(page: { after?: string; limit: number }): Promise<HostReservation[]>;
  /** The reservations among these MACs that exist, in one round trip. */
  findReservations?(macs: string[]): Promise<HostReservation[]>;
}

export const DHCP_PORT = Symbol('DHCP_PORT');
