import type { RequestProgress } from '../../libs/contracts/progress';
import { NumberState } from '../../libs/domain/number-state';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import { NEW_SHARED_NUMBER_STEPS } from '../../workflows/new-shared-number.workflow';
import { seedPerson } from '../support/factories';
import { mailsFor, numberRow, requestSharedNumber, systemsOf } from '../support/number-helpers';
import { resultOf, scheduledActivities } from '../support/workflow-helpers';
import { World } from '../support/world';

describe('new shared number workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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

  it('provisions the number, its e-group, SIP account and phonebook entry, and activates it last', async () => {
    const owner = await seedPerson(world.sandbox);
    const manager = await seedPerson(world.sandbox);
    const request = await requestSharedNumber(world, owner.login, 'Lab 2 bench', [manager.login]);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    const number = progress.result!.number;
    expect(number).toMatch(/^65\d{3}$/);
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      NEW_SHARED_NUMBER_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(await numberRow(world, number)).toMatchObject({
      type: 'SHARED',
      state: NumberState.ACTIVE,
      ownerLogin: owner.login,
      description: 'Lab 2 bench',
      managersGroup: `phone-mngr-${number}`,
      inPhonebook: true,
      requestId: null,
    });
    expect(await systemsOf(world.sandbox, number)).toEqual({
      pbx: expect.objectContaining({ extension: number, displayName: 'Lab 2 bench' }),
      sharedEntry: {
        number,
        description: 'Lab 2 bench',
        ownerLogin: owner.login,
        managersGroup: `phone-mngr-${number}`,
      },
      group: expect.objectContaining({ ownerLogin: owner.login, members: [manager.login] }),
    });
    // The owner gets the mails, the e-group's members a copy.
    expect(await mailsFor(world.sandbox, request.id)).toEqual([
      expect.objectContaining({
        subject: 'Your request for a shared number is being processed',
        to: [owner.mail],
        cc: [manager.mail],
      }),
      expect.objectContaining({
        subject: 'Your request for a shared number is complete',
        to: [owner.mail],
        cc: [manager.mail],
      }),
    ]);
    expect(await scheduledActivities(world.client, request)).toEqual([
      'verifyEligibility',
      'verifyManagers',
      'sendRequestMail',
      'reserveSharedNumber',
      'createManagersGroup',
      'createSipAccount',
      'publishSharedEntry',
      'activateNumber',
      'sendRequestMail',
    ]);
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
  });

  it('refuses managers the directory does not know, naming them, before changing anything', async () => {
    const owner = await seedPerson(world.sandbox);
    const since = await world.sandbox.lastEffectId();
    const progress = await resultOf(
      world.client,
      await requestSharedNumber(world, owner.login, 'Help line', ['ghost1', 'ghost2']),
    );
    expect(progress.status).toBe('FAILED');
    expect(step(progress, 'verify-managers')).toMatchObject({
      status: 'FAILED',
      lastErrorType: 'INVALID_INPUT',
    });
    expect(progress.failureReason).toMatch(/the directory has no people ghost1, ghost2/);
    expect(step(progress, 'reserve-number').status).toBe('NOT_RUN');
    for (const system of ['pbx', 'directory'] as const) {
      expect(await world.sandbox.effects(system, undefined, since)).toEqual([]);
    }
  });

  const failurePoints: Array<{ stepId: string; failingActivity: string; fault: FaultSpec; undos: string[] }> =
    [
      {
        stepId: 'reserve-number',
        failingActivity: 'reserveSharedNumber',
        fault: { system: 'inventory', operation: 'reserveSharedNumber', kind: 'permanent' },
        undos: [],
      },
      {
        stepId: 'create-managers-group',
        failingActivity: 'createManagersGroup',
        fault: { system: 'directory', operation: 'createGroup', kind: 'permanent' },
        // The e-group may half-apply, so its own undo runs too.
        undos: ['deleteManagersGroup', 'releaseReservation'],
      },
      {
        stepId: 'create-sip-account',
        failingActivity: 'createSipAccount',
        fault: { system: 'pbx', operation: 'createSipAccount', kind: 'permanent' },
        undos: ['removeSipAccount', 'deleteManagersGroup', 'releaseReservation'],
      },
      {
        stepId: 'publish-shared-entry',
        failingActivity: 'publishSharedEntry',
        fault: { system: 'directory', operation: 'publishSharedNumber', kind: 'permanent' },
        undos: ['unpublishSharedEntry', 'removeSipAccount', 'deleteManagersGroup', 'releaseReservation'],
      },
      {
        stepId: 'activate-number',
        failingActivity: 'activateNumber',
        fault: { system: 'inventory', operation: 'activateNumber', kind: 'permanent' },
        undos: ['unpublishSharedEntry', 'removeSipAccount', 'deleteManagersGroup', 'releaseReservation'],
      },
    ];

  it.each(failurePoints)(
    'undoes every earlier step in reverse order when $stepId fails permanently',
    async ({ stepId, failingActivity, fault, undos }) => {
      const owner = await seedPerson(world.sandbox);
      const manager = await seedPerson(world.sandbox);
      await world.faults.inject({ ...fault, message: `simulated refusal at ${stepId}` });
      const request = await requestSharedNumber(world, owner.login, 'Room 40-S2', [manager.login]);
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      expect(step(progress, stepId)).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(progress.failureReason).toBe(
        `${step(progress, stepId).action} failed: ${fault.system}: simulated refusal at ${stepId}`,
      );
      const index = NEW_SHARED_NUMBER_STEPS.findIndex((s) => s.id === stepId);
      for (const earlier of NEW_SHARED_NUMBER_STEPS.slice(0, index)) {
        expect([earlier.id, step(progress, earlier.id).status]).toEqual([earlier.id, 'SUCCEEDED']);
        expect(['NONE', 'DONE']).toContain(step(progress, earlier.id).undo);
      }

      const activities = await scheduledActivities(world.client, request);
      const tail = activities
        .slice(activities.indexOf(failingActivity) + 1)
        .filter((a) => a !== 'sendRequestMail');
      expect(tail).toEqual(undos);

      // Nothing is left in any system, and the number went back to the pool.
      const number = progress.subject;
      if (number) {
        expect(await systemsOf(world.sandbox, number)).toEqual({ pbx: null, sharedEntry: null, group: null });
        expect(await numberRow(world, number)).toMatchObject({
          state: NumberState.AVAILABLE,
          ownerLogin: null,
          description: null,
          managersGroup: null,
        });
      }
      expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
      expect((await mailsFor(world.sandbox, request.id)).map((m) => m.subject)).toContain(
        'Your request for a shared number could not be completed',
      );
    },
  );

  it('recovers from a transient directory failure by retrying, creating the e-group once', async () => {
    const owner = await seedPerson(world.sandbox);
    await world.faults.inject({ system: 'directory', operation: 'createGroup', kind: 'transient', times: 1 });
    const since = await world.sandbox.lastEffectId();
    const progress = await resultOf(world.client, await requestSharedNumber(world, owner.login, 'Help line'));

    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'create-managers-group')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const group = `group:phone-mngr-${progress.result!.number}`;
    expect(await world.sandbox.effects('directory', group, since)).toEqual([
      { operation: 'createGroup', key: group },
    ]);
  });
});
