import type { DataSource } from 'typeorm';
import type { MigrationTarget } from '../../libs/contracts/legacy-migration';
import { NumberState } from '../../libs/domain/number-state';
import { LegacyMigrationPlanner, type MigrationPlanInput } from '../../libs/legacy/migration-planner';
import { LegacyNumbers, migrationLaunchSpec } from '../../libs/legacy/migration-request';
import {
  LegacyListingEntity,
  LegacyNumberEntity,
  PersonEntity,
  PhoneNumberEntity,
  type RequestEntity,
} from '../../libs/persistence/entities';
import type { DirectoryPerson } from '../../libs/systems/directory/directory.port';
import type { LegacyLineConfig } from '../../libs/systems/legacy/legacy.port';
import { SandboxLegacyDriver } from '../../libs/systems/legacy/sandbox-legacy.driver';
import type { SandboxStore } from '../../libs/systems/sandbox/sandbox-store';
import {
  SandboxDirectoryDriver,
  type StoredPerson,
} from '../../libs/systems/directory/sandbox-directory.driver';
import { seedPerson } from './factories';
import type { World } from './world';

let next = 60000 + Math.floor(Math.random() * 4000);

export interface LegacySeed {
  service: LegacyLineConfig['service'];
  listedUnder: string[];
  description?: string;
  phone?: { modelId: string; mac: string } | null;
}

/**
 * A number still on a legacy service, as the import leaves it: its inventory row (LEGACY, no type),
 * the legacy record and listings, the line on the legacy service, and the phonebook entries of the
 * people it is listed under.
 */
export async function seedLegacyNumber(
  dataSource: DataSource,
  store: SandboxStore,
  seed: LegacySeed,
): Promise<string> {
  const number = String(next++);
  const description = seed.description ?? `Legacy line ${number}`;
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(PhoneNumberEntity).insert({
      number,
      type: null,
      state: NumberState.LEGACY,
      ownerLogin: null,
      description,
      legacySource: seed.service,
      inPhonebook: true,
    });
    await manager.getRepository(LegacyNumberEntity).insert({
      number,
      service: seed.service,
      description,
      phoneModelId: seed.phone?.modelId ?? null,
      phoneMac: seed.phone?.mac ?? null,
      importedAt: new Date(),
    });
    if (seed.listedUnder.length > 0) {
      await manager
        .getRepository(LegacyListingEntity)
        .insert(seed.listedUnder.map((login) => ({ number, login })));
    }
  });
  await new SandboxLegacyDriver(store).upsertLine({
    number,
    service: seed.service,
    displayName: description,
    phone: seed.phone ?? null,
    settings: { imported: 'test' },
    active: true,
  });
  for (const login of seed.listedUnder) {
    const stored = await store.get<StoredPerson>('directory', `person:${login}`);
    if (stored)
      await store.put(
        'directory',
        `person:${login}`,
        { ...stored, phoneNumbers: [...stored.phoneNumbers, number] },
        'seedPerson',
      );
  }
  return number;
}

/** Starts a migration the way the API does (rules checked by the planner, locks, launcher). */
export async function requestMigration(
  world: World,
  request: { number: string; as: MigrationTarget; login: string } & Partial<MigrationPlanInput>,
): Promise<RequestEntity> {
  // The planner reads the directory without the fault injector: faults are for the workflow's steps.
  const directory = new SandboxDirectoryDriver(world.sandbox);
  const planner = new LegacyMigrationPlanner(world.dataSource, directory, {
    eligibility: world.config.eligibility,
    firstBootTimeoutMs: world.config.timers.firstBootTimeoutMs,
  });
  const legacy = await new LegacyNumbers(world.dataSource).find(request.number);
  if (!legacy) throw new Error(`no legacy number ${request.number}`);
  const plan = await planner.plan({
    number: request.number,
    as: request.as,
    requester: request.login,
    actor: request.actor ?? request.login,
    description: request.description ?? null,
    managers: request.managers ?? [],
  });
  return world.launcher().launch(migrationLaunchSpec(plan));
}

/** A person in the directory and in the people cache, in a unit (campaigns select people by unit). */
export async function seedUnitPerson(
  dataSource: DataSource,
  store: SandboxStore,
  unit: string,
  overrides: Partial<DirectoryPerson> = {},
): Promise<DirectoryPerson> {
  const person = await seedPerson(store, { unit, ...overrides });
  await dataSource.getRepository(PersonEntity).save({
    login: person.login,
    displayName: person.displayName,
    mail: person.mail,
    personnelClass: person.personnelClass,
    personnelSubCode: person.personnelSubCode,
    contractEnd: person.contractEnd,
    office: person.office,
    unit: person.unit,
    supervisorLogin: person.supervisorLogin,
    syncedAt: new Date(),
  });
  return person;
}

/** A unit name nobody else's test uses. */
export function uniqueUnit(): string {
  return `U${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
}
