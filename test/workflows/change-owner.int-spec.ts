import { NumberRequestKind, NumberWorkflow, respondToOwnershipUpdate } from '../../libs/contracts/numbers';
import type { RequestProgress } from '../../libs/contracts/progress';
import { OwnershipOfferEntity, type RequestEntity } from '../../libs/persistence/entities';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import { CHANGE_OWNER_STEPS } from '../../workflows/change-owner.workflow';
import { seedPerson } from '../support/factories';
import {
  aSharedNumber,
  mailsFor,
  numberRow,
  requestOnNumber,
  systemsOf,
  undosAfter,
} from '../support/number-helpers';
import { resultOf, scheduledActivities, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

describe('change owner workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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
  const propose = (number: string, requester: string, newOwner: string, acceptanceTimeoutMs: number | null) =>
    requestOnNumber(world, {
      kind: NumberRequestKind.CHANGE_OWNER,
      workflowType: NumberWorkflow.CHANGE_OWNER,
      number,
      requester,
      extra: { newOwner, acceptanceTimeoutMs },
    });
  const respond = (request: RequestEntity, login: string, accept: boolean) =>
    world.client.workflow
      .getHandle(request.workflowId, request.runId ?? undefined)
      .executeUpdate(respondToOwnershipUpdate, { args: [{ login, accept }] });
  const waitingForAnswer = (request: RequestEntity) =>
    waitForProgress(world.client, request, (p) => step(p, 'await-acceptance').status === 'RUNNING');
  const offer = (requestId: string) =>
    world.dataSource.getRepository(OwnershipOfferEntity).findOneBy({ requestId });
  const DAY = 86_400_000;

  async function sharedWithManager() {
    const owner = await seedPerson(world.sandbox);
    const manager = await seedPerson(world.sandbox);
    const candidate = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login, [manager.login], 'Help line');
    return { owner, manager, candidate, number };
  }

  it('moves ownership once the proposed owner accepts; only they may answer', async () => {
    const { owner, manager, candidate, number } = await sharedWithManager();
    // Managers may propose a new owner.
    const request = await propose(number, manager.login, candidate.login, 14 * DAY);
    await waitingForAnswer(request);

    expect(await offer(request.id)).toMatchObject({
      number,
      proposedOwner: candidate.login,
      proposedBy: manager.login,
      outcome: null,
    });
    const offerMail = (await mailsFor(world.sandbox, `${request.id}:ownership-offered`))[0];
    expect(offerMail).toMatchObject({ to: [candidate.mail] });
    expect(offerMail.subject).toBe(`Action required: do you accept to own the shared number ${number}?`);

    // Someone else's answer is refused by the workflow and changes nothing.
    const intruder: unknown = await respond(request, owner.login, true).catch((e: unknown) => e);
    expect((intruder as { cause?: Error }).cause?.message).toBe(
      `only ${candidate.login} can answer this offer`,
    );
    expect(step(await waitingForAnswer(request), 'await-acceptance').status).toBe('RUNNING');

    await respond(request, candidate.login, true);
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('COMPLETED');
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      CHANGE_OWNER_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(await numberRow(world, number)).toMatchObject({ ownerLogin: candidate.login, state: 'ACTIVE' });
    expect(await systemsOf(world.sandbox, number)).toMatchObject({
      sharedEntry: { ownerLogin: candidate.login, description: 'Help line' },
      group: { ownerLogin: candidate.login, members: [manager.login] },
    });
    expect(await offer(request.id)).toMatchObject({ outcome: 'ACCEPTED' });
    const changed = (await mailsFor(world.sandbox, `${request.id}:ownership-changed`))[0];
    expect(changed.to.sort()).toEqual([candidate.mail, owner.mail, manager.mail].sort());
  });

  it('ends FAILED with the reason and changes nothing when the proposed owner refuses', async () => {
    const { owner, candidate, number } = await sharedWithManager();
    const since = await world.sandbox.lastEffectId();
    const request = await propose(number, owner.login, candidate.login, 14 * DAY);
    await waitingForAnswer(request);
    await respond(request, candidate.login, false);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('FAILED');
    expect(progress.failureReason).toBe(`${candidate.login} refused to own ${number}; nothing was changed.`);
    expect(step(progress, 'await-acceptance')).toMatchObject({
      status: 'FAILED',
      lastErrorType: 'OwnershipRefused',
    });
    expect(step(progress, 'set-owner').status).toBe('NOT_RUN');
    expect((await numberRow(world, number)).ownerLogin).toBe(owner.login);
    expect(await world.sandbox.effects('directory', undefined, since)).toEqual([]);
    expect(await offer(request.id)).toMatchObject({ outcome: 'REFUSED' });
    expect((await mailsFor(world.sandbox, request.id)).map((m) => m.subject)).toContain(
      `Your request for a new owner for ${number} could not be completed`,
    );
  });

  it('ends FAILED when nobody answers before the timeout', async () => {
    const { owner, candidate, number } = await sharedWithManager();
    const request = await propose(number, owner.login, candidate.login, 800);
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('FAILED');
    expect(progress.failureReason).toMatch(
      `${candidate.login} did not answer the offer to own ${number} in time`,
    );
    expect(step(progress, 'await-acceptance').lastErrorType).toBe('OwnershipOfferExpired');
    expect((await numberRow(world, number)).ownerLogin).toBe(owner.login);
    expect(await offer(request.id)).toMatchObject({ outcome: 'EXPIRED' });
    // An answer after the end is refused.
    await expect(respond(request, candidate.login, true)).rejects.toThrow();
  });

  it('refuses a proposed owner who may not own numbers before asking them anything', async () => {
    const { owner, number } = await sharedWithManager();
    const contractor = await seedPerson(world.sandbox, { personnelClass: 'EXTN', personnelSubCode: 'CONT' });
    const request = await propose(number, owner.login, contractor.login, 14 * DAY);
    const progress = await resultOf(world.client, request);
    expect(step(progress, 'verify-new-owner')).toMatchObject({
      status: 'FAILED',
      lastErrorType: 'NOT_ELIGIBLE',
    });
    expect(progress.failureReason).toMatch(
      `${contractor.login} cannot own a number: Personnel class EXTN/CONT`,
    );
    expect(await offer(request.id)).toBeNull();
    expect(await mailsFor(world.sandbox, `${request.id}:ownership-offered`)).toEqual([]);
  });

  it.each<{ stepId: string; failingActivity: string; fault: FaultSpec; undos: string[] }>([
    {
      stepId: 'update-group-owner',
      failingActivity: 'setManagersGroupOwner',
      fault: { system: 'directory', operation: 'setGroupOwner', kind: 'permanent' },
      undos: ['setManagersGroupOwner'],
    },
    {
      stepId: 'update-phonebook-entry',
      failingActivity: 'publishSharedEntry',
      fault: { system: 'directory', operation: 'publishSharedNumber', kind: 'permanent' },
      undos: ['publishSharedEntry', 'setManagersGroupOwner'],
    },
    {
      stepId: 'set-owner',
      failingActivity: 'setNumberOwner',
      fault: { system: 'inventory', operation: 'setOwner', kind: 'permanent' },
      undos: ['publishSharedEntry', 'setManagersGroupOwner'],
    },
  ])(
    'gives ownership back everywhere when $stepId fails after acceptance',
    async ({ stepId, failingActivity, fault, undos }) => {
      const { owner, candidate, number } = await sharedWithManager();
      await world.faults.inject({ ...fault, times: 1, message: `simulated refusal at ${stepId}` });
      const request = await propose(number, owner.login, candidate.login, 14 * DAY);
      await waitingForAnswer(request);
      await respond(request, candidate.login, true);
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      expect(step(progress, stepId)).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(undosAfter(await scheduledActivities(world.client, request), failingActivity)).toEqual(undos);
      expect((await numberRow(world, number)).ownerLogin).toBe(owner.login);
      expect(await systemsOf(world.sandbox, number)).toMatchObject({
        sharedEntry: { ownerLogin: owner.login },
        group: { ownerLogin: owner.login },
      });
      // The offer was accepted; the request failed afterwards.
      expect(await offer(request.id)).toMatchObject({ outcome: 'ACCEPTED' });
    },
  );

  it('moves ownership without asking when no acceptance is needed (the lifecycle), retrying a transient failure', async () => {
    const { owner, candidate, number } = await sharedWithManager();
    await world.faults.inject({
      system: 'directory',
      operation: 'setGroupOwner',
      kind: 'transient',
      times: 1,
    });
    const request = await propose(number, owner.login, candidate.login, null);
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'await-acceptance').note).toBe('no acceptance needed');
    expect(step(progress, 'update-group-owner')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect((await numberRow(world, number)).ownerLogin).toBe(candidate.login);
    expect(await offer(request.id)).toBeNull();
  });
});
