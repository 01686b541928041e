import type { Client, Entry } from 'ldapts';
import { ScanSnapshot } from '../scan-snapshot';
import { systemRejected, type ApplyResult } from '../system-error';
import type { PublishedNumber, SharedNumberEntry } from './directory.port';
import { firstValue } from './ldap-entry';
import { ldapFilter } from './ldap-filter';
import { chunks, listingKey, personListings, sharedListing } from './ldap-listings';
import { isCode, LdapResultCode, normaliseDn, type LdapLookups } from './ldap-lookups';
import type { LdapSession } from './ldap-session';
import { deleteEntry, updateEntry } from './ldap-writes';

/** Entries per LDAP page (simple paged results, RFC 2696) when reading the phonebook whole. */
const SCAN_PAGE_SIZE = 1000;
/** Values per OR filter in bulk lookups. */
const FILTER_CHUNK = 200;

/**
 * The phonebook over LDAP: shared-number entries (organizationalRole) we write, and the
 * reconciliation's reads of every listing (people's entries and shared-number entries).
 */
export class LdapPhonebook {
  /** LDAP returns entries in its own order: one paged read per scan, key-ordered pages from it. */
  private readonly listings = new ScanSnapshot<PublishedNumber>(listingKey);

  constructor(
    private readonly session: LdapSession,
    private readonly lookups: LdapLookups,
  ) {}

  private get attrs() {
    return this.lookups.attrs;
  }

  async publishSharedNumber(entry: SharedNumberEntry): Promise<ApplyResult> {
    return this.session.run('publishSharedNumber', async (client) => {
      const owner = await this.lookups.personEntry(client, entry.ownerLogin, ['1.1']);
      if (!owner) throw systemRejected('directory', `the directory has no person "${entry.ownerLogin}"`);
      const a = this.attrs;
      const wanted: Record<string, string> = {
        [a.phonebookNumber]: entry.number,
        [a.phonebookDescription]: entry.description,
        [a.phonebookOwner]: owner.dn,
        [a.phonebookManagers]: this.lookups.groupDn(entry.managersGroup),
      };
      const existing = await this.lookups.phonebookEntry(client, entry.number, Object.keys(wanted));
      if (!existing) {
        try {
          await client.add(this.lookups.phonebookDn(entry.number), {
            objectClass: [this.lookups.config.objectClasses.phonebookEntry],
            [a.phonebookName]: entry.number,
            ...wanted,
          });
          return 'applied';
        } catch (error) {
          if (!isCode(error, LdapResultCode.ALREADY_EXISTS)) throw error;
          return this.publishSharedNumberUpdate(client, entry.number, wanted);
        }
      }
      return updateEntry(client, existing, wanted, a);
    });
  }

  private async publishSharedNumberUpdate(
    client: Client,
    number: string,
    wanted: Record<string, string>,
  ): Promise<ApplyResult> {
    const existing = await this.lookups.phonebookEntry(client, number, Object.keys(wanted));
    if (!existing)
      throw systemRejected('directory', `the phonebook entry of ${number} vanished while writing it`);
    return updateEntry(client, existing, wanted, this.attrs);
  }

  async unpublishSharedNumber(number: string): Promise<ApplyResult> {
    return this.session.run('unpublishSharedNumber', async (client) => {
      const existing = await this.lookups.phonebookEntry(client, number, ['1.1']);
      if (!existing) return 'unchanged';
      return deleteEntry(client, existing.dn);
    });
  }

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
        const { searchEntries } = await client.search(this.lookups.config.baseDns.people, {
          scope: 'sub',
          filter: ldapFilter.and(
            this.lookups.personClass(),
            ldapFilter.or(...logins.map((l) => ldapFilter.eq(a.login, l))),
          ),
          attributes: [a.login, a.phone],
        });
        people.push(...searchEntries);
      }
      const shared: Entry[] = [];
      for (const numbers of chunks([...new Set(query.sharedNumbers)], FILTER_CHUNK)) {
        const { searchEntries } = await client.search(this.lookups.config.baseDns.phonebook, {
          scope: 'sub',
          filter: ldapFilter.and(
            this.lookups.phonebookClass(),
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
    for await (const page of client.searchPaginated(this.lookups.config.baseDns.people, {
      scope: 'sub',
      filter: ldapFilter.and(this.lookups.personClass(), ldapFilter.present(a.phone)),
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
    for await (const page of client.searchPaginated(this.lookups.config.baseDns.phonebook, {
      scope: 'sub',
      filter: this.lookups.phonebookClass(),
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
        owner = loginsByDn.get(key) ?? (await this.lookups.loginOf(client, ownerDn));
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
}
