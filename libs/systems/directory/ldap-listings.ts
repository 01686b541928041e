import type { Entry } from 'ldapts';
import type { LdapAttributes } from '../../config/real-drivers-config';
import type { PublishedNumber } from './directory.port';
import { allValues, firstValue } from './ldap-entry';

// Reading the phonebook's listings out of LDAP entries, for reconciliation's bulk reads.

/** A listing's sort key: number first, so that a scan's pages come in number order. */
export function listingKey(listing: PublishedNumber): string {
  return `${listing.number}\u0001${listing.kind}\u0001${listing.kind === 'PERSON' ? listing.login : ''}`;
}

/** The numbers a person's entry lists, one listing each (none without a login). */
export function personListings(entry: Entry, a: LdapAttributes): PublishedNumber[] {
  const login = firstValue(entry, a.login);
  if (!login) return [];
  return [...new Set(allValues(entry, a.phone))].map((number) => ({ number, kind: 'PERSON', login }));
}

/**
 * A shared number's phonebook entry as a listing. The owner is a DN, resolved by the caller; the
 * managers e-group is the first RDN value of its DN (the driver writes `cn=<group>,<groups base>`).
 */
export function sharedListing(
  entry: Entry,
  a: LdapAttributes,
  ownerLogin: string | null,
): PublishedNumber | null {
  const number = firstValue(entry, a.phonebookNumber) ?? firstValue(entry, a.phonebookName);
  if (!number) return null;
  const managersDn = firstValue(entry, a.phonebookManagers);
  return {
    number,
    kind: 'SHARED',
    entry: {
      number,
      description: firstValue(entry, a.phonebookDescription) ?? number,
      ownerLogin: ownerLogin ?? '',
      managersGroup: (managersDn && firstRdnValue(managersDn)) ?? '',
    },
  };
}

/**
 * The value of a DN's first RDN with RFC 4514 escapes undone (`cn=phone-mngr-65001,ou=groups,…` →
 * `phone-mngr-65001`); null when the DN does not start with `attribute=value`. Multi-valued RDNs keep
 * their first value.
 */
export function firstRdnValue(dn: string): string | null {
  const equals = dn.indexOf('=');
  if (equals <= 0) return null;
  let value = '';
  for (let i = equals + 1; i < dn.length; i += 1) {
    const c = dn[i];
    if (c === ',' || c === '+') break;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const hex = dn.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      value += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else {
      value += dn[i + 1] ?? '';
      i += 1;
    }
  }
  return value.trim() === '' ? null : value;
}

/** Splits values into chunks so that one OR filter never grows past what servers take comfortably. */
export function chunks<T>(values: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) result.push(values.slice(i, i + size));
  return result;
}
