import { cancelUpdate, resolveUpdate } from '../../libs/contracts/messages';
import type { MigrationTarget } from '../../libs/contracts/legacy-migration';
import type { RequestProgress } from '../../libs/contracts/progress';
import { NumberState } from '../../libs/domain/number-state';
import { IpPhoneEntity, PhoneNumberEntity, type RequestEntity } from '../../libs/persistence/entities';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import type { LegacyLineConfig } from '../../libs/systems/legacy/legacy.port';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import { migrationSteps } from '../../workflows/legacy-migration/migration-steps';
import { seedPerson } from '../support/factories';
import { requestMigration, seedLegacyNumber } from '../support/legacy-factories';
import { resultOf, scheduledActivities, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

interface Variant {
  name: string;
  service: LegacyLineConfig['service'];
  as: MigrationTarget;
  withPhone: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'Skype as personal', service: 'SKYPE', as: 'PERSONAL', withPhone: true },
  { name: 'Skype as shared', service: 'SKYPE', as: 'SHARED', withPhone: true },
  { name: 'analogue as personal', service: 'ANALOGUE', as: 'PERSONAL', withPhone: false },
  { name: 'analogue as shared', service: 'ANALOGUE', as: 'SHARED', withPhone: false },
];

const PERSONAL_PUBLISH = ['unpublishMigratedPersonalNumber'];
const SHARED_PUBLISH = ['unpublishMigratedSharedNumber', 'deleteMigrationManagersGroup'];

/** Failure points before the point of no return, and the undos expected after each, in order. */
function failurePoints(as: MigrationTarget) {
  const publishUndos = as === 'PERSONAL' ? PERSONAL_PUBLISH : SHARED_PUBLISH;
  const common: Array<{ stepId: string; activity: string; fault: FaultSpec; undos: string[] }> = [
    {
      stepId: 'verify-eligibility',
      activity: 'verifyEligibility',
      fault: { system: 'directory', operation: 'findPerson', kind: 'permanent' },
      undos: [],
    },
    {
      stepId: 'mark-migrating',
      activity: 'markNumberMigrating',
      fault: { system: 'inventory', operation: 'markMigrating', kind: 'permanent' },
      undos: ['revertNumberToLegacy'],
    },
    {
      stepId: 'snapshot-legacy',
      activity: 'snapshotLegacyLine',
      fault: { system: 'legacy', operation: 'snapshotLine', kind: 'permanent' },
      undos: ['revertNumberToLegacy'],
    },
    {
      stepId: 'create-sip-account',
      activity: 'createSipAccount',
      fault: { system: 'pbx', operation: 'createSipAccount', kind: 'permanent' },
      undos: ['removeSipAccount', 'revertNumberToLegacy'],
    },
  ];
  const phonebook =
    as === 'PERSONAL'
      ? [
          {
            stepId: 'publish-number',
            activity: 'publishMigratedPersonalNumber',
            fault: {
              system: 'directory',
              operation: 'publishPersonalNumber',
              kind: 'permanent',
            } as FaultSpec,
            undos: [...PERSONAL_PUBLISH, 'removeSipAccount', 'revertNumberToLegacy'],
          },
        ]
      : [
          {
            stepId: 'create-managers-group',
            activity: 'createMigrationManagersGroup',
            fault: { system: 'directory', operation: 'createGroup', kind: 'permanent' } as FaultSpec,
            undos: ['deleteMigrationManagersGroup', 'removeSipAccount', 'revertNumberToLegacy'],
          },
          {
            stepId: 'publish-shared-entry',
            activity: 'publishMigratedSharedNumber',
            fault: { system: 'directory', operation: 'publishSharedNumber', kind: 'permanent' } as FaultSpec,
            undos: [...SHARED_PUBLISH, 'removeSipAccount', 'revertNumberToLegacy'],
          },
        ];
  return [
    ...common,
    ...phonebook,
    {
      stepId: 'verify-sip-account',
      activity: 'verifyMigratedSipAccount',
      fault: { system: 'pbx', operation: 'getSipAccount', kind: 'permanent' } as FaultSpec,
      undos: [...publishUndos, 'removeSipAccount', 'revertNumberToLegacy'],
    },
  ];
}

describe('legacy migration workflows (real Temporal server, PostgreSQL, sandbox drivers)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start();
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  afterEach(async () => {
    await world.faults.clear();
  });

  const step = (progress: RequestProgress, id: string) => progress.steps.find((s) => s.id === id)!;
  const numberRow = (number: string) =>
    world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number });
  const legacyLine = (number: string) => world.sandbox.get<LegacyLineConfig>('legacy', number);
  const listingsOf = async (login: string) =>
    (await world.sandbox.get<{ phoneNumbers: string[] }>('directory', `person:${login}`))!.phoneNumbers;
  const mailSubjects = async (requestId: string) =>
    (await world.sandbox.list<{ subject: string }>('mail'))
      .filter((m) => m.key.startsWith(requestId))
      .map((m) => m.data.subject)
      .sort();

  /** A person, a colleague, and a legacy number listed under the person (and the colleague, if shared). */
  async function arrange(variant: Variant, phone: { modelId: string; mac: string } | null = null) {
    const person = await seedPerson(world.sandbox);
    const colleague = await seedPerson(world.sandbox);
    const listedUnder = variant.as === 'SHARED' ? [person.login, colleague.login] : [person.login];
    const number = await seedLegacyNumber(world.dataSource, world.sandbox, {
      service: variant.service,
      listedUnder,
      description: variant.as === 'SHARED' ? 'Lab 2 bench phone' : person.displayName,
      phone,
    });
    const launch = () =>
      requestMigration(world, {
        number,
        as: variant.as,
        login: person.login,
        ...(variant.as === 'SHARED' ? { description: 'Lab 2 bench phone', managers: [colleague.login] } : {}),
      });
    return { person, colleague, number, listedUnder, launch };
  }

  /** Nothing of the migration is left in any system, and the legacy line still works. */
  async function expectUntouched(number: string, listedUnder: string[], request: RequestEntity) {
    expect(await numberRow(number)).toMatchObject({
      state: NumberState.LEGACY,
      type: null,
      ownerLogin: null,
      requestId: null,
    });
    expect(await legacyLine(number)).toMatchObject({ active: true });
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await world.sandbox.get('directory', `shared:${number}`)).toBeNull();
    expect(await world.sandbox.get('directory', `group:phone-mngr-${number}`)).toBeNull();
    for (const login of listedUnder) expect(await listingsOf(login)).toContain(number);
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
  }

  describe.each(VARIANTS)('$name', (variant) => {
    const steps = migrationSteps(variant.as, variant.withPhone);

    it('migrates the number with the same extension and switches the legacy line off last', async () => {
      // A Skype line with an incompatible desk phone: the phone step is skipped with a note.
      const phone = variant.withPhone ? { modelId: 'cisco-7940', mac: '00d0ba11aa02' } : null;
      const { person, colleague, number, launch } = await arrange(variant, phone);
      const request = await launch();
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('COMPLETED');
      expect(progress.pastPointOfNoReturn).toBe(true);
      expect(progress.result).toEqual({ number });
      const expectedStatus = (id: string) =>
        id === 'record-phone' || id === 're-register-phone' ? 'SKIPPED' : 'SUCCEEDED';
      expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
        steps.map((s) => [s.id, expectedStatus(s.id)]),
      );
      if (variant.withPhone) {
        expect(step(progress, 're-register-phone').note).toBe(
          'the desk phone (Cisco 7940) is not compatible with the new service',
        );
        expect(await world.dataSource.getRepository(IpPhoneEntity).findBy({ number })).toEqual([]);
      }

      const shared = variant.as === 'SHARED';
      expect(await numberRow(number)).toMatchObject({
        state: NumberState.ACTIVE,
        type: variant.as,
        ownerLogin: person.login,
        requestId: null,
        description: shared ? 'Lab 2 bench phone' : null,
        managersGroup: shared ? `phone-mngr-${number}` : null,
        legacySource: variant.service,
      });
      expect(await world.sandbox.get('pbx', number)).toMatchObject({
        extension: number,
        displayName: shared ? 'Lab 2 bench phone' : person.displayName,
      });
      expect(await legacyLine(number)).toMatchObject({ active: false });
      if (shared) {
        expect(await world.sandbox.get('directory', `shared:${number}`)).toEqual({
          number,
          description: 'Lab 2 bench phone',
          ownerLogin: person.login,
          managersGroup: `phone-mngr-${number}`,
        });
        expect(await world.sandbox.get('directory', `group:phone-mngr-${number}`)).toMatchObject({
          ownerLogin: person.login,
          members: [person.login, colleague.login],
        });
        // Listed under its description now, no longer under the people.
        expect(await listingsOf(person.login)).not.toContain(number);
        expect(await listingsOf(colleague.login)).not.toContain(number);
      } else {
        expect(await listingsOf(person.login)).toEqual([number]);
      }
      expect(await mailSubjects(request.id)).toEqual([
        `Your request for the migration of ${number} as a ${shared ? 'shared' : 'personal'} number is being processed`,
        `Your request for the migration of ${number} as a ${shared ? 'shared' : 'personal'} number is complete`,
      ]);
      expect(await world.requests.find(request.id)).toMatchObject({ status: 'COMPLETED', subject: number });
      expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);

      // The legacy line goes off only after the PBX account was verified; the inventory changes last.
      const activities = await scheduledActivities(world.client, request);
      const at = (name: string) => activities.indexOf(name);
      expect(at('verifyMigratedSipAccount')).toBeGreaterThan(at('createSipAccount'));
      expect(at('deactivateLegacyLine')).toBe(at('verifyMigratedSipAccount') + 1);
      expect(activities.filter((a) => a !== 'sendNotification').at(-1)).toBe('completeLegacyMigration');
    });

    it.each(failurePoints(variant.as))(
      'undoes every earlier step in reverse when $stepId fails permanently',
      async ({ stepId, activity, fault, undos }) => {
        const { number, listedUnder, launch } = await arrange(variant);
        await world.faults.inject({ ...fault, message: `simulated refusal at ${stepId}` });
        const request = await launch();
        const progress = await resultOf(world.client, request);

        expect(progress.status).toBe('FAILED');
        expect(progress.pastPointOfNoReturn).toBe(false);
        expect(step(progress, stepId)).toMatchObject({ status: 'FAILED', attempts: 1 });
        expect(progress.failureReason).toContain(`simulated refusal at ${stepId}`);
        const index = steps.findIndex((s) => s.id === stepId);
        for (const earlier of steps.slice(0, index)) {
          expect([earlier.id, step(progress, earlier.id).status]).toEqual([earlier.id, 'SUCCEEDED']);
          expect(['NONE', 'DONE']).toContain(step(progress, earlier.id).undo);
        }
        for (const later of steps.slice(index + 1, -1))
          expect([later.id, step(progress, later.id).status]).toEqual([later.id, 'NOT_RUN']);

        const activities = await scheduledActivities(world.client, request);
        const tail = activities
          .slice(activities.indexOf(activity) + 1)
          .filter((a) => a !== 'sendNotification');
        expect(tail).toEqual(undos);
        expect(activities).not.toContain('deactivateLegacyLine');

        await expectUntouched(number, listedUnder, request);
        expect(await world.requests.find(request.id)).toMatchObject({ status: 'FAILED' });
        if (stepId !== 'verify-eligibility') {
          expect((await mailSubjects(request.id)).some((s) => s.endsWith('could not be completed'))).toBe(
            true,
          );
        }
      },
    );

    it('parks instead of compensating when the legacy line cannot be switched off, and refuses cancellation', async () => {
      const { person, number, launch } = await arrange(variant);
      await world.faults.inject({
        system: 'legacy',
        operation: 'deactivateLine',
        kind: 'permanent',
        message: 'line locked by the old exchange',
      });
      const request = await launch();
      const parked = await waitForProgress(world.client, request, (p) => p.status === 'NEEDS_ATTENTION');

      expect(parked.pastPointOfNoReturn).toBe(true);
      expect(parked.parked).toMatchObject({
        stepId: 'deactivate-legacy-line',
        system: 'legacy',
        phase: 'step',
        allowedActions: ['retry'],
      });
      expect(parked.parked?.decidesAt).toBeUndefined();
      // Nothing was undone: the new line stays, the number is still migrating.
      expect(parked.steps.every((s) => s.undo !== 'DONE' && s.undo !== 'RUNNING')).toBe(true);
      expect(await world.sandbox.get('pbx', number)).toMatchObject({ extension: number });
      expect(await numberRow(number)).toMatchObject({
        state: NumberState.MIGRATING,
        ownerLogin: person.login,
      });

      const handle = world.client.workflow.getHandle(request.workflowId, request.runId ?? undefined);
      await expect(
        handle.executeUpdate(cancelUpdate, { args: [{ reason: 'changed my mind', actor: person.login }] }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/past its point of no return/) } });
      await expect(
        handle.executeUpdate(resolveUpdate, {
          args: [{ action: 'compensate', reason: 'undo it', actor: 'desk' }],
        }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not possible here/) } });

      await world.faults.clear();
      await handle.executeUpdate(resolveUpdate, {
        args: [{ action: 'retry', reason: 'old exchange unlocked the line', actor: 'desk' }],
      });
      const progress = await resultOf(world.client, request);
      expect(progress.status).toBe('COMPLETED');
      expect(step(progress, 'deactivate-legacy-line')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect(await legacyLine(number)).toMatchObject({ active: false });
      expect(await numberRow(number)).toMatchObject({ state: NumberState.ACTIVE });
    });

    it('recovers from a transient failure of the legacy service by retrying', async () => {
      const { number, launch } = await arrange(variant);
      await world.faults.inject({
        system: 'legacy',
        operation: 'deactivateLine',
        kind: 'transient',
        times: 1,
      });
      await world.faults.inject({
        system: 'pbx',
        operation: 'createSipAccount',
        kind: 'transient',
        times: 1,
      });
      const since = await world.sandbox.lastEffectId();
      const request = await launch();
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('COMPLETED');
      expect(step(progress, 'deactivate-legacy-line')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect(step(progress, 'create-sip-account')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect(await world.sandbox.effects('legacy', number, since)).toEqual([
        { operation: 'deactivateLine', key: number },
      ]);
      expect(await world.sandbox.effects('pbx', number, since)).toEqual([
        { operation: 'createSipAccount', key: number },
      ]);
    });
  });

  it('migrates a vendor IP line through the Skype workflow', async () => {
    const variant: Variant = { name: 'vendor IP', service: 'VENDOR_IP', as: 'PERSONAL', withPhone: true };
    const { number, launch } = await arrange(variant);
    const request = await launch();
    expect(request.workflowId).toBe(`number-${number}`);
    const progress = await resultOf(world.client, request);
    expect(progress.kind).toBe('MIGRATE_SKYPE_PERSONAL');
    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 're-register-phone')).toMatchObject({
      status: 'SKIPPED',
      note: 'the legacy line has no desk phone',
    });
  });

  it('puts the number in NEEDS_ATTENTION when the service desk skips an undo', async () => {
    const variant = VARIANTS[2];
    const { number, launch } = await arrange(variant);
    await world.faults.inject({ system: 'pbx', operation: 'getSipAccount', kind: 'permanent' });
    await world.faults.inject({ system: 'pbx', operation: 'removeSipAccount', kind: 'permanent' });
    const request = await launch();
    const parked = await waitForProgress(world.client, request, (p) => p.parked?.phase === 'undo');
    expect(parked.parked).toMatchObject({ stepId: 'create-sip-account', allowedActions: ['retry', 'skip'] });
    await world.client.workflow
      .getHandle(request.workflowId, request.runId ?? undefined)
      .executeUpdate(resolveUpdate, {
        args: [{ action: 'skip', reason: 'will remove the account by hand', actor: 'desk' }],
      });
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('FAILED');
    expect(step(progress, 'mark-migrating').undo).toBe('DONE');
    expect(await numberRow(number)).toMatchObject({ state: NumberState.NEEDS_ATTENTION });
    const activities = await scheduledActivities(world.client, request);
    expect(activities).toContain('markMigrationNeedsAttention');
    expect(activities).not.toContain('revertNumberToLegacy');
  });
});
