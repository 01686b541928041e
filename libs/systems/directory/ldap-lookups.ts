import type { Client, Entry } from 'ldapts';
import type { LdapConfig } from '../../config/real-drivers-config';
import { systemRejected } from '../system-error';
import { firstValue } from './ldap-entry';
import { ldapResultCode } from './ldap-errors';
import { childDn, ldapFilter } from './ldap-filter';

export const LdapResultCode = {
  NO_SUCH_ATTRIBUTE: 16,
  TYPE_OR_VALUE_EXISTS: 20,
  NO_SUCH_OBJECT: 32,
  INVALID_DN_SYNTAX: 34,
  ALREADY_EXISTS: 68,
} as const;

/** Whether `error` is this LDAP result code (used for the idempotent cases). */
export const isCode = (error: unknown, code: number) => ldapResultCode(error) === code;

/**
 * Finding entries in the configured tree: people and groups are found by search (their DNs are
 * whatever the site uses); only entries we create get DNs we build, with escaping. Shared by the
 * people, groups and phonebook parts of the LDAP directory driver.
 */
export class LdapLookups {
  constructor(readonly config: LdapConfig) {}

  get attrs(): LdapConfig['attributes'] {
    return this.config.attributes;
  }

  personClass() {
    return ldapFilter.eq('objectClass', this.config.objectClasses.person);
  }

  groupClass() {
    return ldapFilter.eq('objectClass', this.config.objectClasses.group);
  }

  phonebookClass() {
    return ldapFilter.eq('objectClass', this.config.objectClasses.phonebookEntry);
  }

  async personEntry(client: Client, login: string, attributes: string[]): Promise<Entry | null> {
    const { searchEntries } = await client.search(this.config.baseDns.people, {
      scope: 'sub',
      filter: ldapFilter.and(this.personClass(), ldapFilter.eq(this.attrs.login, login)),
      attributes,
    });
    return single(searchEntries, `person "${login}"`);
  }

  async groupEntry(
    client: Client,
    name: string,
    attributes = [this.attrs.groupMember],
  ): Promise<Entry | null> {
    const { searchEntries } = await client.search(this.config.baseDns.groups, {
      scope: 'sub',
      filter: ldapFilter.and(this.groupClass(), ldapFilter.eq(this.attrs.groupName, name)),
      attributes,
    });
    return single(searchEntries, `e-group "${name}"`);
  }

  async phonebookEntry(client: Client, number: string, attributes: string[]): Promise<Entry | null> {
    const { searchEntries } = await client.search(this.config.baseDns.phonebook, {
      scope: 'sub',
      filter: ldapFilter.and(this.phonebookClass(), ldapFilter.eq(this.attrs.phonebookName, number)),
      attributes,
    });
    return single(searchEntries, `phonebook entry "${number}"`);
  }

  /** The login of the person at `dn`, or null when it is not a person (a stale or placeholder DN). */
  async loginOf(client: Client, dn: string): Promise<string | null> {
    try {
      const { searchEntries } = await client.search(dn, {
        scope: 'base',
        filter: this.personClass(),
        attributes: [this.attrs.login],
      });
      return searchEntries[0] ? firstValue(searchEntries[0], this.attrs.login) : null;
    } catch (error) {
      if (isCode(error, LdapResultCode.NO_SUCH_OBJECT) || isCode(error, LdapResultCode.INVALID_DN_SYNTAX))
        return null;
      throw error;
    }
  }

  groupDn(name: string): string {
    return childDn(this.attrs.groupName, name, this.config.baseDns.groups);
  }

  phonebookDn(number: string): string {
    return childDn(this.attrs.phonebookName, number, this.config.baseDns.phonebook);
  }
}

export function logins(entries: Entry[], attribute: string): string[] {
  return entries
    .map((e) => firstValue(e, attribute))
    .filter((v): v is string => v !== null)
    .sort();
}

/** One entry, none, or a refusal: two people with one login would make every write a guess. */
function single(entries: Entry[], what: string): Entry | null {
  if (entries.length > 1) throw systemRejected('directory', `the directory holds more than one ${what}`);
  return entries[0] ?? null;
}

// Servers may return DNs with other spacing or case than we wrote; good enough for the DNs we compare.
export const normaliseDn = (dn: string) => dn.replace(/\s*([,=+])\s*/g, '$1').toLowerCase();

export function sameDn(a: string, b: string): boolean {
  return normaliseDn(a) === normaliseDn(b);
}

export function sameDnSet(a: string[], b: string[]): boolean {
  const left = [...new Set(a.map(normaliseDn))].sort();
  const right = [...new Set(b.map(normaliseDn))].sort();
  return left.length === right.length && left.every((dn, i) => dn === right[i]);
}
