/**
 * Records of the downstream systems that travel through workflow history (a repair's undo, a phone's
 * device): plain data, so workflows may name them. The ports re-export them.
 */

/** A shared number's phonebook entry, listed under its description. */
export interface SharedNumberEntry {
  number: string;
  description: string;
  ownerLogin: string;
  managersGroup: string;
}

/** Where the phonebook lists a number: on a person's entry, or as a shared number's own entry. */
export type PublishedNumber =
  | { number: string; kind: 'PERSON'; login: string }
  | { number: string; kind: 'SHARED'; entry: SharedNumberEntry };

/** A DHCP host reservation. */
export interface HostReservation {
  /** Canonical MAC. */
  mac: string;
  /** `TELEPHONE-<number>`. */
  hostname: string;
  ipAddress: string;
  /** Handed to the phone in options 66 and 160: where it fetches its configuration. */
  bootUrl: string;
}

/** Where a device is: building, floor and room (from an office such as `513/R-024`). */
export interface DeviceLocation {
  building: string;
  floor: string;
  room: string;
}

/** A desk phone as the network database records it: a device with one interface card. */
export interface NetworkDevice {
  /** `TELEPHONE-<number>`. */
  name: string;
  location: DeviceLocation | null;
  manufacturer: string;
  model: string;
  /** Login of the person responsible for the device. */
  responsible: string;
  /** Login of the person using it. */
  user: string;
  description?: string;
  /** Canonical MAC of its interface card. */
  mac: string;
}
