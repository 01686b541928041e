import { phoneDeviceName } from '../domain/phone-registration';
import type { ScanPageInput, ScanPageResult } from '../contracts/reconciliation';
import { isExtension, type NumberPool } from '../domain/number-pool';
import type { DhcpPort } from '../systems/dhcp/dhcp.port';
import type { DirectoryPort } from '../systems/directory/directory.port';
import type { NetworkDatabasePort } from '../systems/network/network-database.port';
import type { PbxPort } from '../systems/pbx/pbx.port';
import {
  devicesMissing,
  devicesOrphaned,
  listingsMissing,
  listingsOrphaned,
  reservationsMissing,
  reservationsOrphaned,
  sipAccountsMissing,
  sipAccountsOrphaned,
  type DriftFinding,
} from './compare';
import { expectedListing, expectsSipAccount, phoneExpectation } from './expectations';
import { capability } from './driver-capability';
import type { InventoryReader } from './inventory-reader';
import type { ReconciliationStore } from './reconciliation-store';

export interface ReconcilerDeps {
  pbx: PbxPort;
  directory: DirectoryPort;
  network: NetworkDatabasePort;
  dhcp: DhcpPort;
  inventory: InventoryReader;
  store: ReconciliationStore;
  pools: readonly NumberPool[];
}

interface PageFindings {
  findings: DriftFinding[];
  checked: number;
  next?: string;
}

/** The network database holds every kind of device; phones are the ones named TELEPHONE-…. */
const PHONE_DEVICE_PREFIX = phoneDeviceName('');

/**
 * Compares one page of the inventory with a system, or one page of a system with the inventory, in
 * bulk: one read of the page, one lookup on the other side for the whole page, never one call per
 * resource. What it finds is stored with the run.
 */
export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async scanPage(input: ScanPageInput): Promise<ScanPageResult> {
    const page = await this.compare(input);
    await this.deps.store.recordDrift(input.runId, page.findings);
    return { next: page.next, checked: page.checked, drift: page.findings.length };
  }

  private compare({ system, pass, after, limit }: ScanPageInput): Promise<PageFindings> {
    switch (system) {
      case 'pbx':
        return pass === 'inventory' ? this.pbxFromInventory(after, limit) : this.pbxFromSystem(after, limit);
      case 'directory':
        return pass === 'inventory'
          ? this.directoryFromInventory(after, limit)
          : this.directoryFromSystem(after, limit);
      case 'network':
        return pass === 'inventory'
          ? this.networkFromInventory(after, limit)
          : this.networkFromSystem(after, limit);
      case 'dhcp':
        return pass === 'inventory'
          ? this.dhcpFromInventory(after, limit)
          : this.dhcpFromSystem(after, limit);
    }
  }

  private async pbxFromInventory(after: string | undefined, limit: number): Promise<PageFindings> {
    const numbers = await this.deps.inventory.numbersPage(after, limit);
    const wanted = numbers.filter((n) => expectsSipAccount(n) === true).map((n) => n.number);
    const accounts = await capability(
      this.deps.pbx,
      'findSipAccounts',
      'pbx',
      'look up SIP accounts in bulk',
    )(wanted);
    return {
      findings: sipAccountsMissing(numbers, accounts),
      checked: numbers.length,
      next: nextKey(numbers, limit, (n) => n.number),
    };
  }

  private async pbxFromSystem(after: string | undefined, limit: number): Promise<PageFindings> {
    const accounts = await capability(
      this.deps.pbx,
      'listSipAccounts',
      'pbx',
      'list SIP accounts',
    )({ after, limit });
    // Accounts that are not internal extensions (trunks, test users) are not Switchboard's.
    const lines = accounts.filter((a) => isExtension(a.extension));
    const inventory = await this.deps.inventory.numbers(lines.map((a) => a.extension));
    return {
      findings: sipAccountsOrphaned(lines, inventory),
      checked: accounts.length,
      next: nextKey(accounts, limit, (a) => a.extension),
    };
  }

  private async directoryFromInventory(after: string | undefined, limit: number): Promise<PageFindings> {
    const numbers = await this.deps.inventory.numbersPage(after, limit);
    const logins = new Set<string>();
    const sharedNumbers: string[] = [];
    for (const n of numbers) {
      const expected = expectedListing(n);
      if (expected?.kind === 'PERSON') logins.add(expected.login);
      if (expected?.kind === 'SHARED') sharedNumbers.push(n.number);
    }
    const listings = await capability(
      this.deps.directory,
      'findListings',
      'directory',
      'look up listings in bulk',
    )({
      logins: [...logins],
      sharedNumbers,
    });
    return {
      findings: listingsMissing(numbers, listings),
      checked: numbers.length,
      next: nextKey(numbers, limit, (n) => n.number),
    };
  }

  private async directoryFromSystem(after: string | undefined, limit: number): Promise<PageFindings> {
    const { listings, next } = await capability(
      this.deps.directory,
      'listPublishedNumbers',
      'directory',
      'list published numbers',
    )({ after, limit });
    const inventory = await this.deps.inventory.numbers([...new Set(listings.map((l) => l.number))]);
    return {
      findings: listingsOrphaned(listings, inventory, this.deps.pools),
      checked: listings.length,
      next,
    };
  }

  private async networkFromInventory(after: string | undefined, limit: number): Promise<PageFindings> {
    const phones = await this.deps.inventory.phonesPage(after, limit);
    const names = phones
      .filter((p) => phoneExpectation(p) === 'present')
      .map((p) => phoneDeviceName(p.number));
    const devices = await capability(
      this.deps.network,
      'findDevices',
      'network',
      'look up devices in bulk',
    )(names);
    return {
      findings: devicesMissing(phones, devices),
      checked: phones.length,
      next: nextKey(phones, limit, (p) => p.mac),
    };
  }

  private async networkFromSystem(after: string | undefined, limit: number): Promise<PageFindings> {
    const devices = await capability(
      this.deps.network,
      'listDevices',
      'network',
      'list devices',
    )({
      namePrefix: PHONE_DEVICE_PREFIX,
      after,
      limit,
    });
    const phones = await this.deps.inventory.phonesByMac(devices.map((d) => d.mac));
    return {
      findings: devicesOrphaned(devices, phones),
      checked: devices.length,
      next: nextKey(devices, limit, (d) => d.name),
    };
  }

  private async dhcpFromInventory(after: string | undefined, limit: number): Promise<PageFindings> {
    const phones = await this.deps.inventory.phonesPage(after, limit);
    const macs = phones.filter((p) => phoneExpectation(p) === 'present').map((p) => p.mac);
    const reservations = await capability(
      this.deps.dhcp,
      'findReservations',
      'dhcp',
      'look up reservations in bulk',
    )(macs);
    return {
      findings: reservationsMissing(phones, reservations),
      checked: phones.length,
      next: nextKey(phones, limit, (p) => p.mac),
    };
  }

  private async dhcpFromSystem(after: string | undefined, limit: number): Promise<PageFindings> {
    const reservations = await capability(
      this.deps.dhcp,
      'listReservations',
      'dhcp',
      'list reservations',
    )({ after, limit });
    // DHCP serves every kind of host; only phones' reservations are Switchboard's.
    const ofPhones = reservations.filter((r) => r.hostname.startsWith(PHONE_DEVICE_PREFIX));
    const phones = await this.deps.inventory.phonesByMac(ofPhones.map((r) => r.mac));
    return {
      findings: reservationsOrphaned(ofPhones, phones),
      checked: reservations.length,
      next: nextKey(reservations, limit, (r) => r.mac),
    };
  }
}

/** A full page may have more after it; a short one is the last. */
function nextKey<T>(items: T[], limit: number, key: (item: T) => string): string | undefined {
  return items.length === limit && items.length > 0 ? key(items[items.length - 1]) : undefined;
}
