import type { SandboxStore } from '../sandbox/sandbox-store';
import { systemRejected, type ApplyResult } from '../system-error';
import type {
  DirectoryPerson,
  DirectoryPort,
  GroupDefinition,
  PublishedNumber,
  SharedNumberEntry,
} from './directory.port';

/** How a person is stored: JSON has no Date, so the contract end is an ISO date string. */
export type StoredPerson = Omit<DirectoryPerson, 'contractEnd'> & { contractEnd: string | null };

const personKey = (login: string) => `person:${login}`;
const sharedKey = (number: string) => `shared:${number}`;
const groupKey = (name: string) => `group:${name}`;

export function toStoredPerson(person: DirectoryPerson): StoredPerson {
  return { ...person, contractEnd: person.contractEnd ? person.contractEnd.toISOString() : null };
}

function fromStoredPerson(stored: StoredPerson): DirectoryPerson {
  return { ...stored, contractEnd: stored.contractEnd ? new Date(stored.contractEnd) : null };
}

/** A directory kept in the app database, seeded with demo people: the embedded default. */
export class SandboxDirectoryDriver implements DirectoryPort {
  constructor(private readonly store: SandboxStore) {}

  /** Seeding for demos and tests; not part of the port. */
  async upsertPerson(person: DirectoryPerson): Promise<void> {
    await this.store.put('directory', personKey(person.login), toStoredPerson(person), 'seedPerson');
  }

  async findPerson(login: string): Promise<DirectoryPerson | null> {
    const stored = await this.store.get<StoredPerson>('directory', personKey(login));
    return stored ? fromStoredPerson(stored) : null;
  }

  async findPeopleByNumber(number: string): Promise<string[]> {
    const people = await this.store.list<StoredPerson>('directory', personKey(''));
    return people.filter(({ data }) => data.phoneNumbers.includes(number)).map(({ data }) => data.login);
  }

  async groupMembers(group: string): Promise<string[] | null> {
    const stored = await this.store.get<GroupDefinition>('directory', groupKey(group));
    return stored ? stored.members : null;
  }

  async groupsOf(login: string): Promise<string[]> {
    // Only the group records: every API call asks, and the people far outnumber the groups.
    const groups = await this.store.list<GroupDefinition>('directory', groupKey(''));
    return groups.filter(({ data }) => data.members.includes(login)).map(({ data }) => data.name);
  }

  async publishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    const stored = await this.store.get<StoredPerson>('directory', personKey(login));
    if (!stored) throw systemRejected('directory', `the directory has no person "${login}"`);
    if (stored.phoneNumbers.includes(number)) return 'unchanged';
    await this.store.put(
      'directory',
      personKey(login),
      { ...stored, phoneNumbers: [...stored.phoneNumbers, number] },
      'publishPersonalNumber',
    );
    return 'applied';
  }

  async unpublishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    const stored = await this.store.get<StoredPerson>('directory', personKey(login));
    if (!stored || !stored.phoneNumbers.includes(number)) return 'unchanged';
    const phoneNumbers = stored.phoneNumbers.filter((n) => n !== number);
    await this.store.put(
      'directory',
      personKey(login),
      { ...stored, phoneNumbers },
      'unpublishPersonalNumber',
    );
    return 'applied';
  }

  async publishSharedNumber(entry: SharedNumberEntry): Promise<ApplyResult> {
    const stored = await this.store.get<SharedNumberEntry>('directory', sharedKey(entry.number));
    if (stored && JSON.stringify(stored) === JSON.stringify({ ...entry })) return 'unchanged';
    await this.store.put('directory', sharedKey(entry.number), { ...entry }, 'publishSharedNumber');
    return 'applied';
  }

  async unpublishSharedNumber(number: string): Promise<ApplyResult> {
    return (await this.store.delete('directory', sharedKey(number), 'unpublishSharedNumber'))
      ? 'applied'
      : 'unchanged';
  }

  async createGroup(group: GroupDefinition): Promise<ApplyResult> {
    if (await this.store.get('directory', groupKey(group.name))) return 'unchanged';
    await this.store.put('directory', groupKey(group.name), { ...group }, 'createGroup');
    return 'applied';
  }

  async setGroupMembers(name: string, members: string[]): Promise<ApplyResult> {
    const stored = await this.store.get<GroupDefinition>('directory', groupKey(name));
    if (!stored) throw systemRejected('directory', `the e-group "${name}" does not exist`);
    const sorted = [...new Set(members)].sort();
    if (JSON.stringify([...stored.members].sort()) === JSON.stringify(sorted)) return 'unchanged';
    await this.store.put('directory', groupKey(name), { ...stored, members: sorted }, 'setGroupMembers');
    return 'applied';
  }

  async setGroupOwner(name: string, ownerLogin: string): Promise<ApplyResult> {
    const stored = await this.store.get<GroupDefinition>('directory', groupKey(name));
    if (!stored) throw systemRejected('directory', `the e-group "${name}" does not exist`);
    if (stored.ownerLogin === ownerLogin) return 'unchanged';
    await this.store.put('directory', groupKey(name), { ...stored, ownerLogin }, 'setGroupOwner');
    return 'applied';
  }

  async deleteGroup(name: string): Promise<ApplyResult> {
    return (await this.store.delete('directory', groupKey(name), 'deleteGroup')) ? 'applied' : 'unchanged';
  }

  async listPublishedNumbers(page: {
    after?: string;
    limit: number;
  }): Promise<{ listings: PublishedNumber[]; next?: string }> {
    const rows = await this.store.page<StoredPerson | SharedNumberEntry | GroupDefinition>('directory', page);
    const next = rows.length === page.limit ? rows[rows.length - 1].key : undefined;
    return { listings: rows.flatMap(({ key, data }) => listingsOf(key, data)), next };
  }

  async findListings(query: { logins: string[]; sharedNumbers: string[] }): Promise<PublishedNumber[]> {
    const keys = [...query.logins.map(personKey), ...query.sharedNumbers.map(sharedKey)];
    const rows = await this.store.getMany<StoredPerson | SharedNumberEntry>('directory', keys);
    return rows.flatMap(({ key, data }) => listingsOf(key, data));
  }
}

function listingsOf(key: string, data: object): PublishedNumber[] {
  if (key.startsWith('person:')) {
    const person = data as StoredPerson;
    return person.phoneNumbers.map((number) => ({ number, kind: 'PERSON' as const, login: person.login }));
  }
  if (key.startsWith('shared:')) {
    const entry = data as SharedNumberEntry;
    return [{ number: entry.number, kind: 'SHARED' as const, entry: { ...entry } }];
  }
  return [];
}
