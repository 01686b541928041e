import type { NumberRecord } from '../contracts/numbers';
import { phoneBootUrl } from '../systems/provisioning/boot-url';
import { NumberState } from '../domain/number-state';
import { PhoneActivation } from '../domain/phone-activation';
import type { SharedNumberEntry } from '../systems/directory/directory.port';

/**
 * A number as reconciliation sees it: the fields of its inventory row that the systems mirror (as
 * workflows see them), and whether a request is acting on it now.
 */
export interface InventoryNumber extends Omit<NumberRecord, 'reservedUntil' | 'quarantineUntil'> {
  /**
   * A running request holds it (a lock or a reservation). Its systems may differ from the inventory
   * for a while — "local state reaches its final value last" — so it is not judged.
   */
  busy: boolean;
}

/** A desk phone as reconciliation sees it (rows in state REMOVED are history and never read). */
export interface InventoryPhone {
  mac: string;
  number: string;
  activation: PhoneActivation;
  ownerLogin: string;
  modelId: string;
  office: string | null;
  provisioningSecret: string | null;
  busy: boolean;
}

/** The phonebook listing a number should have; null when it must not be listed at all. */
export type ExpectedListing =
  { kind: 'PERSON'; login: string } | { kind: 'SHARED'; entry: SharedNumberEntry } | null;

/**
 * Whether the PBX must hold an account for the number: true, false, or undefined when it is not for
 * reconciliation to judge (a request is on it; DEACTIVATED and NEEDS_ATTENTION numbers belong to the
 * lifecycle and to the service desk).
 */
export function expectsSipAccount(n: InventoryNumber): boolean | undefined {
  if (n.busy) return undefined;
  switch (n.state) {
    case NumberState.ACTIVE:
      return true;
    case NumberState.AVAILABLE:
    case NumberState.QUARANTINED:
    case NumberState.LEGACY:
      return false;
    default:
      return undefined;
  }
}

/**
 * The listing the phonebook must have, null when none, undefined when not ours to judge (a request
 * is on it; legacy numbers are listed by the old phonebook until migrated).
 */
export function expectedListing(n: InventoryNumber): ExpectedListing | undefined {
  if (n.busy) return undefined;
  if (n.state === NumberState.AVAILABLE || n.state === NumberState.QUARANTINED) return null;
  if (n.state !== NumberState.ACTIVE) return undefined;
  if (!n.inPhonebook) return null;
  if (n.type === 'PERSONAL' && n.ownerLogin) return { kind: 'PERSON', login: n.ownerLogin };
  if (n.type === 'SHARED' && n.ownerLogin) {
    return {
      kind: 'SHARED',
      entry: {
        number: n.number,
        description: n.description ?? n.number,
        ownerLogin: n.ownerLogin,
        managersGroup: n.managersGroup ?? `phone-mngr-${n.number}`,
      },
    };
  }
  return undefined;
}

/**
 * How a shared number's phonebook entry differs from what the inventory expects, one phrase per
 * field (owner, description, managers e-group); empty when it matches.
 */
export function sharedEntryDifferences(found: SharedNumberEntry, expected: SharedNumberEntry): string[] {
  const fields: [keyof SharedNumberEntry, string][] = [
    ['ownerLogin', 'owner'],
    ['description', 'description'],
    ['managersGroup', 'managers e-group'],
  ];
  return fields
    .filter(([field]) => found[field] !== expected[field])
    .map(([field, label]) => `${label} is "${found[field]}", not "${expected[field]}"`);
}

/**
 * Whether the phone's MAC must have a network device and a DHCP reservation: `present` for an active
 * phone, `absent` for a failed one, undefined while it is being registered or unregistered.
 */
export function phoneExpectation(p: InventoryPhone): 'present' | 'absent' | undefined {
  if (p.busy) return undefined;
  if (p.activation === PhoneActivation.ACTIVE) return 'present';
  if (p.activation === PhoneActivation.FAILED || p.activation === PhoneActivation.REMOVED) return 'absent';
  return undefined;
}

/** Where the phone fetches its configuration (DHCP options 66/160); the per-phone secret keeps the file private. */
export function expectedBootUrl(provisioningUrl: string, secret: string | null): string {
  return secret ? phoneBootUrl(provisioningUrl, secret) : `${provisioningUrl.replace(/\/$/, '')}/`;
}
