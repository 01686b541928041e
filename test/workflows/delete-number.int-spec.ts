import { randomUUID } from 'node:crypto';
import { cancelUpdate, resolveUpdate } from '../../libs/contracts/messages';
import { NumberRequestKind, NumberWorkflow } from '../../libs/contracts/numbers';
import type { RequestProgress } from '../../libs/contracts/progress';
import { NumberState } from '../../libs/domain/number-state';
import { SipCredentialEntity, type RequestEntity } from '../../libs/persistence/entities';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import { DELETE_NUMBER_STEPS } from '../../workflows/delete-number.workflow';
import { seedPerson } from '../support/factories';
import {
  aPersonalNumber,
  aSharedNumber,
  numberRow,
  phonebookNumbersOf,
  requestOnNumber,
  systemsOf,
} from '../support/number-helpers';
import {
  requestPersonalNumber,
  resultOf,
  scheduledActivities,
  waitForProgress,
} from '../support/workflow-helpers';
import { World } from '../support/world';

describe('delete number workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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
  const inNinetyDays = () => new Date(Date.now() + 90 * 86_400_000).toISOString();
  const deleteNumber = (number: string, requester: string, quarantineUntil = inNinetyDays()) =>
    requestOnNumber(world, {
      kind: NumberRequestKind.DELETE_NUMBER,
      workflowType: NumberWorkflow.DELETE_NUMBER,
      number,
      requester,
      extra: { quarantineUntil },
    });
  const resolve = (request: RequestEntity, action: 'retry' | 'skip') =>
    world.client.workflow
      .getHandle(request.workflowId, request.runId ?? undefined)
      .executeUpdate(resolveUpdate, { args: [{ action, reason: 'checked by hand', actor: 'desk' }] });

  it('deletes a personal number everywhere and quarantines it; its owner may get a new one', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    const until = inNinetyDays();
    const request = await deleteNumber(number, person.login, until);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(progress.pastPointOfNoReturn).toBe(true);
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      DELETE_NUMBER_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(step(progress, 'unregister-phones').note).toBe('no desk phone on this number');
    expect(await numberRow(world, number)).toMatchObject({
      state: NumberState.QUARANTINED,
      ownerLogin: null,
      quarantineUntil: new Date(until),
    });
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await world.dataSource.getRepository(SipCredentialEntity).findOneBy({ number })).toBeNull();
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([]);
    expect(await scheduledActivities(world.client, request)).toEqual([
      'loadNumber',
      'livePhonesOf',
      'removeSipAccount',
      'unpublishPersonalNumber',
      'quarantineNumber',
      'sendRequestMail',
    ]);
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);

    const again = await resultOf(world.client, await requestPersonalNumber(world, person.login));
    expect(again.status).toBe('COMPLETED');
    expect(again.result!.number).not.toBe(number);
  });

  it('deletes a shared number with its phonebook entry and managers e-group', async () => {
    const owner = await seedPerson(world.sandbox);
    const manager = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login, [manager.login]);
    const request = await deleteNumber(number, owner.login);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(await systemsOf(world.sandbox, number)).toEqual({ pbx: null, sharedEntry: null, group: null });
    expect(await numberRow(world, number)).toMatchObject({
      state: NumberState.QUARANTINED,
      type: 'SHARED',
      ownerLogin: null,
      description: null,
      managersGroup: null,
    });
    expect(await scheduledActivities(world.client, request)).toEqual([
      'loadNumber',
      'livePhonesOf',
      'removeSipAccount',
      'unpublishSharedEntry',
      'deleteManagersGroup',
      'quarantineNumber',
      'sendRequestMail',
    ]);
  });

  it('fails without changing anything when the number cannot be deleted (before the point of no return)', async () => {
    const owner = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login);
    await world.faults.inject({ system: 'inventory', operation: 'livePhones', kind: 'permanent', times: 1 });
    const progress = await resultOf(world.client, await deleteNumber(number, owner.login));
    expect(progress).toMatchObject({ status: 'FAILED', pastPointOfNoReturn: false });
    expect(step(progress, 'find-phones').status).toBe('FAILED');
    expect((await numberRow(world, number)).state).toBe(NumberState.ACTIVE);
    expect((await systemsOf(world.sandbox, number)).pbx).not.toBeNull();
  });

  // After the point of no return a permanent failure parks: nothing removed is put back.
  it.each<{ stepId: string; fault: FaultSpec; removedBefore: Array<'pbx' | 'sharedEntry' | 'group'> }>([
    {
      stepId: 'remove-sip-account',
      fault: { system: 'pbx', operation: 'removeSipAccount', kind: 'permanent' },
      removedBefore: [],
    },
    {
      stepId: 'remove-phonebook-entry',
      fault: { system: 'directory', operation: 'unpublishSharedNumber', kind: 'permanent' },
      removedBefore: ['pbx'],
    },
    {
      stepId: 'delete-managers-group',
      fault: { system: 'directory', operation: 'deleteGroup', kind: 'permanent' },
      removedBefore: ['pbx', 'sharedEntry'],
    },
    {
      stepId: 'quarantine-number',
      fault: { system: 'inventory', operation: 'quarantine', kind: 'permanent' },
      removedBefore: ['pbx', 'sharedEntry', 'group'],
    },
  ])(
    'parks for the service desk when $stepId fails permanently, re-creates nothing, and finishes on retry',
    async ({ stepId, fault, removedBefore }) => {
      const owner = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [owner.login]);
      await world.faults.inject({ ...fault, message: `simulated refusal at ${stepId}` });
      const request = await deleteNumber(number, owner.login);
      const parked = await waitForProgress(world.client, request, (p) => p.status === 'NEEDS_ATTENTION');

      expect(parked.parked).toMatchObject({ stepId, phase: 'step', allowedActions: ['retry', 'skip'] });
      expect(parked.parked!.decidesAt).toBeUndefined();
      expect(parked.steps.every((s) => s.undo === 'NONE')).toBe(true);
      const systems = await systemsOf(world.sandbox, number);
      for (const key of ['pbx', 'sharedEntry', 'group'] as const) {
        expect([key, systems[key] === null]).toEqual([key, removedBefore.includes(key)]);
      }
      expect(await world.requests.find(request.id)).toMatchObject({
        status: 'NEEDS_ATTENTION',
        failedSystem: fault.system,
      });

      await world.faults.clear();
      await resolve(request, 'retry');
      const progress = await resultOf(world.client, request);
      expect(progress.status).toBe('COMPLETED');
      expect(await systemsOf(world.sandbox, number)).toEqual({ pbx: null, sharedEntry: null, group: null });
      expect((await numberRow(world, number)).state).toBe(NumberState.QUARANTINED);
      const activities = await scheduledActivities(world.client, request);
      expect(activities).not.toContain('createSipAccount');
      expect(activities).not.toContain('publishSharedEntry');
      expect(activities).not.toContain('createManagersGroup');
    },
  );

  it('lets the service desk skip a removal it did by hand', async () => {
    const owner = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login);
    await world.faults.inject({ system: 'directory', operation: 'deleteGroup', kind: 'permanent' });
    const request = await deleteNumber(number, owner.login);
    await waitForProgress(world.client, request, (p) => p.status === 'NEEDS_ATTENTION');
    await resolve(request, 'skip');
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'delete-managers-group').status).toBe('SKIPPED');
    expect((await numberRow(world, number)).state).toBe(NumberState.QUARANTINED);
  });

  it('cannot be cancelled once past its point of no return', async () => {
    const owner = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login);
    await world.faults.inject({ system: 'pbx', operation: 'removeSipAccount', kind: 'permanent' });
    const request = await deleteNumber(number, owner.login);
    await waitForProgress(world.client, request, (p) => p.status === 'NEEDS_ATTENTION');
    const handle = world.client.workflow.getHandle(request.workflowId, request.runId ?? undefined);
    const refusal = await handle
      .executeUpdate(cancelUpdate, { args: [{ reason: 'changed my mind', actor: owner.login }] })
      .catch((error: unknown) => error as Error & { cause?: Error });
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as { cause?: Error }).cause?.message).toMatch(/past its point of no return/);
    await world.faults.clear();
    await resolve(request, 'retry');
    expect((await resultOf(world.client, request)).status).toBe('COMPLETED');
  });

  it('recovers from a transient PBX failure', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    await world.faults.inject({ system: 'pbx', operation: 'removeSipAccount', kind: 'transient', times: 1 });
    const progress = await resultOf(world.client, await deleteNumber(number, person.login));
    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'remove-sip-account')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('refuses a number that is already deleted', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    expect((await resultOf(world.client, await deleteNumber(number, person.login))).status).toBe('COMPLETED');
    const again = await resultOf(world.client, await deleteNumber(number, `x${randomUUID().slice(0, 6)}`));
    expect(again).toMatchObject({ status: 'FAILED', pastPointOfNoReturn: false });
    expect(step(again, 'load-number').lastErrorType).toBe('INVALID_STATE');
  });
});
