import type { DataSource } from 'typeorm';
import { NumberState } from '../../domain/number-state';
import { LegacyListingEntity, LegacyNumberEntity, PhoneNumberEntity } from '../../persistence/entities';
import { SandboxDirectoryDriver } from '../directory/sandbox-directory.driver';
import { PeopleCache } from '../inventory/people-cache';
import { SandboxLegacyDriver } from '../legacy/sandbox-legacy.driver';
import { DEMO_GROUPS, DEMO_LEGACY_NUMBERS, DEMO_PEOPLE } from './demo-data';
import { SandboxStore } from './sandbox-store';

/**
 * Fills the sandbox directory with the demo organisation. Existing entries are kept, so a second
 * `npm start` does not undo what people did in the first one.
 */
export async function seedSandbox(
  dataSource: DataSource,
): Promise<{ people: number; groups: number; legacyNumbers: number }> {
  const store = new SandboxStore(dataSource);
  const directory = new SandboxDirectoryDriver(store);
  const cache = new PeopleCache(dataSource);
  let people = 0;
  for (const demo of DEMO_PEOPLE) {
    if (await directory.findPerson(demo.login)) continue;
    // The phonebook lists legacy numbers under the people who use them.
    const phoneNumbers = DEMO_LEGACY_NUMBERS.filter((l) => l.listedUnder.includes(demo.login)).map(
      (l) => l.line.number,
    );
    const person = { ...demo, phoneNumbers };
    await directory.upsertPerson(person);
    await cache.remember(person, new Date());
    people += 1;
  }
  let groups = 0;
  for (const group of DEMO_GROUPS) {
    if ((await directory.createGroup(group)) === 'applied') groups += 1;
  }
  let legacyNumbers = 0;
  const legacy = new SandboxLegacyDriver(store);
  for (const demo of DEMO_LEGACY_NUMBERS) {
    const { number } = demo.line;
    if (await dataSource.getRepository(LegacyNumberEntity).findOneBy({ number })) continue;
    await dataSource.transaction(async (manager) => {
      await manager.getRepository(PhoneNumberEntity).insert({
        number,
        type: null,
        state: NumberState.LEGACY,
        ownerLogin: null,
        description: demo.description,
        legacySource: demo.line.service,
        inPhonebook: true,
      });
      await manager.getRepository(LegacyNumberEntity).insert({
        number,
        service: demo.line.service,
        description: demo.description,
        phoneModelId: demo.line.phone?.modelId ?? null,
        phoneMac: demo.line.phone?.mac ?? null,
        importedAt: new Date(),
      });
      await manager
        .getRepository(LegacyListingEntity)
        .insert(demo.listedUnder.map((login) => ({ number, login })));
    });
    await legacy.upsertLine(demo.line);
    legacyNumbers += 1;
  }
  return { people, groups, legacyNumbers };
}
