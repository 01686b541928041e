import type { RequestProgress } from '../../libs/contracts/progress';
import { NumberState } from '../../libs/domain/number-state';
import { PhoneNumberEntity } from '../../libs/persistence/entities';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import { NEW_PERSONAL_NUMBER_STEPS } from '../../workflows/new-personal-number.workflow';
import { seedPerson } from '../support/factories';
import {
  requestPersonalNumber,
  resultOf,
  scheduledActivities,
  waitForProgress,
} from '../support/workflow-helpers';
import { World } from '../support/world';

describe('new personal number workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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

  const numberOf = (login: string) =>
    world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ ownerLogin: login });
  const mailSubjects = async (requestId: string) =>
    (await world.sandbox.list<{ subject: string }>('mail'))
      .filter((m) => m.key.startsWith(requestId))
      .map((m) => m.data.subject)
      .sort();
  const step = (progress: RequestProgress, id: string) => progress.steps.find((s) => s.id === id)!;

  it('provisions a number in every system and activates it last', async () => {
    const person = await seedPerson(world.sandbox);
    const request = await requestPersonalNumber(world, person.login);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    const number = progress.result?.number;
    expect(number).toMatch(/^7\d{4}$/);
    expect(progress.steps.map((s) => [s.id, s.status, s.attempts])).toEqual(
      NEW_PERSONAL_NUMBER_STEPS.map((s) => [s.id, 'SUCCEEDED', 1]),
    );
    expect(await numberOf(person.login)).toMatchObject({
      number,
      state: NumberState.ACTIVE,
      requestId: null,
    });
    expect(await world.sandbox.get('pbx', number!)).toMatchObject({
      extension: number,
      displayName: person.displayName,
    });
    expect(await world.sandbox.get('directory', `person:${person.login}`)).toMatchObject({
      phoneNumbers: [number],
    });
    expect(await mailSubjects(request.id)).toEqual([
      'Your request for a personal number is being processed',
      'Your request for a personal number is complete',
    ]);
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'COMPLETED', subject: number });
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
    // Activation is the last change of state, after every downstream system.
    expect(await scheduledActivities(world.client, request)).toEqual([
      'verifyEligibility',
      'sendNotification',
      'reservePersonalNumber',
      'createSipAccount',
      'publishPersonalNumber',
      'activateNumber',
      'sendNotification',
    ]);
  });

  // One case per failure point: the fault, and the undo activities expected after it, in order.
  const failurePoints: Array<{ stepId: string; failingActivity: string; fault: FaultSpec; undos: string[] }> =
    [
      {
        stepId: 'verify-eligibility',
        failingActivity: 'verifyEligibility',
        fault: { system: 'directory', operation: 'findPerson', kind: 'permanent' },
        undos: [],
      },
      {
        stepId: 'reserve-number',
        failingActivity: 'reservePersonalNumber',
        fault: { system: 'inventory', operation: 'reserveNumber', kind: 'permanent' },
        undos: [],
      },
      {
        stepId: 'create-sip-account',
        failingActivity: 'createSipAccount',
        fault: { system: 'pbx', operation: 'createSipAccount', kind: 'permanent' },
        // The SIP step may half-apply, so its own undo runs too, then the reservation's.
        undos: ['removeSipAccount', 'releaseReservation'],
      },
      {
        stepId: 'publish-number',
        failingActivity: 'publishPersonalNumber',
        fault: { system: 'directory', operation: 'publishPersonalNumber', kind: 'permanent' },
        undos: ['unpublishPersonalNumber', 'removeSipAccount', 'releaseReservation'],
      },
      {
        stepId: 'activate-number',
        failingActivity: 'activateNumber',
        fault: { system: 'inventory', operation: 'activateNumber', kind: 'permanent' },
        undos: ['unpublishPersonalNumber', 'removeSipAccount', 'releaseReservation'],
      },
    ];

  it.each(failurePoints)(
    'undoes every earlier step in reverse order when $stepId fails permanently',
    async ({ stepId, failingActivity, fault, undos }) => {
      const person = await seedPerson(world.sandbox);
      await world.faults.inject({ ...fault, message: `simulated refusal at ${stepId}` });
      const request = await requestPersonalNumber(world, person.login);
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      const failing = step(progress, stepId);
      expect(failing).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(progress.failureReason).toBe(
        `${failing.action} failed: ${fault.system}: simulated refusal at ${stepId}`,
      );

      // Every step before the failing one succeeded, and each one with an undo was undone.
      const index = NEW_PERSONAL_NUMBER_STEPS.findIndex((s) => s.id === stepId);
      for (const earlier of NEW_PERSONAL_NUMBER_STEPS.slice(0, index)) {
        const state = step(progress, earlier.id);
        expect([earlier.id, state.status]).toEqual([earlier.id, 'SUCCEEDED']);
        expect(['NONE', 'DONE']).toContain(state.undo);
      }
      for (const later of NEW_PERSONAL_NUMBER_STEPS.slice(index + 1, -1))
        expect(step(progress, later.id).status).toBe('NOT_RUN');

      const activities = await scheduledActivities(world.client, request);
      // After the failing activity come the undos (and the failure mail, left out here).
      const tail = activities
        .slice(activities.indexOf(failingActivity) + 1)
        .filter((a) => a !== 'sendNotification');
      expect(tail).toEqual(undos);

      // Nothing is left behind in any system.
      expect(await numberOf(person.login)).toBeNull();
      const directoryEntry = await world.sandbox.get<{ phoneNumbers: string[] }>(
        'directory',
        `person:${person.login}`,
      );
      expect(directoryEntry?.phoneNumbers).toEqual([]);
      if (progress.subject) expect(await world.sandbox.get('pbx', progress.subject)).toBeNull();
      expect(await world.requests.find(request.id)).toMatchObject({
        status: 'FAILED',
        failureReason: progress.failureReason,
      });
      expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
      // The requester hears about it (except when the directory could not even tell us who they are).
      if (stepId !== 'verify-eligibility') {
        expect(await mailSubjects(request.id)).toContain(
          'Your request for a personal number could not be completed',
        );
      }
    },
  );

  it('recovers from a transient PBX failure by retrying', async () => {
    const person = await seedPerson(world.sandbox);
    await world.faults.inject({ system: 'pbx', operation: 'createSipAccount', kind: 'transient', times: 1 });
    const since = await world.sandbox.lastEffectId();
    const request = await requestPersonalNumber(world, person.login);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'create-sip-account')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const effects = await world.sandbox.effects('pbx', progress.subject, since);
    expect(effects).toEqual([{ operation: 'createSipAccount', key: progress.subject }]);
  });

  it('finishes on a new worker after the first one stops mid-request, without doing a side effect twice', async () => {
    const crashWorld = await World.start({ ACTIVITY_TIMEOUT_MS: '3000', WORKER_SHUTDOWN_GRACE_MS: '100' });
    try {
      const first = await crashWorld.startWorker();
      const person = await seedPerson(crashWorld.sandbox);
      // Hold the SIP step long enough to stop the worker while it runs.
      await crashWorld.faults.inject({
        system: 'pbx',
        operation: 'createSipAccount',
        kind: 'delay',
        delayMs: 2000,
        times: 1,
      });
      const request = await requestPersonalNumber(crashWorld, person.login);
      await waitForProgress(
        crashWorld.client,
        request,
        (p) => step(p, 'create-sip-account').status === 'RUNNING',
      );
      await first.stop();

      await crashWorld.startWorker();
      const progress = await resultOf(crashWorld.client, request);
      expect(progress.status).toBe('COMPLETED');
      const number = progress.result!.number;
      expect(await crashWorld.sandbox.effects('pbx', number)).toEqual([
        { operation: 'createSipAccount', key: number },
      ]);
      expect(await crashWorld.sandbox.effects('directory', `person:${person.login}`)).toEqual([
        { operation: 'seedPerson', key: `person:${person.login}` },
        { operation: 'publishPersonalNumber', key: `person:${person.login}` },
      ]);
      expect(
        (await crashWorld.sandbox.list('mail')).filter((m) => m.key.startsWith(request.id)),
      ).toHaveLength(2);
    } finally {
      await crashWorld.stop();
    }
  });
});
