import type { HostReservation, NetworkDevice, PublishedNumber } from './system-records';

/** What a converge step changed, so that its undo can put it back. */
export type SipAccountChange =
  { change: 'created' } | { change: 'removed'; displayName: string } | { change: 'none' };
export interface PhonebookChange {
  added: PublishedNumber[];
  removed: PublishedNumber[];
}
export interface DeviceChange {
  added?: NetworkDevice;
  removed?: NetworkDevice;
}
export interface ReservationChange {
  added?: boolean;
  previous?: HostReservation;
}
