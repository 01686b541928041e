import { NumberRequestKind, NumberWorkflow, respondToOwnershipUpdate } from '../../libs/contracts/numbers';
import type { RequestProgress } from '../../libs/contracts/progress';
import { OwnershipOfferEntity, type RequestEntity } from '../../libs/persistence/entities';
import { lockKeys, ResourceLocks } from '../../libs/requests/resource-locks';
import { REQUEST_STATUS_ATTRIBUTE } from '../../libs/contracts/search-attributes';
import { resolveDirectly, waitForVisibility, waitUntilParked } from '../support/desk-helpers';
import { seedPerson } from '../support/factories';
import { aPersonalNumber, aSharedNumber, numberRow, requestOnNumber } from '../support/number-helpers';
import { registerActivePhone } from '../support/phone-fixtures';
import { requestPersonalNumber, resultOf, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

/**
 * Switchboard's own records (the request's projection and locks, a child's row, an ownership offer),
 * written by local activities, refused for good. Each such refusal once escaped the saga or was
 * retried forever: the request stayed RUNNING. Now each parks for the service desk or compensates.
 */
describe('requests whose own records Switchboard cannot write (real Temporal, PostgreSQL)', () => {
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

  const refused = (operation: string, message: string, times?: number) =>
    world.faults.inject({ system: 'inventory', operation, kind: 'permanent', times, message });
  const locksOf = (request: RequestEntity) => world.app.get(ResourceLocks).heldBy(request.id);
  const parkedAgain = (request: RequestEntity, since: string) =>
    waitForProgress(
      world.client,
      request,
      (p) => p.status === 'NEEDS_ATTENTION' && p.parked !== undefined && p.parked.since !== since,
    );

  it("parks when the request's progress cannot be recorded, and goes on once the desk's retry is recorded", async () => {
    const message = 'simulated refusal of the request row';
    // Every write of the projection is refused until the fault is cleared.
    await refused('recordProgress', message);
    const person = await seedPerson(world.sandbox);
    const request = await requestPersonalNumber(world, person.login);
    const parked = await waitUntilParked(world.client, request);

    // The first write (RUNNING) was refused: nothing ran yet.
    expect(parked.parked).toMatchObject({
      stepId: parked.steps[0].id,
      system: 'inventory',
      phase: 'step',
      error: `Switchboard could not record the request's progress: inventory: ${message}`,
      allowedActions: ['retry'],
    });
    expect(parked.steps.every((s) => s.status === 'PENDING')).toBe(true);
    // The row could not say so; Temporal's visibility does (the desk's stuckRequests reads both).
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'ACCEPTED' });
    const query = `WorkflowId = '${request.workflowId}' AND ${REQUEST_STATUS_ATTRIBUTE.name} = 'NEEDS_ATTENTION'`;
    expect(await waitForVisibility(world.client, request, query)).toMatchObject({
      [REQUEST_STATUS_ATTRIBUTE.name]: 'NEEDS_ATTENTION',
      FailedSystem: 'inventory',
    });

    // A retry while the database still refuses parks again.
    await resolveDirectly(world.client, request, 'retry', 'tried before the fix');
    const again = await parkedAgain(request, parked.parked!.since);
    expect(again.parked?.error).toBe(parked.parked?.error);

    await world.faults.clear();
    await resolveDirectly(world.client, request, 'retry', 'database fixed');
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(progress.steps.every((s) => s.status === 'SUCCEEDED')).toBe(true);
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'COMPLETED' });
    expect(await locksOf(request)).toEqual([]);
  });

  it('parks holding its locks when they cannot be released; compensating is refused, the retry releases them', async () => {
    const message = 'simulated refusal of the lock table';
    await refused('release', message, 1);
    const person = await seedPerson(world.sandbox);
    const request = await requestPersonalNumber(world, person.login);
    const parked = await waitUntilParked(world.client, request);

    expect(parked.parked).toMatchObject({
      system: 'inventory',
      phase: 'step',
      error: `Switchboard could not release the request's locks: inventory: ${message}`,
      allowedActions: ['retry'],
    });
    // Every step is done: the park is on the last one reached, and the request is not RUNNING.
    expect(parked.steps.map((s) => s.status)).not.toContain('RUNNING');
    expect(parked.parked?.stepId).toBe(parked.steps.filter((s) => s.status !== 'NOT_RUN').at(-1)!.id);
    expect(await world.requests.find(request.id)).toMatchObject({
      status: 'NEEDS_ATTENTION',
      failedSystem: 'inventory',
    });
    expect(await locksOf(request)).toEqual([lockKeys.personalNumberOf(person.login)]);
    await expect(resolveDirectly(world.client, request, 'compensate')).rejects.toThrow(
      /"compensate" is not possible here; choose one of: retry/,
    );

    await resolveDirectly(world.client, request, 'retry', 'lock table fixed');
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'COMPLETED', failedSystem: null });
    expect(await locksOf(request)).toEqual([]);
  });

  it("parks past the point of no return when a child's row is refused; the desk's retry runs the child", async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    const { mac } = await registerActivePhone(world, { requester: person.login, number });
    const message = 'simulated refusal of the child row';
    await refused('createIfAbsent', message, 1);
    const request = await requestOnNumber(world, {
      kind: NumberRequestKind.DELETE_NUMBER,
      workflowType: NumberWorkflow.DELETE_NUMBER,
      number,
      requester: person.login,
      extra: { quarantineUntil: new Date(Date.now() + 90 * 86_400_000).toISOString() },
      locks: [lockKeys.mac(mac)],
    });
    const parked = await waitUntilParked(world.client, request);

    expect(parked.parked).toMatchObject({
      stepId: 'unregister-phones',
      system: 'inventory',
      phase: 'step',
      error: `Switchboard could not keep its own record: inventory: ${message}`,
      // Past the point of no return: nothing to undo, and the step has no skip value.
      allowedActions: ['retry'],
    });
    expect(await world.requests.children(request.id)).toEqual([]);

    await resolveDirectly(world.client, request, 'retry', 'database fixed');
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(progress.steps.find((s) => s.id === 'unregister-phones')).toMatchObject({ status: 'SUCCEEDED' });
    const children = await world.requests.children(request.id);
    expect(children.map((c) => [c.kind, c.status])).toEqual([['UNREGISTER_PHONE', 'COMPLETED']]);
    expect(await locksOf(request)).toEqual([]);
  });

  describe('change of owner', () => {
    const DAY = 86_400_000;
    async function offerToOwn() {
      const owner = await seedPerson(world.sandbox);
      const candidate = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [], 'Help line');
      const request = await requestOnNumber(world, {
        kind: NumberRequestKind.CHANGE_OWNER,
        workflowType: NumberWorkflow.CHANGE_OWNER,
        number,
        requester: owner.login,
        extra: { newOwner: candidate.login, acceptanceTimeoutMs: 14 * DAY },
      });
      return { owner, candidate, number, request };
    }
    const step = (progress: RequestProgress, id: string) => progress.steps.find((s) => s.id === id)!;
    const offer = (requestId: string) =>
      world.dataSource.getRepository(OwnershipOfferEntity).findOneBy({ requestId });

    it('fails when the offer cannot be recorded, and parks while closing it until the desk retries', async () => {
      const message = 'simulated refusal of the offer';
      await refused('recordOwnershipOffer', message, 1);
      await refused('closeOwnershipOffer', message, 1);
      const { owner, number, request } = await offerToOwn();
      const parked = await waitUntilParked(world.client, request);

      expect(parked.parked).toMatchObject({
        stepId: 'await-acceptance',
        system: 'inventory',
        phase: 'undo',
        error: `Switchboard could not keep its own record: inventory: ${message}`,
        allowedActions: ['retry', 'skip'],
      });
      expect(step(parked, 'await-acceptance')).toMatchObject({
        status: 'FAILED',
        lastError: `Switchboard could not keep its own record: inventory: ${message}`,
      });
      expect(await locksOf(request)).not.toEqual([]);

      await resolveDirectly(world.client, request, 'retry', 'database fixed');
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      expect(progress.failureReason).toBe(
        `Wait for the proposed owner to accept failed: Switchboard could not keep its own record: inventory: ${message}`,
      );
      expect(step(progress, 'notify-offer').status).toBe('NOT_RUN');
      expect(await offer(request.id)).toBeNull();
      expect(await numberRow(world, number)).toMatchObject({ ownerLogin: owner.login });
      expect(await locksOf(request)).toEqual([]);
    });

    it('undoes nothing and fails when the accepted offer cannot be closed', async () => {
      const { owner, candidate, number, request } = await offerToOwn();
      await waitForProgress(world.client, request, (p) => step(p, 'await-acceptance').status === 'RUNNING');
      await refused('closeOwnershipOffer', 'simulated refusal of the offer', 1);
      await world.client.workflow
        .getHandle(request.workflowId, request.runId ?? undefined)
        .executeUpdate(respondToOwnershipUpdate, { args: [{ login: candidate.login, accept: true }] });
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      expect(step(progress, 'await-acceptance').status).toBe('SUCCEEDED');
      expect(step(progress, 'update-group-owner')).toMatchObject({
        status: 'FAILED',
        lastError: 'Switchboard could not keep its own record: inventory: simulated refusal of the offer',
      });
      // The close after the failure went through: the offer is withdrawn, the owner unchanged.
      expect(await offer(request.id)).toMatchObject({ outcome: 'WITHDRAWN' });
      expect(await numberRow(world, number)).toMatchObject({ ownerLogin: owner.login });
      expect(await locksOf(request)).toEqual([]);
    });
  });
});
