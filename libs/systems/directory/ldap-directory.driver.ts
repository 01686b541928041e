import { Attribute, Change, type Client, type Entry } from 'ldapts';
import type { LdapConfig } from '../../config/real-drivers-config';
import { systemRejected, type ApplyResult } from '../system-error';
import { ScanSnapshot } from '../scan-snapshot';
import type {
  DirectoryPerson,
  DirectoryPort,
  GroupDefinition,
  PublishedNumber,
  SharedNumberEntry,
} from './directory.port';
import { allValues, firstValue, personAttributes, toDirectoryPerson } from './ldap-entry';
import { ldapResultCode } from './ldap-errors';
import { childDn, ldapFilter } from './ldap-filter';
import { chunks, listingKey, personListings, sharedListing } from './ldap-listings';
import { LdapSession } from './ldap-session';

const NO_SUCH_OBJECT = 32;
const TYPE_OR_VALUE_EXISTS = 20;
const NO_SUCH_ATTRIBUTE = 16;
const ALREADY_EXISTS = 68;
const INVALID_DN_SYNTAX = 34;
/** Entries per LDAP page (simple paged results, RFC 2696) when reading the phonebook whole. */
const SCAN_PAGE_SIZE = 1000;
/** Values per OR filter in bulk lookups. */
const FILTER_CHUNK = 200;

/** Whether `error` is this LDAP result code (used for the idempotent cases). */
const isCode = (error: unknown, code: number) => ldapResultCode(error) === code;

/**
 * The directory and phonebook over LDAP (ldapts): people, e-groups (groupOfNames) and the
 * phonebook's shared-number entries (organizationalRole). Object classes, base DNs and attribute
 * names come from configuration. People and groups are found by search (their DNs are whatever
 * the site uses); only entries we create get DNs we build, with escaping.
 */
export class LdapDirectoryDriver implements DirectoryPort {
  private readonly session: LdapSession;
  /** LDAP returns entries in its own order: one paged read per scan, key-ordered pages from it. */
  private readonly listings = new ScanSnapshot<PublishedNumber>(listingKey);

  constructor(private readonly config: LdapConfig) {
    this.session = new LdapSession(config);
  }

  /** Bind count, for tests that check the connection is reused and re-established. */
  get connections(): number {
    return this.session.connections;
  }

  get isConnected(): boolean {
    return this.session.isConnected;
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  /** Nest calls this on application shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private get attrs() {
    return this.config.attributes;
  }

  async findPerson(login: string): Promise<DirectoryPerson | null> {
    return this.session.run('findPerson', async (client) => {
      const entry = await this.personEntry(client, login, personAttributes(this.attrs));
      if (!entry) return null;
      const supervisorDn = firstValue(entry, this.attrs.supervisor);
      const supervisorLogin = supervisorDn ? await this.loginOf(client, supervisorDn) : null;
      try {
        return toDirectoryPerson(entry, this.attrs, supervisorLogin);
      } catch (error) {
        throw systemRejected('directory', (error as Error).message, error);
      }
    });
  }

  async findPeopleByNumber(number: string): Promise<string[]> {
    return this.session.run('findPeopleByNumber', async (client) => {
      const { searchEntries } = await client.search(this.config.baseDns.people, {
        scope: 'sub',
        filter: ldapFilter.and(this.personClass(), ldapFilter.eq(this.attrs.phone, number)),
        attributes: [this.attrs.login],
      });
      return logins(searchEntries, this.attrs.login);
    });
  }

  async groupMembers(group: string): Promise<string[] | null> {
    return this.session.run('groupMembers', async (client) => {
      const entry = await this.groupEntry(client, group);
      if (!entry) return null;
      const memberDns = allValues(entry, this.attrs.groupMember).filter((dn) => !sameDn(dn, entry.dn));
      const members: string[] = [];
      for (const dn of memberDns) {
        const login = await this.loginOf(client, dn);
        if (login) members.push(login);
      }
      return members.sort();
    });
  }

  async groupsOf(login: string): Promise<string[]> {
    return this.session.run('groupsOf', async (client) => {
      const person = await this.personEntry(client, login, ['1.1']);
      if (!person) return [];
      const { searchEntries } = await client.search(this.config.baseDns.groups, {
        scope: 'sub',
        filter: ldapFilter.and(this.groupClass(), ldapFilter.eq(this.attrs.groupMember, person.dn)),
        attributes: [this.attrs.groupName],
      });
      return logins(searchEntries, this.attrs.groupName);
    });
  }

  async publishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    return this.session.run('publishPersonalNumber', async (client) => {
      const person = await this.personEntry(client, login, [this.attrs.phone]);
      if (!person) throw systemRejected('directory', `the directory has no person "${login}"`);
      if (allValues(person, this.attrs.phone).includes(number)) return 'unchanged';
      try {
        await client.modify(person.dn, change('add', this.attrs.phone, [number]));
        return 'applied';
      } catch (error) {
        // Another writer (or our own attempt whose answer was lost) got there first.
        if (isCode(error, TYPE_OR_VALUE_EXISTS)) return 'unchanged';
        throw error;
      }
    });
  }

  async unpublishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    return this.session.run('unpublishPersonalNumber', async (client) => {
      const person = await this.personEntry(client, login, [this.attrs.phone]);
      if (!person || !allValues(person, this.attrs.phone).includes(number)) return 'unchanged';
      try {
        await client.modify(person.dn, change('delete', this.attrs.phone, [number]));
        return 'applied';
      } catch (error) {
        if (isCode(error, NO_SUCH_ATTRIBUTE) || isCode(error, NO_SUCH_OBJECT)) return 'unchanged';
        throw error;
      }
    });
  }

  async publishSharedNumber(entry: SharedNumberEntry): Promise<ApplyResult> {
    return this.session.run('publishSharedNumber', async (client) => {
      const owner = await this.personEntry(client, entry.ownerLogin, ['1.1']);
      if (!owner) throw systemRejected('directory', `the directory has no person "${entry.ownerLogin}"`);
      const a = this.attrs;
      const wanted: Record<string, string> = {
        [a.phonebookNumber]: entry.number,
        [a.phonebookDescription]: entry.description,
        [a.phonebookOwner]: owner.dn,
        [a.phonebookManagers]: this.groupDn(entry.managersGroup),
      };
      const existing = await this.phonebookEntry(client, entry.number, Object.keys(wanted));
      if (!existing) {
        try {
          await client.add(this.phonebookDn(entry.number), {
            objectClass: [this.config.objectClasses.phonebookEntry],
            [a.phonebookName]: entry.number,
            ...wanted,
          });
          return 'applied';
        } catch (error) {
          if (!isCode(error, ALREADY_EXISTS)) throw error;
          return this.publishSharedNumberUpdate(client, entry.number, wanted);
        }
      }
      return this.updateEntry(client, existing, wanted);
    });
  }

  private async publishSharedNumberUpdate(
    client: Client,
    number: string,
    wanted: Record<string, string>,
  ): Promise<ApplyResult> {
    const existing = await this.phonebookEntry(client, number, Object.keys(wanted));
    if (!existing)
      throw systemRejected('directory', `the phonebook entry of ${number} vanished while writing it`);
    return this.updateEntry(client, existing, wanted);
  }

  async unpublishSharedNumber(number: string): Promise<ApplyResult> {
    return this.session.run('unpublishSharedNumber', async (client) => {
      const existing = await this.phonebookEntry(client, number, ['1.1']);
      if (!existing) return 'unchanged';
      return this.deleteEntry(client, existing.dn);
    });
  }

  async createGroup(group: GroupDefinition): Promise<ApplyResult> {
    return this.session.run('createGroup', async (client) => {
      if (await this.groupEntry(client, group.name)) return 'unchanged';
      const owner = await this.personEntry(client, group.ownerLogin, ['1.1']);
      if (!owner) throw systemRejected('directory', `the directory has no person "${group.ownerLogin}"`);
      const dn = this.groupDn(group.name);
      const a = this.attrs;
      try {
        await client.add(dn, {
          objectClass: [this.config.objectClasses.group],
          [a.groupName]: group.name,
          [a.groupOwner]: owner.dn,
          ...(group.description ? { [a.groupDescription]: group.description } : {}),
          [a.groupMember]: await this.memberDns(client, dn, group.members),
        });
        return 'applied';
      } catch (error) {
        if (isCode(error, ALREADY_EXISTS)) return 'unchanged';
        throw error;
      }
    });
  }

  async setGroupMembers(name: string, members: string[]): Promise<ApplyResult> {
    return this.session.run('setGroupMembers', async (client) => {
      const entry = await this.groupEntry(client, name);
      if (!entry) throw systemRejected('directory', `the e-group "${name}" does not exist`);
      const wanted = await this.memberDns(client, entry.dn, members);
      const current = allValues(entry, this.attrs.groupMember);
      if (sameDnSet(current, wanted)) return 'unchanged';
      await client.modify(entry.dn, change('replace', this.attrs.groupMember, wanted));
      return 'applied';
    });
  }

  async setGroupOwner(name: string, ownerLogin: string): Promise<ApplyResult> {
    return this.session.run('setGroupOwner', async (client) => {
      const entry = await this.groupEntry(client, name, [this.attrs.groupOwner]);
      if (!entry) throw systemRejected('directory', `the e-group "${name}" does not exist`);
      const owner = await this.personEntry(client, ownerLogin, ['1.1']);
      if (!owner) throw systemRejected('directory', `the directory has no person "${ownerLogin}"`);
      if (sameDnSet(allValues(entry, this.attrs.groupOwner), [owner.dn])) return 'unchanged';
      await client.modify(entry.dn, change('replace', this.attrs.groupOwner, [owner.dn]));
      return 'applied';
    });
  }

  async deleteGroup(name: string): Promise<ApplyResult> {
    return this.session.run('deleteGroup', async (client) => {
      const entry = await this.groupEntry(client, name);
      if (!entry) return 'unchanged';
      return this.deleteEntry(client, entry.dn);
    });
  }

  // --- Lookups -----------------------------------------------------------------------------------
  /**
   * One page of a reconciliation scan, in number order. The first page reads every person entry that
   * lists a number and every shared-number entry with paged searches; later pages come from that read.
   */
  async listPublishedNumbers(page: {
    after?: string;
    limit: number;
  }): Promise<{ listings: PublishedNumber[]; next?: string }> {
    return this.session.run('listPublishedNumbers', async (client) => {
      const { items, next } = await this.listings.page('phonebook', page, () => this.readAllListings(client));
      return { listings: items, ...(next === undefined ? {} : { next }) };
    });
  }

  /** What the entries of these people and shared numbers list: OR filters of escaped values. */
  async findListings(query: { logins: string[]; sharedNumbers: string[] }): Promise<PublishedNumber[]> {
    return this.session.run('findListings', async (client) => {
      const a = this.attrs;
      const people: Entry[] = [];
      for (const logins of chunks([...new Set(query.logins)], FILTER_CHUNK)) {
        const { searchEntries } = await client.search(this.config.baseDns.people, {
          scope: 'sub',
          filter: ldapFilter.and(
            this.personClass(),
            ldapFilter.or(...logins.map((l) => ldapFilter.eq(a.login, l))),
          ),
          attributes: [a.login, a.phone],
        });
        people.push(...searchEntries);
      }
      const shared: Entry[] = [];
      for (const numbers of chunks([...new Set(query.sharedNumbers)], FILTER_CHUNK)) {
        const { searchEntries } = await client.search(this.config.baseDns.phonebook, {
          scope: 'sub',
          filter: ldapFilter.and(
            this.phonebookClass(),
            ldapFilter.or(...numbers.map((n) => ldapFilter.eq(a.phonebookName, n))),
          ),
          attributes: this.phonebookAttributes(),
        });
        shared.push(...searchEntries);
      }
      return [
        ...people.flatMap((entry) => personListings(entry, a)),
        ...(await this.sharedListings(client, shared, new Map())),
      ];
    });
  }

  private async readAllListings(client: Client): Promise<PublishedNumber[]> {
    const a = this.attrs;
    const listings: PublishedNumber[] = [];
    const loginsByDn = new Map<string, string>();
    for await (const page of client.searchPaginated(this.config.baseDns.people, {
      scope: 'sub',
      filter: ldapFilter.and(this.personClass(), ldapFilter.present(a.phone)),
      attributes: [a.login, a.phone],
      paged: { pageSize: SCAN_PAGE_SIZE },
    })) {
      for (const entry of page.searchEntries) {
        const found = personListings(entry, a);
        if (found[0]?.kind === 'PERSON') loginsByDn.set(normaliseDn(entry.dn), found[0].login);
        listings.push(...found);
      }
    }
    const shared: Entry[] = [];
    for await (const page of client.searchPaginated(this.config.baseDns.phonebook, {
      scope: 'sub',
      filter: this.phonebookClass(),
      attributes: this.phonebookAttributes(),
      paged: { pageSize: SCAN_PAGE_SIZE },
    })) {
      shared.push(...page.searchEntries);
    }
    listings.push(...(await this.sharedListings(client, shared, loginsByDn)));
    return listings;
  }

  /** Shared entries as listings; owner DNs not already known are resolved once each. */
  private async sharedListings(
    client: Client,
    entries: Entry[],
    loginsByDn: Map<string, string>,
  ): Promise<PublishedNumber[]> {
    const listings: PublishedNumber[] = [];
    for (const entry of entries) {
      const ownerDn = firstValue(entry, this.attrs.phonebookOwner);
      let owner: string | null = null;
      if (ownerDn) {
        const key = normaliseDn(ownerDn);
        owner = loginsByDn.get(key) ?? (await this.loginOf(client, ownerDn));
        if (owner) loginsByDn.set(key, owner);
      }
      const listing = sharedListing(entry, this.attrs, owner);
      if (listing) listings.push(listing);
    }
    return listings;
  }

  private phonebookAttributes(): string[] {
    const a = this.attrs;
    return [
      a.phonebookName,
      a.phonebookNumber,
      a.phonebookDescription,
      a.phonebookOwner,
      a.phonebookManagers,
    ];
  }

  private phonebookClass() {
    return ldapFilter.eq('objectClass', this.config.objectClasses.phonebookEntry);
  }

  private personClass() {
    return ldapFilter.eq('objectClass', this.config.objectClasses.person);
  }

  private groupClass() {
    return ldapFilter.eq('objectClass', this.config.objectClasses.group);
  }

  private async personEntry(client: Client, login: string, attributes: string[]): Promise<Entry | null> {
    const { searchEntries } = await client.search(this.config.baseDns.people, {
      scope: 'sub',
      filter: ldapFilter.and(this.personClass(), ldapFilter.eq(this.attrs.login, login)),
      attributes,
    });
    return single(searchEntries, `person "${login}"`);
  }

  private async groupEntry(
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

  private async phonebookEntry(client: Client, number: string, attributes: string[]): Promise<Entry | null> {
    const { searchEntries } = await client.search(this.config.baseDns.phonebook, {
      scope: 'sub',
      filter: ldapFilter.and(this.phonebookClass(), ldapFilter.eq(this.attrs.phonebookName, number)),
      attributes,
    });
    return single(searchEntries, `phonebook entry "${number}"`);
  }

  /** The login of the person at `dn`, or null when it is not a person (a stale or placeholder DN). */
  private async loginOf(client: Client, dn: string): Promise<string | null> {
    try {
      const { searchEntries } = await client.search(dn, {
        scope: 'base',
        filter: this.personClass(),
        attributes: [this.attrs.login],
      });
      return searchEntries[0] ? firstValue(searchEntries[0], this.attrs.login) : null;
    } catch (error) {
      if (isCode(error, NO_SUCH_OBJECT) || isCode(error, INVALID_DN_SYNTAX)) return null;
      throw error;
    }
  }

  /**
   * Member DNs for a list of logins. groupOfNames needs at least one member, so an empty group
   * lists itself (a common placeholder that {@link groupMembers} leaves out).
   */
  private async memberDns(client: Client, groupDn: string, members: string[]): Promise<string[]> {
    const dns: string[] = [];
    for (const login of [...new Set(members)].sort()) {
      const person = await this.personEntry(client, login, ['1.1']);
      if (!person)
        throw systemRejected('directory', `the directory has no person "${login}" to add to the e-group`);
      dns.push(person.dn);
    }
    return dns.length > 0 ? dns : [groupDn];
  }

  private groupDn(name: string): string {
    return childDn(this.attrs.groupName, name, this.config.baseDns.groups);
  }

  private phonebookDn(number: string): string {
    return childDn(this.attrs.phonebookName, number, this.config.baseDns.phonebook);
  }

  // --- Writes ------------------------------------------------------------------------------------

  private async updateEntry(
    client: Client,
    existing: Entry,
    wanted: Record<string, string>,
  ): Promise<ApplyResult> {
    const changes = Object.entries(wanted)
      .filter(([attribute, value]) => {
        const current = allValues(existing, attribute);
        return !(
          current.length === 1 &&
          (current[0] === value || (isDnAttribute(attribute, this.attrs) && sameDn(current[0], value)))
        );
      })
      .map(([attribute, value]) => change('replace', attribute, [value]));
    if (changes.length === 0) return 'unchanged';
    await client.modify(existing.dn, changes);
    return 'applied';
  }

  private async deleteEntry(client: Client, dn: string): Promise<ApplyResult> {
    try {
      await client.del(dn);
      return 'applied';
    } catch (error) {
      if (isCode(error, NO_SUCH_OBJECT)) return 'unchanged';
      throw error;
    }
  }
}

function change(operation: 'add' | 'delete' | 'replace', type: string, values: string[]): Change {
  return new Change({ operation, modification: new Attribute({ type, values }) });
}

function logins(entries: Entry[], attribute: string): string[] {
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

function isDnAttribute(attribute: string, a: LdapConfig['attributes']): boolean {
  return [a.phonebookOwner, a.phonebookManagers, a.groupMember, a.groupOwner, a.supervisor].includes(
    attribute,
  );
}

// Servers may return DNs with other spacing or case than we wrote; good enough for the DNs we compare.
const normaliseDn = (dn: string) => dn.replace(/\s*([,=+])\s*/g, '$1').toLowerCase();

function sameDn(a: string, b: string): boolean {
  return normaliseDn(a) === normaliseDn(b);
}

function sameDnSet(a: string[], b: string[]): boolean {
  const left = [...new Set(a.map(normaliseDn))].sort();
  const right = [...new Set(b.map(normaliseDn))].sort();
  return left.length === right.length && left.every((dn, i) => dn === right[i]);
}
