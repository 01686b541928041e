import { NumberRequestKind, NumberWorkflow } from '../../libs/contracts/numbers';
import type { RequestProgress } from '../../libs/contracts/progress';
import { NumberState } from '../../libs/domain/number-state';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import type { StepDefinition } from '../../workflows/kit/timeline';
import { DEACTIVATE_NUMBER_STEPS } from '../../workflows/deactivate-number.workflow';
import { RESTORE_NUMBER_STEPS } from '../../workflows/restore-number.workflow';
import { seedPerson } from '../support/factories';
import {
  aPersonalNumber,
  numberRow,
  phonebookNumbersOf,
  requestOnNumber,
  undosAfter,
} from '../support/number-helpers';
import { resultOf, scheduledActivities } from '../support/workflow-helpers';
import { World } from '../support/world';

interface FailurePoint {
  stepId: string;
  failingActivity: string;
  fault: FaultSpec;
  undos: string[];
}

/** The requests the lifecycle starts on a personal number: deactivation and restoration. */
describe('deactivate and restore a personal number (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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
  const reservedUntil = new Date('2031-01-01T00:00:00Z').toISOString();
  const deactivate = (number: string, ownerLogin: string) =>
    requestOnNumber(world, {
      kind: NumberRequestKind.DEACTIVATE_NUMBER,
      workflowType: NumberWorkflow.DEACTIVATE_NUMBER,
      number,
      requester: ownerLogin,
      extra: { ownerLogin, reservedUntil },
    });
  const restore = (number: string, ownerLogin: string) =>
    requestOnNumber(world, {
      kind: NumberRequestKind.RESTORE_NUMBER,
      workflowType: NumberWorkflow.RESTORE_NUMBER,
      number,
      requester: ownerLogin,
      extra: { ownerLogin },
    });

  async function expectFailedAndUndone(
    steps: readonly StepDefinition[],
    point: FailurePoint,
    start: () => ReturnType<typeof requestOnNumber>,
  ): Promise<void> {
    await world.faults.inject({ ...point.fault, times: 1, message: `simulated refusal at ${point.stepId}` });
    const request = await start();
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('FAILED');
    expect(step(progress, point.stepId)).toMatchObject({ status: 'FAILED', attempts: 1 });
    for (const earlier of steps.slice(
      0,
      steps.findIndex((s) => s.id === point.stepId),
    ))
      expect([earlier.id, step(progress, earlier.id).status]).toEqual([earlier.id, 'SUCCEEDED']);
    expect(undosAfter(await scheduledActivities(world.client, request), point.failingActivity)).toEqual(
      point.undos,
    );
  }

  async function activeNumber() {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    const ha1 = (await world.sandbox.get<{ ha1: string }>('pbx', number))!.ha1;
    return { person, number, ha1 };
  }

  async function deactivatedNumber() {
    const active = await activeNumber();
    expect((await resultOf(world.client, await deactivate(active.number, active.person.login))).status).toBe(
      'COMPLETED',
    );
    return active;
  }

  it('deactivates: unlisted, SIP account gone (password kept), DEACTIVATED with the reservation', async () => {
    const { person, number } = await activeNumber();
    const progress = await resultOf(world.client, await deactivate(number, person.login));
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      DEACTIVATE_NUMBER_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(await numberRow(world, number)).toMatchObject({
      state: NumberState.DEACTIVATED,
      ownerLogin: person.login,
      reservedUntil: new Date(reservedUntil),
    });
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([]);
  });

  it.each<FailurePoint>([
    {
      stepId: 'unpublish-number',
      failingActivity: 'unpublishPersonalNumber',
      fault: { system: 'directory', operation: 'unpublishPersonalNumber', kind: 'permanent' },
      undos: ['publishPersonalNumber'],
    },
    {
      stepId: 'suspend-sip-account',
      failingActivity: 'suspendSipAccount',
      fault: { system: 'pbx', operation: 'removeSipAccount', kind: 'permanent' },
      undos: ['createSipAccount', 'publishPersonalNumber'],
    },
    {
      stepId: 'deactivate-number',
      failingActivity: 'deactivateNumber',
      fault: { system: 'inventory', operation: 'deactivate', kind: 'permanent' },
      undos: ['createSipAccount', 'publishPersonalNumber'],
    },
  ])('leaves the number working when deactivation fails at $stepId', async (point) => {
    const { person, number, ha1 } = await activeNumber();
    await expectFailedAndUndone(DEACTIVATE_NUMBER_STEPS, point, () => deactivate(number, person.login));
    expect((await numberRow(world, number)).state).toBe(NumberState.ACTIVE);
    expect(await world.sandbox.get('pbx', number)).toMatchObject({ ha1 });
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([number]);
  });

  it('deactivates despite a transient PBX failure', async () => {
    const { person, number } = await activeNumber();
    await world.faults.inject({ system: 'pbx', operation: 'removeSipAccount', kind: 'transient', times: 1 });
    const progress = await resultOf(world.client, await deactivate(number, person.login));
    expect(step(progress, 'suspend-sip-account')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('restores: the same SIP password, listed again, ACTIVE', async () => {
    const { person, number, ha1 } = await deactivatedNumber();
    const progress = await resultOf(world.client, await restore(number, person.login));
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      RESTORE_NUMBER_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(await numberRow(world, number)).toMatchObject({ state: NumberState.ACTIVE, reservedUntil: null });
    expect(await world.sandbox.get('pbx', number)).toMatchObject({ ha1 });
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([number]);
  });

  it.each<FailurePoint>([
    {
      stepId: 'create-sip-account',
      failingActivity: 'createSipAccount',
      fault: { system: 'pbx', operation: 'createSipAccount', kind: 'permanent' },
      undos: ['suspendSipAccount'],
    },
    {
      stepId: 'publish-number',
      failingActivity: 'publishPersonalNumber',
      fault: { system: 'directory', operation: 'publishPersonalNumber', kind: 'permanent' },
      undos: ['unpublishPersonalNumber', 'suspendSipAccount'],
    },
    {
      stepId: 'restore-number',
      failingActivity: 'restoreNumber',
      fault: { system: 'inventory', operation: 'restore', kind: 'permanent' },
      undos: ['unpublishPersonalNumber', 'suspendSipAccount'],
    },
  ])('leaves the number deactivated when restoring fails at $stepId', async (point) => {
    const { person, number } = await deactivatedNumber();
    await expectFailedAndUndone(RESTORE_NUMBER_STEPS, point, () => restore(number, person.login));
    expect((await numberRow(world, number)).state).toBe(NumberState.DEACTIVATED);
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([]);
  });

  it('restores despite a transient directory failure, and refuses an owner who is still gone', async () => {
    const { person, number } = await deactivatedNumber();
    await world.faults.inject({
      system: 'directory',
      operation: 'publishPersonalNumber',
      kind: 'transient',
      times: 1,
    });
    const progress = await resultOf(world.client, await restore(number, person.login));
    expect(step(progress, 'publish-number')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });

    const gone = await deactivatedNumber();
    await new SandboxDirectoryDriver(world.sandbox).upsertPerson({
      ...gone.person,
      contractEnd: new Date('2020-01-31T00:00:00Z'),
    });
    const refused = await resultOf(world.client, await restore(gone.number, gone.person.login));
    expect(step(refused, 'verify-eligibility')).toMatchObject({
      status: 'FAILED',
      lastErrorType: 'NOT_ELIGIBLE',
    });
    expect((await numberRow(world, gone.number)).state).toBe(NumberState.DEACTIVATED);
  });
});
