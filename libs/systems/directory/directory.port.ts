import type { PublishedNumber, SharedNumberEntry } from '../../contracts/system-records';
import type { ApplyResult } from '../system-error';

export type { PublishedNumber, SharedNumberEntry };

/** A person as the directory holds them. */
export interface DirectoryPerson {
  login: string;
  displayName: string;
  mail: string | null;
  personnelClass: string;
  personnelSubCode: string | null;
  /** Last working day, if the contract has an end. */
  contractEnd: Date | null;
  office: string | null;
  /** Organisational unit (department), e.g. IT. */
  unit: string | null;
  supervisorLogin: string | null;
  /** Numbers the phonebook lists on the person's entry (legacy or Switchboard ones). */
  phoneNumbers: string[];
}

export interface GroupDefinition {
  name: string;
  description: string;
  ownerLogin: string;
  members: string[];
}

/**
 * The directory and phonebook (LDAP at the reference site): people, e-groups and published
 * numbers. Writes are idempotent: adding what exists and deleting what is gone both succeed.
 */
export interface DirectoryPort {
  findPerson(login: string): Promise<DirectoryPerson | null>;
  /** Logins of the people whose entries list this number. */
  findPeopleByNumber(number: string): Promise<string[]>;
  /** Member logins, or null when the group does not exist. */
  groupMembers(group: string): Promise<string[] | null>;
  /** Names of the e-groups the person is a direct member of (roles come from these). */
  groupsOf(login: string): Promise<string[]>;
  publishPersonalNumber(login: string, number: string): Promise<ApplyResult>;
  unpublishPersonalNumber(login: string, number: string): Promise<ApplyResult>;
  /** Creates or updates the entry. */
  publishSharedNumber(entry: SharedNumberEntry): Promise<ApplyResult>;
  unpublishSharedNumber(number: string): Promise<ApplyResult>;
  createGroup(group: GroupDefinition): Promise<ApplyResult>;
  setGroupMembers(name: string, members: string[]): Promise<ApplyResult>;
  /** The e-group's owner (a shared number's owner owns its managers e-group). */
  setGroupOwner(name: string, ownerLogin: string): Promise<ApplyResult>;
  deleteGroup(name: string): Promise<ApplyResult>;
  // Reconciliation reads (optional: see PbxPort).
  /**
   * Every number the phonebook lists, entry by entry in directory order after the cursor: one page of
   * a reconciliation scan. `next` is absent on the last page.
   */
  listPublishedNumbers?(page: {
    after?: string;
    limit: number;
  }): Promise<{ listings: PublishedNumber[]; next?: string }>;
  /** What the entries of these people and these shared numbers list, in one round trip. */
  findListings?(query: { logins: string[]; sharedNumbers: string[] }): Promise<PublishedNumber[]>;
}

export const DIRECTORY_PORT = Symbol('DIRECTORY_PORT');
