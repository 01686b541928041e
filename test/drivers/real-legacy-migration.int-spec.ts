import { Attribute, Change, Client } from 'ldapts';
import { NumberState } from '../../libs/domain/number-state';
import { syncLegacyFromDirectory } from '../../libs/legacy/directory-sync';
import { LegacyMigrationPlanner } from '../../libs/legacy/migration-planner';
import { LegacyNumbers, migrationLaunchSpec } from '../../libs/legacy/migration-request';
import { PhoneNumberEntity } from '../../libs/persistence/entities';
import { DIRECTORY_PORT, type DirectoryPort } from '../../libs/systems/directory/directory.port';
import { LdapLegacyDriver } from '../../libs/systems/legacy/ldap-legacy.driver';
import { LEGACY_PORT } from '../../libs/systems/legacy/legacy.port';
import type { MailMessage } from '../../libs/systems/mail/mail.port';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import {
  LEGACY_ATTRIBUTES,
  SEEDED_LEGACY,
  legacyLdapEnv,
  seedLegacyDirectory,
} from '../support/legacy-directory';
import { ldapEnv } from '../support/real-drivers';
import { resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';

const D = SEEDED_DIRECTORY;
const L = SEEDED_LEGACY;

/**
 * A legacy number read from the phonebook (LEGACY_DRIVER=ldap) into the inventory, migrated through
 * the real directory on slapd, its legacy attribute removed as the point of no return, and its
 * forwarding told to the person on the timeline and in the completion mail.
 */
describe('a legacy number from the directory, migrated with LEGACY_DRIVER=ldap on slapd', () => {
  let slapd: SlapdHandle;
  let admin: Client;
  let world: World;

  beforeAll(async () => {
    slapd = await startSlapd();
    admin = new Client({ url: slapd.url, timeout: 5_000 });
    await admin.bind(D.adminDn, D.adminPassword);
    await seedLegacyDirectory(admin);
    world = await World.start({ ...ldapEnv(slapd), ...legacyLdapEnv(slapd.url) });
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
    await admin?.unbind().catch(() => undefined);
    await slapd?.stop();
  });

  it('syncs the inventory from people and rooms, migrates, switches the line off and says what to set again', async () => {
    const legacy = world.app.get<LdapLegacyDriver>(LEGACY_PORT);
    expect(legacy).toBeInstanceOf(LdapLegacyDriver);
    const first = await syncLegacyFromDirectory(world.dataSource, legacy);
    expect(first).toEqual({
      added: ['72001', '72002', '72003', '72006', '72011', '72012'],
      updated: [],
      unchanged: [],
      kept: [],
      refused: [{ number: L.conflicting.number, reason: expect.stringMatching(/several legacy services/) }],
    });
    expect(await new LegacyNumbers(world.dataSource).listedUnder('bwong')).toEqual([
      expect.objectContaining({ number: '72002', service: 'ANALOGUE', state: 'LEGACY' }),
      expect.objectContaining({
        number: L.room.number,
        description: L.room.cn,
        listedUnder: ['bwong', 'cgarcia'],
      }),
    ]);
    // Again: nothing changes.
    const again = await syncLegacyFromDirectory(world.dataSource, legacy);
    expect([again.added, again.updated, again.unchanged.length]).toEqual([[], [], 6]);

    const planner = new LegacyMigrationPlanner(
      world.dataSource,
      world.app.get<DirectoryPort>(DIRECTORY_PORT),
      {
        eligibility: world.config.eligibility,
        firstBootTimeoutMs: world.config.timers.firstBootTimeoutMs,
      },
    );
    const plan = await planner.plan({
      number: L.analogue.number,
      as: 'PERSONAL',
      requester: L.analogue.login,
      actor: L.analogue.login,
      description: null,
      managers: [],
    });
    const request = await world.launcher().launch(migrationLaunchSpec(plan));
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    const setAgain =
      'The new line does not take over your call forwarding (65001): set it again on the new line.';
    expect(progress.steps.find((s) => s.id === 'snapshot-legacy')?.note).toBe(setAgain);
    const mails = (await world.sandbox.list<MailMessage>('mail')).filter((m) => m.key.startsWith(request.id));
    const completion = mails.find((m) => m.data.subject.endsWith('is complete'));
    expect(completion?.data.text).toContain(setAgain);

    // The point of no return happened in the directory: the legacy attribute is gone, the person stays.
    const { searchEntries } = await admin.search(`uid=${L.analogue.login},${D.peopleDn}`, {
      scope: 'base',
      attributes: [LEGACY_ATTRIBUTES.analogue, 'telephoneNumber'],
    });
    expect(searchEntries[0][LEGACY_ATTRIBUTES.analogue] ?? []).toEqual([]);
    expect(searchEntries[0].telephoneNumber).toEqual(L.analogue.number);
    expect(await legacy.snapshotLine(L.analogue.number)).toBeNull();
    expect(
      await world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number: L.analogue.number }),
    ).toMatchObject({ state: NumberState.ACTIVE, type: 'PERSONAL', ownerLogin: L.analogue.login });

    // A later sync never brings a migrated number back, even if the directory still listed it.
    await admin.modify(`uid=${L.analogue.login},${D.peopleDn}`, [
      new Change({
        operation: 'add',
        modification: new Attribute({ type: LEGACY_ATTRIBUTES.analogue, values: [L.analogue.number] }),
      }),
    ]);
    const after = await syncLegacyFromDirectory(world.dataSource, legacy);
    expect(after.kept).toEqual([{ number: L.analogue.number, state: NumberState.ACTIVE }]);
    expect(after.added).toEqual([]);
  });
});
