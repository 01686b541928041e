import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import {
  LifecycleWorkflow,
  lifecycleQuery,
  lifecycleWorkflowIds,
  type LifecycleState,
  type LifecycleSweepInput,
  type LifecycleSweepResult,
  type PersonalNumberLifecycleInput,
  type SharedOwnerLeavingInput,
} from '../../libs/contracts/lifecycle';
import { DEFAULT_LIFECYCLE_POLICY } from '../../libs/domain/lifecycle';
import { NumberState } from '../../libs/domain/number-state';
import { PhoneNumberEntity, RequestEntity, SipCredentialEntity } from '../../libs/persistence/entities';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { ensureLifecycleSchedule, lifecycleSweepInput } from '../../libs/temporal/lifecycle-schedule';
import { seedPerson } from '../support/factories';
import {
  aPersonalNumber,
  aSharedNumber,
  mailsFor,
  numberRow,
  phonebookNumbersOf,
  systemsOf,
} from '../support/number-helpers';
import { World } from '../support/world';

const DAY = 86_400_000;

describe('number lifecycle (real Temporal server, PostgreSQL, sandbox drivers; dates milliseconds ahead)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start();
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  const timing = () => ({ settings: world.config.workflow, checkIntervalMs: 150, lockRetryMs: 150 });
  const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

  async function setContractEnd(login: string, contractEnd: Date | null): Promise<void> {
    const directory = new SandboxDirectoryDriver(world.sandbox);
    const person = await directory.findPerson(login);
    await directory.upsertPerson({ ...person!, contractEnd });
  }

  function startLifecycle<T extends PersonalNumberLifecycleInput | SharedOwnerLeavingInput>(
    workflowType: string,
    input: T,
  ): Promise<WorkflowHandle> {
    return world.client.workflow.start(workflowType, {
      taskQueue: world.config.temporal.taskQueue,
      workflowId: lifecycleWorkflowIds.number(input.number),
      args: [input],
    });
  }

  async function waitForPhase(handle: WorkflowHandle, phases: string[]): Promise<LifecycleState> {
    const deadline = Date.now() + 30_000;
    let last: LifecycleState | undefined;
    while (Date.now() < deadline) {
      last = await handle.query(lifecycleQuery).catch(() => undefined);
      if (last && phases.includes(last.phase)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`lifecycle stayed in ${last?.phase}`);
  }

  const requestRow = (id: string) => world.dataSource.getRepository(RequestEntity).findOneByOrFail({ id });

  it('deactivates a personal number after the contract ended, deletes it after the reservation, then frees it', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    const password = await world.dataSource.getRepository(SipCredentialEntity).findOneByOrFail({ number });
    await setContractEnd(person.login, new Date(Date.now() - 2 * DAY));
    const deleteAt = at(2500);
    const handle = await startLifecycle(LifecycleWorkflow.PERSONAL_NUMBER, {
      ...timing(),
      number,
      ownerLogin: person.login,
      deactivateAt: at(300),
      deleteAt,
      quarantineUntil: at(4000),
    });

    const reserved = await waitForPhase(handle, ['RESERVED']);
    expect(Date.parse(reserved.nextAt!)).toBeGreaterThanOrEqual(Date.parse(deleteAt));
    const deactivation = await requestRow(reserved.requests[0].requestId);
    expect(deactivation).toMatchObject({
      kind: 'DEACTIVATE_NUMBER',
      status: 'COMPLETED',
      requester: person.login,
      actor: 'lifecycle',
    });
    const row = await numberRow(world, number);
    expect(row).toMatchObject({ state: NumberState.DEACTIVATED, ownerLogin: person.login });
    expect(row.reservedUntil!.getTime()).toBe(Date.parse(reserved.nextAt!));
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([]);
    // The password stays in the vault while the number is kept for its owner.
    expect(await world.dataSource.getRepository(SipCredentialEntity).findOneBy({ number })).toMatchObject({
      sealedPassword: password.sealedPassword,
    });

    const quarantined = await waitForPhase(handle, ['QUARANTINED', 'ENDED']);
    expect(quarantined.requests.map((r) => [r.kind, r.status])).toEqual([
      ['DEACTIVATE_NUMBER', 'COMPLETED'],
      ['DELETE_NUMBER', 'COMPLETED'],
    ]);
    expect(await handle.result()).toBe('AVAILABLE');
    expect(await numberRow(world, number)).toMatchObject({
      state: NumberState.AVAILABLE,
      ownerLogin: null,
      quarantineUntil: null,
    });
    expect(await world.dataSource.getRepository(SipCredentialEntity).findOneBy({ number })).toBeNull();
  });

  it('restores a deactivated number when its owner comes back (contract extended), with the same password', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    const ha1 = (await world.sandbox.get<{ ha1: string }>('pbx', number))!.ha1;
    await setContractEnd(person.login, new Date(Date.now() - 2 * DAY));
    const handle = await startLifecycle(LifecycleWorkflow.PERSONAL_NUMBER, {
      ...timing(),
      number,
      ownerLogin: person.login,
      deactivateAt: at(200),
      deleteAt: at(60_000),
      quarantineUntil: at(90_000),
    });
    await waitForPhase(handle, ['RESERVED']);
    expect((await numberRow(world, number)).state).toBe(NumberState.DEACTIVATED);

    await setContractEnd(person.login, new Date(Date.now() + 365 * DAY));
    expect(await handle.result()).toBe('RESTORED');
    const state = await handle.query(lifecycleQuery);
    expect(state.requests.map((r) => [r.kind, r.status])).toEqual([
      ['DEACTIVATE_NUMBER', 'COMPLETED'],
      ['RESTORE_NUMBER', 'COMPLETED'],
    ]);
    expect(await numberRow(world, number)).toMatchObject({ state: NumberState.ACTIVE, reservedUntil: null });
    expect(await world.sandbox.get('pbx', number)).toMatchObject({ ha1 });
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([number]);
    expect((await mailsFor(world.sandbox, state.requests[1].requestId)).map((m) => m.subject)).toEqual([
      `Your request for your number ${number} is complete`,
    ]);
  });

  it('does nothing when the contract was extended before the deactivation date', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    await setContractEnd(person.login, new Date(Date.now() - 2 * DAY));
    const handle = await startLifecycle(LifecycleWorkflow.PERSONAL_NUMBER, {
      ...timing(),
      number,
      ownerLogin: person.login,
      deactivateAt: at(1500),
      deleteAt: at(60_000),
      quarantineUntil: at(90_000),
    });
    await setContractEnd(person.login, null);
    expect(await handle.result()).toBe('OWNER_STAYED');
    expect((await handle.query(lifecycleQuery)).requests).toEqual([]);
    expect((await numberRow(world, number)).state).toBe(NumberState.ACTIVE);
  });

  it('reminds a leaving owner and the e-group on each date, then moves ownership to the supervisor', async () => {
    const supervisor = await seedPerson(world.sandbox);
    const owner = await seedPerson(world.sandbox, { supervisorLogin: supervisor.login });
    const manager = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login, [manager.login], 'Cryo lab');
    const contractEnd = new Date(Date.now() + 5 * DAY);
    await setContractEnd(owner.login, contractEnd);
    const handle = await startLifecycle(LifecycleWorkflow.SHARED_OWNER_LEAVING, {
      ...timing(),
      number,
      ownerLogin: owner.login,
      contractEnd: contractEnd.toISOString(),
      reminders: [at(200), at(500), at(800)],
      transferAt: at(1200),
    });

    expect(await handle.result()).toBe('TRANSFERRED');
    const state = await handle.query(lifecycleQuery);
    expect(state.remindersSent).toHaveLength(3);
    const reminders = await mailsFor(world.sandbox, `${lifecycleWorkflowIds.number(number)}:`);
    expect(reminders).toHaveLength(3);
    for (const mail of reminders) {
      expect(mail).toMatchObject({
        subject: `The owner of the shared number ${number} leaves on ${contractEnd.toISOString().slice(0, 10)}`,
        to: [owner.mail],
        cc: [manager.mail],
      });
    }
    expect(state.requests.map((r) => [r.kind, r.status])).toEqual([['CHANGE_OWNER', 'COMPLETED']]);
    expect(await numberRow(world, number)).toMatchObject({ ownerLogin: supervisor.login, state: 'ACTIVE' });
    expect(await systemsOf(world.sandbox, number)).toMatchObject({
      sharedEntry: { ownerLogin: supervisor.login },
      group: { ownerLogin: supervisor.login, members: [manager.login] },
    });
  });

  it('stops reminding when the owner has handed the number over in the meantime', async () => {
    const owner = await seedPerson(world.sandbox, { supervisorLogin: 'nobody' });
    const other = await seedPerson(world.sandbox);
    const number = await aSharedNumber(world, owner.login);
    const contractEnd = new Date(Date.now() + 5 * DAY);
    await setContractEnd(owner.login, contractEnd);
    await world.dataSource.getRepository(PhoneNumberEntity).update({ number }, { ownerLogin: other.login });
    const handle = await startLifecycle(LifecycleWorkflow.SHARED_OWNER_LEAVING, {
      ...timing(),
      number,
      ownerLogin: owner.login,
      contractEnd: contractEnd.toISOString(),
      reminders: [at(100)],
      transferAt: at(400),
    });
    expect(await handle.result()).toBe('OWNER_CHANGED');
    expect(await mailsFor(world.sandbox, `${lifecycleWorkflowIds.number(number)}:`)).toEqual([]);
  });

  describe('the nightly sweep', () => {
    const sweepInput = (): LifecycleSweepInput => ({
      policy: DEFAULT_LIFECYCLE_POLICY,
      ...timing(),
      checkIntervalMs: 60_000,
    });
    const runSweep = (input: LifecycleSweepInput) =>
      world.client.workflow.execute(LifecycleWorkflow.SWEEP, {
        taskQueue: world.config.temporal.taskQueue,
        workflowId: `sweep-${randomUUID()}`,
        args: [input],
      }) as Promise<LifecycleSweepResult>;

    it('releases ended quarantines and starts one lifecycle per leaving owner, once', async () => {
      const leaver = await seedPerson(world.sandbox);
      const personal = await aPersonalNumber(world, leaver.login);
      // Ended 30 days ago: the deactivation date is past, so the lifecycle deactivates at once.
      await setContractEnd(leaver.login, new Date(Date.now() - 30 * DAY));
      const sharedOwner = await seedPerson(world.sandbox);
      const shared = await aSharedNumber(world, sharedOwner.login);
      await setContractEnd(sharedOwner.login, new Date(Date.now() + 10 * DAY));
      const stayer = await seedPerson(world.sandbox);
      const untouched = await aPersonalNumber(world, stayer.login);
      const quarantined = (
        await world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number: '65999' })
      ).number;
      await world.dataSource
        .getRepository(PhoneNumberEntity)
        .update(
          { number: quarantined },
          { state: NumberState.QUARANTINED, quarantineUntil: new Date(Date.now() - 1000) },
        );

      const first = await runSweep(sweepInput());
      expect(first.releasedFromQuarantine).toContain(quarantined);
      expect(first.started).toEqual(expect.arrayContaining([personal, shared]));
      expect(first.started).not.toContain(untouched);
      expect((await numberRow(world, quarantined)).state).toBe(NumberState.AVAILABLE);

      const personalLife = world.client.workflow.getHandle(lifecycleWorkflowIds.number(personal));
      const reserved = await waitForPhase(personalLife, ['RESERVED']);
      // Deactivated 23 days late: the six months of reservation count from the actual deactivation.
      const reservedFor = (Date.parse(reserved.nextAt!) - Date.now()) / DAY;
      expect(reservedFor).toBeGreaterThan(180);
      expect(reservedFor).toBeLessThan(185);
      expect((await numberRow(world, personal)).state).toBe(NumberState.DEACTIVATED);

      const sharedLife = world.client.workflow.getHandle(lifecycleWorkflowIds.number(shared));
      const reminding = await waitForPhase(sharedLife, ['REMINDING']);
      // 10 days ahead: only the 7-days-before reminder is still to come.
      expect(reminding.nextAt).toBe(
        new Date(Date.UTC(...utcParts(new Date(Date.now() + 10 * DAY))) - 7 * DAY).toISOString(),
      );

      const second = await runSweep(sweepInput());
      expect(second.alreadyRunning).toEqual(expect.arrayContaining([personal, shared]));
      expect(second.started).not.toContain(personal);
      expect(second.started).not.toContain(shared);

      for (const handle of [personalLife, sharedLife]) await handle.terminate('test over');
    });

    it('is a Temporal Schedule, created once and updated on the next start, that runs the sweep', async () => {
      expect(await ensureLifecycleSchedule(world.client, world.config)).toBe('created');
      expect(await ensureLifecycleSchedule(world.client, world.config)).toBe('updated');
      const handle = world.client.schedule.getHandle(
        lifecycleWorkflowIds.schedule(world.config.temporal.taskQueue),
      );
      try {
        const description = await handle.describe();
        // Temporal turns the cron expression into a calendar: 02:30 UTC every day by default.
        expect(description.spec.calendars).toEqual([
          expect.objectContaining({
            hour: [{ start: 2, end: 2, step: 1 }],
            minute: [{ start: 30, end: 30, step: 1 }],
          }),
        ]);
        expect(description.action).toMatchObject({
          type: 'startWorkflow',
          workflowType: LifecycleWorkflow.SWEEP,
          taskQueue: world.config.temporal.taskQueue,
          args: [lifecycleSweepInput(world.config)],
        });
        await handle.trigger();
        const deadline = Date.now() + 20_000;
        let recent = (await handle.describe()).info.recentActions;
        while (recent.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          recent = (await handle.describe()).info.recentActions;
        }
        const run = recent[0].action.workflow;
        const result = (await world.client.workflow
          .getHandle(run.workflowId, run.firstExecutionRunId)
          .result()) as LifecycleSweepResult;
        expect(result).toEqual(
          expect.objectContaining({ releasedFromQuarantine: expect.any(Array), started: expect.any(Array) }),
        );
        for (const number of result.started)
          await world.client.workflow.getHandle(lifecycleWorkflowIds.number(number)).terminate('test over');
      } finally {
        await handle.delete();
      }
    });
  });
});

function utcParts(date: Date): [number, number, number] {
  return [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
}
