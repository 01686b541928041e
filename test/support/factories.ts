import { randomBytes } from 'node:crypto';
import type { DirectoryPerson } from '../../libs/systems/directory/directory.port';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import type { SandboxStore } from '../../libs/systems/sandbox/sandbox-store';

/** A unique login, so tests sharing one database never see each other's people. */
export function uniqueLogin(prefix = 'user'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export function aPerson(overrides: Partial<DirectoryPerson> = {}): DirectoryPerson {
  const login = overrides.login ?? uniqueLogin();
  return {
    login,
    displayName: `Test Person ${login}`,
    mail: `${login}@example.test`,
    personnelClass: 'STAF',
    personnelSubCode: null,
    contractEnd: null,
    office: '513/R-024',
    unit: 'IT',
    supervisorLogin: null,
    phoneNumbers: [],
    ...overrides,
  };
}

/** Puts a person into the sandbox directory. */
export async function seedPerson(
  store: SandboxStore,
  overrides: Partial<DirectoryPerson> = {},
): Promise<DirectoryPerson> {
  const person = aPerson(overrides);
  await new SandboxDirectoryDriver(store).upsertPerson(person);
  return person;
}
