import { phoneDeviceName } from '../domain/phone-registration';
import type { ReconciledSystem } from '../contracts/reconciliation';
import type { NumberPool } from '../domain/number-pool';
import type { HostReservation } from '../systems/dhcp/dhcp.port';
import type { PublishedNumber } from '../systems/directory/directory.port';
import type { NetworkDevice } from '../systems/network/network-database.port';
import type { SipAccount } from '../systems/pbx/pbx.port';
import {
  expectedListing,
  expectsSipAccount,
  phoneExpectation,
  sharedEntryDifferences,
  type InventoryNumber,
  type InventoryPhone,
} from './expectations';

/** One difference between the inventory and a system, about one resource. */
export interface DriftFinding {
  system: ReconciledSystem;
  resourceType: 'number' | 'phone';
  /** The extension, or the phone's canonical MAC. */
  resource: string;
  /** MISSING: the inventory expects it and the system lacks it; ORPHAN: the reverse; MISMATCH: both have it, differently. */
  kind: 'MISSING' | 'ORPHAN' | 'MISMATCH';
  message: string;
}

const numberDrift = (
  system: ReconciledSystem,
  number: string,
  kind: DriftFinding['kind'],
  message: string,
): DriftFinding => ({ system, resourceType: 'number', resource: number, kind, message });

const phoneDrift = (
  system: ReconciledSystem,
  mac: string,
  kind: DriftFinding['kind'],
  message: string,
): DriftFinding => ({ system, resourceType: 'phone', resource: mac, kind, message });

const inPools = (number: string, pools: readonly NumberPool[]) =>
  pools.some((pool) => Number(number) >= pool.first && Number(number) <= pool.last);

// ---- PBX ----------------------------------------------------------------------------------------

/** Inventory page → PBX: active numbers without their SIP account. */
export function sipAccountsMissing(numbers: InventoryNumber[], accounts: SipAccount[]): DriftFinding[] {
  const present = new Set(accounts.map((a) => a.extension));
  return numbers
    .filter((n) => expectsSipAccount(n) === true && !present.has(n.number))
    .map((n) =>
      numberDrift(
        'pbx',
        n.number,
        'MISSING',
        `number ${n.number}: ACTIVE in inventory, no SIP account on the PBX`,
      ),
    );
}

/** PBX page → inventory: accounts for numbers that must not have one, or that the inventory does not know. */
export function sipAccountsOrphaned(
  accounts: SipAccount[],
  inventory: Map<string, InventoryNumber>,
): DriftFinding[] {
  return accounts.flatMap((account) => {
    const n = inventory.get(account.extension);
    if (!n) {
      return [
        numberDrift(
          'pbx',
          account.extension,
          'ORPHAN',
          `SIP account ${account.extension} exists but the inventory has no number ${account.extension}`,
        ),
      ];
    }
    if (expectsSipAccount(n) !== false) return [];
    return [
      numberDrift('pbx', n.number, 'ORPHAN', `SIP account ${n.number} exists but the number is ${n.state}`),
    ];
  });
}

// ---- Directory / phonebook -------------------------------------------------------------------------

/** Inventory page → phonebook: active numbers not listed where they should be. */
export function listingsMissing(numbers: InventoryNumber[], listings: PublishedNumber[]): DriftFinding[] {
  return numbers.flatMap((n) => {
    const expected = expectedListing(n);
    if (!expected) return [];
    if (expected.kind === 'PERSON') {
      const listed = listings.some(
        (l) => l.number === n.number && l.kind === 'PERSON' && l.login === expected.login,
      );
      return listed
        ? []
        : [
            numberDrift(
              'directory',
              n.number,
              'MISSING',
              `number ${n.number}: ACTIVE in inventory, not listed under ${expected.login} in the phonebook`,
            ),
          ];
    }
    const listing = listings.find((l) => l.number === n.number && l.kind === 'SHARED');
    if (listing?.kind !== 'SHARED')
      return [
        numberDrift(
          'directory',
          n.number,
          'MISSING',
          `number ${n.number}: ACTIVE shared number, no phonebook entry for it`,
        ),
      ];
    // The entry is there: its content must be the inventory's too (read in the same lookup).
    const differences = sharedEntryDifferences(listing.entry, expected.entry);
    return differences.length === 0
      ? []
      : [
          numberDrift(
            'directory',
            n.number,
            'MISMATCH',
            `phonebook entry of shared number ${n.number}: ${differences.join('; ')}`,
          ),
        ];
  });
}

function where(listing: PublishedNumber): string {
  return listing.kind === 'PERSON' ? `under ${listing.login}` : 'as a shared number';
}

/**
 * Phonebook page → inventory: listings of numbers that must not be listed, or listed in the wrong
 * place. Numbers outside the pools that the inventory does not know are not Switchboard's (a person's
 * other numbers) and are left alone.
 */
export function listingsOrphaned(
  listings: PublishedNumber[],
  inventory: Map<string, InventoryNumber>,
  pools: readonly NumberPool[],
): DriftFinding[] {
  return listings.flatMap((listing) => {
    const { number } = listing;
    const n = inventory.get(number);
    if (!n) {
      return inPools(number, pools)
        ? [
            numberDrift(
              'directory',
              number,
              'ORPHAN',
              `number ${number} is listed ${where(listing)} in the phonebook but the inventory has no number ${number}`,
            ),
          ]
        : [];
    }
    const expected = expectedListing(n);
    if (expected === undefined) return [];
    if (expected === null) {
      const why =
        n.state === 'ACTIVE' ? 'it is not to be listed (taken out of the phonebook)' : `it is ${n.state}`;
      return [
        numberDrift(
          'directory',
          number,
          'ORPHAN',
          `number ${number} is listed ${where(listing)} in the phonebook but ${why}`,
        ),
      ];
    }
    if (expected.kind === 'PERSON' && !(listing.kind === 'PERSON' && listing.login === expected.login)) {
      return [
        numberDrift(
          'directory',
          number,
          'ORPHAN',
          `number ${number} is listed ${where(listing)} in the phonebook but belongs to ${expected.login}`,
        ),
      ];
    }
    if (expected.kind === 'SHARED' && listing.kind === 'PERSON') {
      return [
        numberDrift(
          'directory',
          number,
          'ORPHAN',
          `number ${number} is listed under ${listing.login} in the phonebook but is a shared number`,
        ),
      ];
    }
    return [];
  });
}

// ---- Network database ------------------------------------------------------------------------------

/** Phones page → network database: active phones without their device, or with another card on it. */
export function devicesMissing(phones: InventoryPhone[], devices: NetworkDevice[]): DriftFinding[] {
  const byName = new Map(devices.map((d) => [d.name, d]));
  return phones.flatMap((p) => {
    if (phoneExpectation(p) !== 'present') return [];
    const name = phoneDeviceName(p.number);
    const device = byName.get(name);
    if (!device)
      return [
        phoneDrift(
          'network',
          p.mac,
          'MISSING',
          `phone ${p.mac} (${name}): ACTIVE in inventory, no device in the network database`,
        ),
      ];
    if (device.mac !== p.mac)
      return [
        phoneDrift(
          'network',
          p.mac,
          'MISMATCH',
          `device ${name} has interface card ${device.mac}, but the phone on ${p.number} has MAC ${p.mac}`,
        ),
      ];
    return [];
  });
}

/** Network page → inventory: phone devices whose MAC no active phone has (or that carry the wrong name). */
export function devicesOrphaned(
  devices: NetworkDevice[],
  phonesByMac: Map<string, InventoryPhone>,
): DriftFinding[] {
  return devices.flatMap((device) => {
    const phone = phonesByMac.get(device.mac);
    const expectation = phone ? phoneExpectation(phone) : 'absent';
    if (expectation === undefined) return [];
    if (expectation === 'absent' || !phone)
      return [
        phoneDrift(
          'network',
          device.mac,
          'ORPHAN',
          `device ${device.name} (MAC ${device.mac}) exists but no active phone has that MAC`,
        ),
      ];
    if (device.name !== phoneDeviceName(phone.number))
      return [
        phoneDrift(
          'network',
          device.mac,
          'ORPHAN',
          `device ${device.name} carries the MAC of the phone on ${phone.number}, which should be ${phoneDeviceName(phone.number)}`,
        ),
      ];
    return [];
  });
}

// ---- DHCP ------------------------------------------------------------------------------------------

/** Phones page → DHCP: active phones without their reservation, or with another hostname. */
export function reservationsMissing(
  phones: InventoryPhone[],
  reservations: HostReservation[],
): DriftFinding[] {
  const byMac = new Map(reservations.map((r) => [r.mac, r]));
  return phones.flatMap((p) => {
    if (phoneExpectation(p) !== 'present') return [];
    const name = phoneDeviceName(p.number);
    const reservation = byMac.get(p.mac);
    if (!reservation)
      return [
        phoneDrift(
          'dhcp',
          p.mac,
          'MISSING',
          `phone ${p.mac} (${name}): ACTIVE in inventory, no DHCP reservation`,
        ),
      ];
    if (reservation.hostname !== name)
      return [
        phoneDrift(
          'dhcp',
          p.mac,
          'MISMATCH',
          `DHCP reservation for ${p.mac} names ${reservation.hostname}, not ${name}`,
        ),
      ];
    return [];
  });
}

/** DHCP page → inventory: reservations for MACs no active phone has. */
export function reservationsOrphaned(
  reservations: HostReservation[],
  phonesByMac: Map<string, InventoryPhone>,
): DriftFinding[] {
  return reservations.flatMap((reservation) => {
    const phone = phonesByMac.get(reservation.mac);
    const expectation = phone ? phoneExpectation(phone) : 'absent';
    if (expectation !== 'absent') return [];
    return [
      phoneDrift(
        'dhcp',
        reservation.mac,
        'ORPHAN',
        `DHCP reservation for ${reservation.mac} (${reservation.hostname}) exists but no active phone has that MAC`,
      ),
    ];
  });
}
