import { NumberRequestKind, NumberWorkflow } from '../../libs/contracts/numbers';
import type { RequestProgress } from '../../libs/contracts/progress';
import { lockKeys, ResourceLocks } from '../../libs/requests/resource-locks';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import type { StepDefinition } from '../../workflows/kit/timeline';
import { CHANGE_DESCRIPTION_STEPS } from '../../workflows/change-description.workflow';
import { SET_MANAGERS_STEPS } from '../../workflows/set-managers.workflow';
import { SET_PHONEBOOK_LISTING_STEPS } from '../../workflows/set-phonebook-listing.workflow';
import { TURN_TO_SHARED_STEPS } from '../../workflows/turn-to-shared.workflow';
import { seedPerson } from '../support/factories';
import {
  aPersonalNumber,
  aSharedNumber,
  mailsFor,
  numberRow,
  phonebookNumbersOf,
  requestOnNumber,
  systemsOf,
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

describe('actions on numbers (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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

  /** Runs the request, with the fault armed (once), and checks the failure and the undo order. */
  async function expectUndone(
    steps: readonly StepDefinition[],
    point: FailurePoint,
    start: () => ReturnType<typeof requestOnNumber>,
  ): Promise<RequestProgress> {
    await world.faults.inject({ ...point.fault, times: 1, message: `simulated refusal at ${point.stepId}` });
    const request = await start();
    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('FAILED');
    expect(step(progress, point.stepId)).toMatchObject({ status: 'FAILED', attempts: 1 });
    const index = steps.findIndex((s) => s.id === point.stepId);
    for (const earlier of steps.slice(0, index)) {
      expect([earlier.id, step(progress, earlier.id).status]).toEqual([earlier.id, 'SUCCEEDED']);
      expect(['NONE', 'DONE']).toContain(step(progress, earlier.id).undo);
    }
    expect(undosAfter(await scheduledActivities(world.client, request), point.failingActivity)).toEqual(
      point.undos,
    );
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
    return progress;
  }

  describe('phonebook listing', () => {
    const setListing = (number: string, requester: string, listed: boolean) =>
      requestOnNumber(world, {
        kind: NumberRequestKind.SET_PHONEBOOK_LISTING,
        workflowType: NumberWorkflow.SET_PHONEBOOK_LISTING,
        number,
        requester,
        extra: { listed },
      });

    it('removes a personal number from the phonebook and adds it back', async () => {
      const person = await seedPerson(world.sandbox);
      const number = await aPersonalNumber(world, person.login);

      const off = await resultOf(world.client, await setListing(number, person.login, false));
      expect(off.status).toBe('COMPLETED');
      expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([]);
      expect(await numberRow(world, number)).toMatchObject({ inPhonebook: false, state: 'ACTIVE' });

      const on = await resultOf(world.client, await setListing(number, person.login, true));
      expect(on.steps.map((s) => s.status)).toEqual(SET_PHONEBOOK_LISTING_STEPS.map(() => 'SUCCEEDED'));
      expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([number]);
      expect(await numberRow(world, number)).toMatchObject({ inPhonebook: true });
    });

    it('unlists and relists a shared number under its description', async () => {
      const owner = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [], 'Control room');
      expect((await resultOf(world.client, await setListing(number, owner.login, false))).status).toBe(
        'COMPLETED',
      );
      expect((await systemsOf(world.sandbox, number)).sharedEntry).toBeNull();
      expect((await resultOf(world.client, await setListing(number, owner.login, true))).status).toBe(
        'COMPLETED',
      );
      expect((await systemsOf(world.sandbox, number)).sharedEntry).toMatchObject({
        description: 'Control room',
        ownerLogin: owner.login,
      });
    });

    it.each<FailurePoint>([
      {
        stepId: 'load-number',
        failingActivity: 'loadNumber',
        fault: { system: 'inventory', operation: 'findNumber', kind: 'permanent' },
        undos: [],
      },
      {
        stepId: 'update-phonebook',
        failingActivity: 'unpublishPersonalNumber',
        fault: { system: 'directory', operation: 'unpublishPersonalNumber', kind: 'permanent' },
        undos: ['publishPersonalNumber'],
      },
      {
        stepId: 'set-phonebook-flag',
        failingActivity: 'setNumberPhonebookListed',
        fault: { system: 'inventory', operation: 'setPhonebookListed', kind: 'permanent' },
        undos: ['publishPersonalNumber'],
      },
    ])('puts the entry back when $stepId fails permanently', async (point) => {
      const person = await seedPerson(world.sandbox);
      const number = await aPersonalNumber(world, person.login);
      await expectUndone(SET_PHONEBOOK_LISTING_STEPS, point, () => setListing(number, person.login, false));
      expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([number]);
      expect(await numberRow(world, number)).toMatchObject({ inPhonebook: true, state: 'ACTIVE' });
    });

    it('refuses a number that is not active, changing nothing', async () => {
      const person = await seedPerson(world.sandbox);
      const number = await aPersonalNumber(world, person.login);
      await world.dataSource.query(`UPDATE phone_numbers SET state = 'DEACTIVATED' WHERE number = $1`, [
        number,
      ]);
      const progress = await resultOf(world.client, await setListing(number, person.login, false));
      expect(progress.status).toBe('FAILED');
      expect(step(progress, 'load-number')).toMatchObject({
        status: 'FAILED',
        lastErrorType: 'INVALID_STATE',
      });
      expect(await phonebookNumbersOf(world.sandbox, person.login)).toEqual([number]);
    });
  });

  describe('turn to shared', () => {
    const turn = (number: string, requester: string, managers: string[]) =>
      requestOnNumber(world, {
        kind: NumberRequestKind.TURN_TO_SHARED,
        workflowType: NumberWorkflow.TURN_TO_SHARED,
        number,
        requester,
        extra: { description: 'Lab 5 hotline', managers },
        locks: [lockKeys.personalNumberOf(requester)],
      });

    it('keeps the line and makes the number shared: e-group, shared entry, display name, inventory', async () => {
      const owner = await seedPerson(world.sandbox);
      const manager = await seedPerson(world.sandbox);
      const number = await aPersonalNumber(world, owner.login);
      const since = await world.sandbox.lastEffectId();
      const request = await turn(number, owner.login, [manager.login]);
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('COMPLETED');
      expect(progress.steps.map((s) => s.status)).toEqual(TURN_TO_SHARED_STEPS.map(() => 'SUCCEEDED'));
      expect(await numberRow(world, number)).toMatchObject({
        type: 'SHARED',
        state: 'ACTIVE',
        ownerLogin: owner.login,
        description: 'Lab 5 hotline',
        managersGroup: `phone-mngr-${number}`,
      });
      expect(await systemsOf(world.sandbox, number)).toEqual({
        pbx: expect.objectContaining({ displayName: 'Lab 5 hotline' }),
        sharedEntry: expect.objectContaining({ description: 'Lab 5 hotline', ownerLogin: owner.login }),
        group: expect.objectContaining({ ownerLogin: owner.login, members: [manager.login] }),
      });
      expect(await phonebookNumbersOf(world.sandbox, owner.login)).toEqual([]);
      // The line survives: the SIP account was renamed, never removed or re-created.
      expect((await world.sandbox.effects('pbx', number, since)).map((e) => e.operation)).toEqual([
        'setDisplayName',
      ]);
      expect((await mailsFor(world.sandbox, request.id)).map((m) => [m.to, m.cc])).toEqual([
        [[owner.mail], [manager.mail]],
      ]);
    });

    it.each<FailurePoint>([
      {
        stepId: 'create-managers-group',
        failingActivity: 'createManagersGroup',
        fault: { system: 'directory', operation: 'createGroup', kind: 'permanent' },
        undos: ['deleteManagersGroup'],
      },
      {
        stepId: 'unpublish-personal-entry',
        failingActivity: 'unpublishPersonalNumber',
        fault: { system: 'directory', operation: 'unpublishPersonalNumber', kind: 'permanent' },
        undos: ['publishPersonalNumber', 'deleteManagersGroup'],
      },
      {
        stepId: 'publish-shared-entry',
        failingActivity: 'publishSharedEntry',
        fault: { system: 'directory', operation: 'publishSharedNumber', kind: 'permanent' },
        undos: ['unpublishSharedEntry', 'publishPersonalNumber', 'deleteManagersGroup'],
      },
      {
        stepId: 'rename-sip-account',
        failingActivity: 'setSipDisplayName',
        fault: { system: 'pbx', operation: 'setDisplayName', kind: 'permanent' },
        undos: ['setSipDisplayName', 'unpublishSharedEntry', 'publishPersonalNumber', 'deleteManagersGroup'],
      },
      {
        stepId: 'make-shared',
        failingActivity: 'makeNumberShared',
        fault: { system: 'inventory', operation: 'makeShared', kind: 'permanent' },
        undos: ['setSipDisplayName', 'unpublishSharedEntry', 'publishPersonalNumber', 'deleteManagersGroup'],
      },
    ])('leaves a working personal number when $stepId fails permanently', async (point) => {
      const owner = await seedPerson(world.sandbox);
      const number = await aPersonalNumber(world, owner.login);
      await expectUndone(TURN_TO_SHARED_STEPS, point, () => turn(number, owner.login, []));
      expect(await numberRow(world, number)).toMatchObject({
        type: 'PERSONAL',
        state: 'ACTIVE',
        description: null,
      });
      expect(await systemsOf(world.sandbox, number)).toEqual({
        pbx: expect.objectContaining({ displayName: owner.displayName }),
        sharedEntry: null,
        group: null,
      });
      expect(await phonebookNumbersOf(world.sandbox, owner.login)).toEqual([number]);
    });

    it('recovers from a transient PBX failure', async () => {
      const owner = await seedPerson(world.sandbox);
      const number = await aPersonalNumber(world, owner.login);
      await world.faults.inject({ system: 'pbx', operation: 'setDisplayName', kind: 'transient', times: 1 });
      const progress = await resultOf(world.client, await turn(number, owner.login, []));
      expect(progress.status).toBe('COMPLETED');
      expect(step(progress, 'rename-sip-account')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect((await numberRow(world, number)).type).toBe('SHARED');
    });

    it('refuses a number that is not personal or not the requester’s', async () => {
      const owner = await seedPerson(world.sandbox);
      const other = await seedPerson(world.sandbox);
      const shared = await aSharedNumber(world, owner.login);
      const alreadyShared = await resultOf(world.client, await turn(shared, owner.login, []));
      expect(step(alreadyShared, 'load-number')).toMatchObject({
        status: 'FAILED',
        lastErrorType: 'INVALID_STATE',
      });
      const personal = await aPersonalNumber(world, owner.login);
      const notTheirs = await resultOf(world.client, await turn(personal, other.login, []));
      expect(step(notTheirs, 'load-number')).toMatchObject({ status: 'FAILED', lastErrorType: 'NOT_OWNER' });
      expect((await numberRow(world, personal)).type).toBe('PERSONAL');
    });
  });

  describe('change description', () => {
    const change = (number: string, requester: string, description: string) =>
      requestOnNumber(world, {
        kind: NumberRequestKind.CHANGE_DESCRIPTION,
        workflowType: NumberWorkflow.CHANGE_DESCRIPTION,
        number,
        requester,
        extra: { description },
      });

    it('shows the new description in the phonebook, on the PBX and in the inventory', async () => {
      const owner = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [], 'Old text');
      const progress = await resultOf(world.client, await change(number, owner.login, 'New text'));
      expect(progress.steps.map((s) => s.status)).toEqual(CHANGE_DESCRIPTION_STEPS.map(() => 'SUCCEEDED'));
      expect(await systemsOf(world.sandbox, number)).toMatchObject({
        pbx: { displayName: 'New text' },
        sharedEntry: { description: 'New text' },
      });
      expect((await numberRow(world, number)).description).toBe('New text');
    });

    it.each<FailurePoint>([
      {
        stepId: 'update-phonebook-entry',
        failingActivity: 'publishSharedEntry',
        fault: { system: 'directory', operation: 'publishSharedNumber', kind: 'permanent' },
        undos: ['publishSharedEntry'],
      },
      {
        stepId: 'rename-sip-account',
        failingActivity: 'setSipDisplayName',
        fault: { system: 'pbx', operation: 'setDisplayName', kind: 'permanent' },
        undos: ['setSipDisplayName', 'publishSharedEntry'],
      },
      {
        stepId: 'set-description',
        failingActivity: 'setNumberDescription',
        fault: { system: 'inventory', operation: 'setDescription', kind: 'permanent' },
        undos: ['setSipDisplayName', 'publishSharedEntry'],
      },
    ])('puts the old description back everywhere when $stepId fails permanently', async (point) => {
      const owner = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [], 'Old text');
      await expectUndone(CHANGE_DESCRIPTION_STEPS, point, () => change(number, owner.login, 'New text'));
      expect(await systemsOf(world.sandbox, number)).toMatchObject({
        pbx: { displayName: 'Old text' },
        sharedEntry: { description: 'Old text' },
      });
      expect((await numberRow(world, number)).description).toBe('Old text');
    });

    it('recovers from a transient directory failure', async () => {
      const owner = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [], 'Old text');
      await world.faults.inject({
        system: 'directory',
        operation: 'publishSharedNumber',
        kind: 'transient',
        times: 1,
      });
      const progress = await resultOf(world.client, await change(number, owner.login, 'New text'));
      expect(step(progress, 'update-phonebook-entry')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect((await systemsOf(world.sandbox, number)).sharedEntry?.description).toBe('New text');
    });
  });

  describe('managers e-group', () => {
    const setManagers = (number: string, requester: string, managers: string[]) =>
      requestOnNumber(world, {
        kind: NumberRequestKind.SET_MANAGERS,
        workflowType: NumberWorkflow.SET_MANAGERS,
        number,
        requester,
        extra: { managers },
      });

    it('replaces the members of the e-group', async () => {
      const owner = await seedPerson(world.sandbox);
      const [a, b] = [await seedPerson(world.sandbox), await seedPerson(world.sandbox)];
      const number = await aSharedNumber(world, owner.login, [a.login]);
      const progress = await resultOf(world.client, await setManagers(number, owner.login, [b.login]));
      expect(progress.steps.map((s) => s.status)).toEqual(SET_MANAGERS_STEPS.map(() => 'SUCCEEDED'));
      expect((await systemsOf(world.sandbox, number)).group?.members).toEqual([b.login]);
      expect((await numberRow(world, number)).managersGroup).toBe(`phone-mngr-${number}`);
    });

    it('creates the e-group of a shared number that had none', async () => {
      const owner = await seedPerson(world.sandbox);
      const a = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login);
      await world.sandbox.delete('directory', `group:phone-mngr-${number}`, 'test');
      const progress = await resultOf(world.client, await setManagers(number, owner.login, [a.login]));
      expect(progress.status).toBe('COMPLETED');
      expect((await systemsOf(world.sandbox, number)).group).toMatchObject({
        ownerLogin: owner.login,
        members: [a.login],
      });
    });

    it.each<FailurePoint>([
      {
        stepId: 'update-managers-group',
        failingActivity: 'setManagersGroupMembers',
        fault: { system: 'directory', operation: 'setGroupMembers', kind: 'permanent' },
        undos: ['setManagersGroupMembers'],
      },
      {
        stepId: 'set-managers-group',
        failingActivity: 'setNumberManagersGroup',
        fault: { system: 'inventory', operation: 'setManagersGroup', kind: 'permanent' },
        undos: ['setManagersGroupMembers'],
      },
    ])('puts the previous members back when $stepId fails permanently', async (point) => {
      const owner = await seedPerson(world.sandbox);
      const [a, b] = [await seedPerson(world.sandbox), await seedPerson(world.sandbox)];
      const number = await aSharedNumber(world, owner.login, [a.login]);
      await expectUndone(SET_MANAGERS_STEPS, point, () => setManagers(number, owner.login, [b.login]));
      expect((await systemsOf(world.sandbox, number)).group?.members).toEqual([a.login]);
    });

    it('refuses unknown managers by name', async () => {
      const owner = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login);
      const progress = await resultOf(world.client, await setManagers(number, owner.login, ['nosuchperson']));
      expect(progress.failureReason).toMatch(/no person nosuchperson/);
    });
  });
});
