import type { LdapConfig } from '../../config/real-drivers-config';
import type { ApplyResult } from '../system-error';
import type {
  DirectoryPerson,
  DirectoryPort,
  GroupDefinition,
  PublishedNumber,
  SharedNumberEntry,
} from './directory.port';
import { LdapGroups } from './ldap-groups';
import { LdapLookups } from './ldap-lookups';
import { LdapPeople } from './ldap-people';
import { LdapPhonebook } from './ldap-phonebook';
import { LdapSession } from './ldap-session';

/**
 * The directory and phonebook over LDAP (ldapts): people, e-groups (groupOfNames) and the
 * phonebook's shared-number entries (organizationalRole), each in its own part over one shared
 * session. Object classes, base DNs and attribute names come from configuration.
 */
export class LdapDirectoryDriver implements DirectoryPort {
  private readonly session: LdapSession;
  private readonly people: LdapPeople;
  private readonly groups: LdapGroups;
  private readonly phonebook: LdapPhonebook;

  constructor(config: LdapConfig) {
    this.session = new LdapSession(config);
    const lookups = new LdapLookups(config);
    this.people = new LdapPeople(this.session, lookups);
    this.groups = new LdapGroups(this.session, lookups);
    this.phonebook = new LdapPhonebook(this.session, lookups);
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

  // --- People ------------------------------------------------------------------------------------
  findPerson(login: string): Promise<DirectoryPerson | null> {
    return this.people.findPerson(login);
  }

  findPeopleByNumber(number: string): Promise<string[]> {
    return this.people.findPeopleByNumber(number);
  }

  publishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    return this.people.publishPersonalNumber(login, number);
  }

  unpublishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    return this.people.unpublishPersonalNumber(login, number);
  }

  // --- E-groups ----------------------------------------------------------------------------------
  groupMembers(group: string): Promise<string[] | null> {
    return this.groups.groupMembers(group);
  }

  groupsOf(login: string): Promise<string[]> {
    return this.groups.groupsOf(login);
  }

  createGroup(group: GroupDefinition): Promise<ApplyResult> {
    return this.groups.createGroup(group);
  }

  setGroupMembers(name: string, members: string[]): Promise<ApplyResult> {
    return this.groups.setGroupMembers(name, members);
  }

  setGroupOwner(name: string, ownerLogin: string): Promise<ApplyResult> {
    return this.groups.setGroupOwner(name, ownerLogin);
  }

  deleteGroup(name: string): Promise<ApplyResult> {
    return this.groups.deleteGroup(name);
  }

  // --- Phonebook ---------------------------------------------------------------------------------
  publishSharedNumber(entry: SharedNumberEntry): Promise<ApplyResult> {
    return this.phonebook.publishSharedNumber(entry);
  }

  unpublishSharedNumber(number: string): Promise<ApplyResult> {
    return this.phonebook.unpublishSharedNumber(number);
  }

  listPublishedNumbers(page: { after?: string; limit: number }): Promise<{
    listings: PublishedNumber[];
    next?: string;
  }> {
    return this.phonebook.listPublishedNumbers(page);
  }

  findListings(query: { logins: string[]; sharedNumbers: string[] }): Promise<PublishedNumber[]> {
    return this.phonebook.findListings(query);
  }
}
