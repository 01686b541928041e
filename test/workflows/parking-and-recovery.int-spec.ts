import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { RequestProgress } from '../../libs/contracts/progress';
import { NumberState } from '../../libs/domain/number-state';
import { PhoneNumberEntity } from '../../libs/persistence/entities';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import {
  cancelDirectly,
  parkedQuery,
  resolveDirectly,
  waitForVisibility,
  waitUntilParked,
} from '../support/desk-helpers';
import { seedPerson } from '../support/factories';
import {
  requestPersonalNumber,
  resultOf,
  scheduledActivities,
  waitForProgress,
} from '../support/workflow-helpers';
import { World } from '../support/world';

// These prove the shared mechanics of workflows/kit/request-run.ts on the reference workflow: every
// request workflow parks, resumes, compensates and cancels the same way.
describe('parking and recovery (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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
  const numberOf = (w: World, login: string) =>
    w.dataSource.getRepository(PhoneNumberEntity).findOneBy({ ownerLogin: login });
  const directoryNumbers = async (w: World, login: string) =>
    (await w.sandbox.get<{ phoneNumbers: string[] }>('directory', `person:${login}`))?.phoneNumbers;
  /** The activities after the last attempt of `activity`, i.e. what ran once it was given up. */
  const activitiesAfter = (activities: string[], activity: string) =>
    activities.slice(activities.lastIndexOf(activity) + 1).filter((a) => a !== 'sendNotification');

  async function parkOnPbx(w: World = world) {
    const person = await seedPerson(w.sandbox);
    await w.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'transient',
      message: 'PBX database unreachable',
    });
    const request = await requestPersonalNumber(w, person.login);
    const parked = await waitUntilParked(w.client, request);
    return { person, request, parked };
  }

  it('parks a step whose retries run out, showing the failed step, its error and attempts, and sets the search attributes', async () => {
    const { person, request, parked } = await parkOnPbx();

    expect(parked.parked).toMatchObject({
      stepId: 'create-sip-account',
      system: 'pbx',
      phase: 'step',
      error: 'pbx: PBX database unreachable',
      allowedActions: ['retry', 'compensate'],
    });
    expect(Date.parse(parked.parked!.decidesAt!) - Date.parse(parked.parked!.since)).toBeGreaterThan(500_000);
    expect(step(parked, 'create-sip-account')).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      lastError: 'pbx: PBX database unreachable',
      lastErrorType: 'SystemUnavailable',
      undo: 'READY',
    });
    expect(step(parked, 'reserve-number')).toMatchObject({ status: 'SUCCEEDED', undo: 'READY' });
    expect(step(parked, 'publish-number').status).toBe('PENDING');
    // The projection and Temporal's visibility both list it for the service desk.
    expect(await world.requests.find(request.id)).toMatchObject({
      status: 'NEEDS_ATTENTION',
      failedSystem: 'pbx',
    });
    const attributes = await waitForVisibility(
      world.client,
      request,
      `${parkedQuery(person.login)} AND FailedSystem = 'pbx'`,
    );
    expect(attributes).toEqual({
      RequestStatus: 'NEEDS_ATTENTION',
      FailedSystem: 'pbx',
      Requester: person.login,
    });
    // Nothing moves while it waits: the number stays reserved.
    expect(await numberOf(world, person.login)).toMatchObject({ state: NumberState.PROVISIONING });

    await resolveDirectly(world.client, request, 'compensate');
    await resultOf(world.client, request);
  });

  it('completes when the service desk retries after the fault is cleared', async () => {
    const { person, request } = await parkOnPbx();
    await world.faults.clear();
    const since = await world.sandbox.lastEffectId();

    await resolveDirectly(world.client, request, 'retry', 'PBX database is back');
    const done = await resultOf(world.client, request);

    expect(done.status).toBe('COMPLETED');
    expect(done.parked).toBeUndefined();
    expect(step(done, 'create-sip-account')).toMatchObject({ status: 'SUCCEEDED', attempts: 4 });
    const number = done.result!.number;
    expect(await world.sandbox.effects('pbx', number, since)).toEqual([
      { operation: 'createSipAccount', key: number },
    ]);
    expect(await numberOf(world, person.login)).toMatchObject({ number, state: NumberState.ACTIVE });
    expect(await directoryNumbers(world, person.login)).toEqual([number]);
    const attributes = await waitForVisibility(
      world.client,
      request,
      `RequestStatus = 'COMPLETED' AND Requester = '${person.login}'`,
    );
    expect(attributes.FailedSystem).toBeUndefined();
  });

  it('undoes what was done, in reverse, when the service desk compensates', async () => {
    const { person, request, parked } = await parkOnPbx();
    const number = parked.subject!;

    await resolveDirectly(world.client, request, 'compensate', 'PBX replaced next week');
    const done = await resultOf(world.client, request);

    expect(done.status).toBe('FAILED');
    expect(done.failureReason).toBe(
      'Create the SIP account on the PBX failed: pbx: PBX database unreachable',
    );
    expect(step(done, 'create-sip-account')).toMatchObject({ status: 'FAILED', undo: 'DONE' });
    expect(step(done, 'reserve-number')).toMatchObject({ status: 'SUCCEEDED', undo: 'DONE' });
    expect(step(done, 'publish-number').status).toBe('NOT_RUN');
    expect(activitiesAfter(await scheduledActivities(world.client, request), 'createSipAccount')).toEqual([
      'removeSipAccount',
      'releaseReservation',
    ]);
    expect(await numberOf(world, person.login)).toBeNull();
    expect(await world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject({
      state: NumberState.AVAILABLE,
      ownerLogin: null,
    });
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'FAILED' });
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
  });

  it('completes with the step SKIPPED when the service desk skips a skippable step', async () => {
    const person = await seedPerson(world.sandbox);
    await world.faults.inject({ system: 'directory', operation: 'publishPersonalNumber', kind: 'transient' });
    const request = await requestPersonalNumber(world, person.login);
    const parked = await waitUntilParked(world.client, request);
    expect(parked.parked).toMatchObject({
      stepId: 'publish-number',
      system: 'directory',
      allowedActions: ['retry', 'compensate', 'skip'],
    });

    await resolveDirectly(world.client, request, 'skip', 'phonebook entry added by hand, ticket 42');
    const done = await resultOf(world.client, request);

    expect(done.status).toBe('COMPLETED');
    expect(step(done, 'publish-number')).toMatchObject({ status: 'SKIPPED', attempts: 3 });
    expect(step(done, 'activate-number').status).toBe('SUCCEEDED');
    const number = done.result!.number;
    expect(await numberOf(world, person.login)).toMatchObject({ number, state: NumberState.ACTIVE });
    expect(await world.sandbox.get('pbx', number)).toMatchObject({ extension: number });
    // Skipped means not done: the phonebook does not list it.
    expect(await directoryNumbers(world, person.login)).toEqual([]);
  });

  it('refuses decisions that do not fit, with the reason, and changes nothing', async () => {
    const { request } = await parkOnPbx();
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      return (error as WorkflowUpdateFailedError).cause?.message;
    };

    expect(await refusal(resolveDirectly(world.client, request, 'skip'))).toBe(
      '"skip" is not possible here; choose one of: retry, compensate',
    );
    expect(await refusal(resolveDirectly(world.client, request, 'retry', '   '))).toBe(
      'a reason is required',
    );
    const still = await waitUntilParked(world.client, request);
    expect(still.parked?.stepId).toBe('create-sip-account');

    await resolveDirectly(world.client, request, 'compensate');
    await resultOf(world.client, request);
  });

  it('refuses a decision on a request that is not parked', async () => {
    const person = await seedPerson(world.sandbox);
    const hold = await world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'hold',
      times: 1,
    });
    const request = await requestPersonalNumber(world, person.login);
    await waitForProgress(world.client, request, (p) => step(p, 'create-sip-account').status === 'RUNNING');

    const error = await resolveDirectly(world.client, request, 'retry').then(
      () => undefined,
      (e: unknown) => e as WorkflowUpdateFailedError,
    );
    expect(error?.cause?.message).toBe(`request ${request.id} is not waiting for a decision (it is RUNNING)`);
    await world.faults.release(hold);
    expect((await resultOf(world.client, request)).status).toBe('COMPLETED');
  });

  describe('an undo that keeps failing', () => {
    async function parkOnUndo() {
      const person = await seedPerson(world.sandbox);
      await world.faults.inject({
        system: 'inventory',
        operation: 'activateNumber',
        kind: 'permanent',
        message: 'number is frozen',
      });
      await world.faults.inject({
        system: 'pbx',
        operation: 'removeSipAccount',
        kind: 'transient',
        message: 'PBX busy',
      });
      const request = await requestPersonalNumber(world, person.login);
      const parked = await waitUntilParked(world.client, request);
      return { person, request, parked };
    }

    it('parks the compensation with retry and skip only, and cannot be cancelled meanwhile', async () => {
      const { request, parked } = await parkOnUndo();

      expect(parked.parked).toMatchObject({
        stepId: 'create-sip-account',
        system: 'pbx',
        phase: 'undo',
        error: 'pbx: PBX busy',
        allowedActions: ['retry', 'skip'],
      });
      expect(parked.parked?.decidesAt).toBeUndefined();
      expect(step(parked, 'publish-number').undo).toBe('DONE');
      expect(step(parked, 'create-sip-account')).toMatchObject({
        undo: 'FAILED',
        undoAttempts: 3,
        undoError: 'pbx: PBX busy',
      });
      expect(step(parked, 'reserve-number').undo).toBe('READY');
      const cancel = await cancelDirectly(world.client, request, 'give up', 'desk').catch(
        (e: WorkflowUpdateFailedError) => e,
      );
      expect((cancel as WorkflowUpdateFailedError).cause?.message).toBe(
        'the request is already being undone',
      );
      const compensate = await resolveDirectly(world.client, request, 'compensate').catch(
        (e: WorkflowUpdateFailedError) => e,
      );
      expect((compensate as WorkflowUpdateFailedError).cause?.message).toBe(
        '"compensate" is not possible here; choose one of: retry, skip',
      );

      await world.faults.clear();
      await resolveDirectly(world.client, request, 'retry', 'PBX is quiet again');
      const done = await resultOf(world.client, request);

      expect(done.status).toBe('FAILED');
      expect(done.failureReason).toBe('Activate the number failed: inventory: number is frozen');
      expect(step(done, 'create-sip-account')).toMatchObject({ undo: 'DONE', undoAttempts: 4 });
      expect(step(done, 'reserve-number').undo).toBe('DONE');
      expect(await world.sandbox.get('pbx', parked.subject!)).toBeNull();
      expect(
        await world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number: parked.subject! }),
      ).toMatchObject({
        state: NumberState.AVAILABLE,
      });
    });

    it('goes on with the remaining undos when the service desk skips the failed one, leaving that system as it is', async () => {
      const { request, parked } = await parkOnUndo();
      const number = parked.subject!;

      await resolveDirectly(world.client, request, 'skip', 'will remove the SIP account by hand');
      const done = await resultOf(world.client, request);

      expect(done.status).toBe('FAILED');
      expect(step(done, 'create-sip-account').undo).toBe('SKIPPED');
      expect(step(done, 'reserve-number').undo).toBe('DONE');
      expect(activitiesAfter(await scheduledActivities(world.client, request), 'removeSipAccount')).toEqual([
        'releaseReservation',
      ]);
      // The skipped undo is the desk's to do by hand: the account is still on the PBX.
      expect(await world.sandbox.get('pbx', number)).toMatchObject({ extension: number });
      expect(await world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject({
        state: NumberState.AVAILABLE,
      });
    });
  });

  describe('cancellation', () => {
    it('undoes in reverse and ends CANCELLED when the requester cancels before the point of no return', async () => {
      const person = await seedPerson(world.sandbox);
      const hold = await world.faults.inject({
        system: 'pbx',
        operation: 'createSipAccount',
        kind: 'hold',
        times: 1,
      });
      const since = await world.sandbox.lastEffectId();
      const request = await requestPersonalNumber(world, person.login);
      const running = await waitForProgress(
        world.client,
        request,
        (p) => step(p, 'create-sip-account').status === 'RUNNING',
      );
      const number = running.subject!;
      // The step shows RUNNING once scheduled; cancel only once the PBX call itself is held (it used
      // the hold), else a loaded worker may not have started it and it is cancelled unstarted.
      const deadline = Date.now() + 60_000;
      while ((await world.faults.list()).find((f) => f.id === hold)?.remaining !== 0) {
        if (Date.now() > deadline) throw new Error('the PBX call never reached its hold');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      await cancelDirectly(world.client, request, 'I asked by mistake', person.login);
      await world.faults.release(hold);
      const done = await resultOf(world.client, request);

      expect(done.status).toBe('CANCELLED');
      expect(done.failureReason).toBe(`Cancelled by ${person.login}: I asked by mistake`);
      expect(step(done, 'publish-number').status).toBe('NOT_RUN');
      expect(step(done, 'create-sip-account').undo).toBe('DONE');
      expect(step(done, 'reserve-number').undo).toBe('DONE');
      // The PBX call that was under way finished; its undo ran after it, so nothing is left behind.
      expect(await world.sandbox.effects('pbx', number, since)).toEqual([
        { operation: 'createSipAccount', key: number },
        { operation: 'removeSipAccount', key: number },
      ]);
      expect(await world.sandbox.get('pbx', number)).toBeNull();
      expect(await numberOf(world, person.login)).toBeNull();
      expect(await world.requests.find(request.id)).toMatchObject({ status: 'CANCELLED' });
      expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
    });

    it('undoes and ends CANCELLED when cancelled while parked', async () => {
      const { person, request, parked } = await parkOnPbx();

      await cancelDirectly(world.client, request, 'no longer needed', 'desk');
      const done = await resultOf(world.client, request);

      expect(done.status).toBe('CANCELLED');
      expect(done.failureReason).toBe('Cancelled by desk: no longer needed');
      expect(step(done, 'create-sip-account')).toMatchObject({ status: 'FAILED', undo: 'DONE' });
      expect(step(done, 'reserve-number').undo).toBe('DONE');
      expect(await numberOf(world, person.login)).toBeNull();
      expect(await world.sandbox.get('pbx', parked.subject!)).toBeNull();
    });

    it('refuses to cancel a request that has finished', async () => {
      const person = await seedPerson(world.sandbox);
      const request = await requestPersonalNumber(world, person.login);
      await resultOf(world.client, request);
      await expect(cancelDirectly(world.client, request, 'too late', person.login)).rejects.toThrow();
      expect(await numberOf(world, person.login)).toMatchObject({ state: NumberState.ACTIVE });
    });
  });

  it('compensates on its own when nobody decides within the park timeout', async () => {
    const timeoutWorld = await World.start({ PARK_TIMEOUT_MS: '2000' });
    try {
      await timeoutWorld.startWorker();
      const { person, request, parked } = await parkOnPbx(timeoutWorld);
      expect(Date.parse(parked.parked!.decidesAt!) - Date.parse(parked.parked!.since)).toBeLessThanOrEqual(
        2000,
      );

      const done = await resultOf(timeoutWorld.client, request);

      expect(done.status).toBe('FAILED');
      expect(done.failureReason).toBe('No decision from the service desk within 2 seconds');
      expect(step(done, 'create-sip-account').undo).toBe('DONE');
      expect(step(done, 'reserve-number').undo).toBe('DONE');
      expect(await numberOf(timeoutWorld, person.login)).toBeNull();
    } finally {
      await timeoutWorld.stop();
    }
  });

  it('resumes a parked request on a new worker after the first one stopped, and completes', async () => {
    const restartWorld = await World.start({ WORKER_SHUTDOWN_GRACE_MS: '100' });
    try {
      const first = await restartWorld.startWorker();
      const { person, request } = await parkOnPbx(restartWorld);
      await first.stop();
      await restartWorld.faults.clear();

      await restartWorld.startWorker();
      await resolveDirectly(restartWorld.client, request, 'retry', 'PBX back after the worker restart');
      const done = await resultOf(restartWorld.client, request);

      expect(done.status).toBe('COMPLETED');
      const number = done.result!.number;
      expect(await restartWorld.sandbox.effects('pbx', number)).toEqual([
        { operation: 'createSipAccount', key: number },
      ]);
      expect(await numberOf(restartWorld, person.login)).toMatchObject({ number, state: NumberState.ACTIVE });
      expect(await directoryNumbers(restartWorld, person.login)).toEqual([number]);
    } finally {
      await restartWorld.stop();
    }
  });
});
