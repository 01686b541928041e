import { phoneDeviceName } from '../domain/phone-registration';
import { DomainError, DomainErrorCode } from '../domain/domain-error';
import type { NumberPool } from '../domain/number-pool';
import type { NetworkDevice } from '../systems/network/network-database.port';
import { officeLocation } from '../systems/network/office-location';
import {
  expectedListing,
  expectsSipAccount,
  expectedBootUrl,
  phoneExpectation,
  type ExpectedListing,
} from './expectations';
import type { InventoryReader } from './inventory-reader';

/** What the systems must hold for a number, read from the inventory when the repair runs. */
export interface DesiredNumber {
  number: string;
  /** Whether the PBX must have an account (and whose name it shows); null: none; absent: not touched. */
  sipAccount?: { ownerLogin: string | null; fallbackName: string } | null;
  /** The phonebook listing; null: none anywhere; absent: not reconciliation's to change (legacy). */
  listing?: ExpectedListing;
}

/** What the network database and DHCP must hold for a MAC; null: nothing. */
export interface DesiredPhone {
  mac: string;
  device: NetworkDevice | null;
  reservation: { hostname: string; bootUrl: string } | null;
}

const inPools = (number: string, pools: readonly NumberPool[]) =>
  pools.some((pool) => Number(number) >= pool.first && Number(number) <= pool.last);

export async function desiredNumber(
  inventory: InventoryReader,
  number: string,
  repairRequestId: string,
  pools: readonly NumberPool[],
): Promise<DesiredNumber> {
  const n = (await inventory.numbers([number], repairRequestId)).get(number);
  // Unknown to the inventory: nothing may exist for it, and the phonebook only matters inside the pools.
  if (!n) return { number, sipAccount: null, ...(inPools(number, pools) ? { listing: null } : {}) };
  if (n.busy) {
    throw new DomainError(
      DomainErrorCode.REQUEST_IN_PROGRESS,
      `Another request is working on number ${number} right now. Repair it once that request has finished.`,
    );
  }
  const account = expectsSipAccount(n);
  const listing = expectedListing(n);
  if (account === undefined && listing === undefined) {
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `Number ${number} is ${n.state}: reconciliation does not repair it (deactivated numbers belong to the lifecycle, numbers needing attention to the service desk).`,
    );
  }
  return {
    number,
    ...(account === undefined
      ? {}
      : {
          sipAccount: account
            ? {
                ownerLogin: n.type === 'PERSONAL' ? n.ownerLogin : null,
                fallbackName: n.type === 'SHARED' ? (n.description ?? number) : (n.ownerLogin ?? number),
              }
            : null,
        }),
    ...(listing === undefined ? {} : { listing }),
  };
}

export async function desiredPhone(
  inventory: InventoryReader,
  mac: string,
  repairRequestId: string,
  provisioningUrl: string,
): Promise<DesiredPhone> {
  const phone = (await inventory.phonesByMac([mac], repairRequestId)).get(mac);
  if (phone?.busy) {
    throw new DomainError(
      DomainErrorCode.REQUEST_IN_PROGRESS,
      `Another request is working on the phone ${mac} right now. Repair it once that request has finished.`,
    );
  }
  const expectation = phone ? phoneExpectation(phone) : 'absent';
  if (expectation === undefined) {
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `The phone ${mac} is being registered or unregistered (${phone?.activation}); repair it once that has finished.`,
    );
  }
  if (expectation === 'absent' || !phone) return { mac, device: null, reservation: null };
  const model = await inventory.phoneModel(phone.modelId);
  const name = phoneDeviceName(phone.number);
  return {
    mac,
    device: {
      name,
      mac,
      location: officeLocation(phone.office),
      manufacturer: model?.manufacturer ?? 'unknown',
      model: model?.name ?? phone.modelId,
      responsible: phone.ownerLogin,
      user: phone.ownerLogin,
      description: `Desk phone on ${phone.number}`,
    },
    reservation: { hostname: name, bootUrl: expectedBootUrl(provisioningUrl, phone.provisioningSecret) },
  };
}
