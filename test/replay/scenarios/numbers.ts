import { NumberRequestKind, NumberWorkflow, respondToOwnershipUpdate } from '../../../libs/contracts/numbers';
import type { RequestEntity } from '../../../libs/persistence/entities';
import { lockKeys } from '../../../libs/requests/resource-locks';
import type { FaultSpec } from '../../../libs/systems/sandbox/fault-injector';
import { seedPerson } from '../../support/factories';
import {
  aPersonalNumber,
  aSharedNumber,
  requestOnNumber,
  requestSharedNumber,
} from '../../support/number-helpers';
import { registerActivePhone } from '../../support/phone-fixtures';
import { waitForProgress } from '../../support/workflow-helpers';
import type { World } from '../../support/world';
import { finished, handleOf, type ReplayScenario } from './scenario';

const DAY = 86_400_000;
const inNinetyDays = () => new Date(Date.now() + 90 * DAY).toISOString();

/** A refusal at one step, once: the undos that follow succeed. */
const refuseOnce = (world: World, fault: Omit<FaultSpec, 'kind'>) =>
  world.faults.inject({ ...fault, kind: 'permanent', times: 1 });

async function personalOf(world: World) {
  const person = await seedPerson(world.sandbox);
  return { person, number: await aPersonalNumber(world, person.login) };
}

async function sharedOf(world: World, managers: string[] = []) {
  const owner = await seedPerson(world.sandbox);
  return { owner, number: await aSharedNumber(world, owner.login, managers, 'Lab 2 bench') };
}

const onNumber = (
  world: World,
  kind: keyof typeof NumberRequestKind,
  number: string,
  requester: string,
  extra: object,
  locks: string[] = [],
) =>
  requestOnNumber(world, {
    kind: NumberRequestKind[kind],
    workflowType: NumberWorkflow[kind],
    number,
    requester,
    extra,
    locks,
  });

const setListing = async (world: World, fault?: Omit<FaultSpec, 'kind'>) => {
  const { person, number } = await personalOf(world);
  if (fault) await refuseOnce(world, fault);
  return finished(
    world,
    await onNumber(world, 'SET_PHONEBOOK_LISTING', number, person.login, { listed: false }),
  );
};

const turnToShared = async (world: World, fault?: Omit<FaultSpec, 'kind'>) => {
  const { person, number } = await personalOf(world);
  const manager = await seedPerson(world.sandbox);
  if (fault) await refuseOnce(world, fault);
  const request = await onNumber(
    world,
    'TURN_TO_SHARED',
    number,
    person.login,
    { description: 'Lab 5 hotline', managers: [manager.login] },
    [lockKeys.personalNumberOf(person.login)],
  );
  return finished(world, request);
};

const deactivate = async (world: World, fault?: Omit<FaultSpec, 'kind'>) => {
  const { person, number } = await personalOf(world);
  if (fault) await refuseOnce(world, fault);
  const request = await onNumber(world, 'DEACTIVATE_NUMBER', number, person.login, {
    ownerLogin: person.login,
    reservedUntil: new Date('2031-01-01T00:00:00Z').toISOString(),
  });
  return { person, number, handle: await finished(world, request) };
};

/** A change of owner waiting for the proposed owner's answer, and a way to give it. */
async function ownershipOffer(world: World, acceptanceTimeoutMs: number) {
  const manager = await seedPerson(world.sandbox);
  const candidate = await seedPerson(world.sandbox);
  const { owner, number } = await sharedOf(world, [manager.login]);
  const request = await onNumber(world, 'CHANGE_OWNER', number, owner.login, {
    newOwner: candidate.login,
    acceptanceTimeoutMs,
  });
  const answer = async (accept: boolean) => {
    await waitForProgress(world.client, request, (p) =>
      p.steps.some((s) => s.id === 'await-acceptance' && s.status === 'RUNNING'),
    );
    await handleOf(world, request).executeUpdate(respondToOwnershipUpdate, {
      args: [{ login: candidate.login, accept }],
    });
  };
  return { request, answer };
}

const answered = async (world: World, accept: boolean) => {
  const { request, answer } = await ownershipOffer(world, 14 * DAY);
  await answer(accept);
  return finished(world, request);
};

/** Requests on numbers: new shared numbers and every change of an existing number. */
export const NUMBER_SCENARIOS: readonly ReplayScenario[] = [
  {
    workflowType: NumberWorkflow.NEW_SHARED_NUMBER,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const owner = await seedPerson(world.sandbox);
      const manager = await seedPerson(world.sandbox);
      return finished(world, await requestSharedNumber(world, owner.login, 'Lab 2 bench', [manager.login]));
    },
  },
  {
    workflowType: NumberWorkflow.NEW_SHARED_NUMBER,
    name: 'compensated',
    expectedStatus: 'FAILED',
    run: async (world) => {
      const owner = await seedPerson(world.sandbox);
      await refuseOnce(world, { system: 'pbx', operation: 'createSipAccount' });
      return finished(world, await requestSharedNumber(world, owner.login, 'Lab 2 bench'));
    },
  },
  {
    workflowType: NumberWorkflow.SET_PHONEBOOK_LISTING,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: (world) => setListing(world),
  },
  {
    workflowType: NumberWorkflow.SET_PHONEBOOK_LISTING,
    name: 'compensated',
    expectedStatus: 'FAILED',
    run: (world) => setListing(world, { system: 'inventory', operation: 'setPhonebookListed' }),
  },
  {
    workflowType: NumberWorkflow.TURN_TO_SHARED,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: (world) => turnToShared(world),
  },
  {
    workflowType: NumberWorkflow.TURN_TO_SHARED,
    name: 'compensated',
    expectedStatus: 'FAILED',
    run: (world) => turnToShared(world, { system: 'inventory', operation: 'makeShared' }),
  },
  {
    workflowType: NumberWorkflow.CHANGE_DESCRIPTION,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { owner, number } = await sharedOf(world);
      return finished(
        world,
        await onNumber(world, 'CHANGE_DESCRIPTION', number, owner.login, { description: 'Control room' }),
      );
    },
  },
  {
    workflowType: NumberWorkflow.SET_MANAGERS,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const manager = await seedPerson(world.sandbox);
      const { owner, number } = await sharedOf(world);
      return finished(
        world,
        await onNumber(world, 'SET_MANAGERS', number, owner.login, { managers: [manager.login] }),
      );
    },
  },
  {
    workflowType: NumberWorkflow.DELETE_NUMBER,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { owner, number } = await sharedOf(world);
      return finished(
        world,
        await onNumber(world, 'DELETE_NUMBER', number, owner.login, { quarantineUntil: inNinetyDays() }),
      );
    },
  },
  {
    workflowType: NumberWorkflow.DELETE_NUMBER,
    name: 'with-phone-child',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { person, number } = await personalOf(world);
      const { mac } = await registerActivePhone(world, { requester: person.login, number });
      const request = await onNumber(
        world,
        'DELETE_NUMBER',
        number,
        person.login,
        { quarantineUntil: inNinetyDays() },
        [lockKeys.mac(mac)],
      );
      return finished(world, request);
    },
  },
  {
    workflowType: NumberWorkflow.CHANGE_OWNER,
    name: 'accepted',
    expectedStatus: 'COMPLETED',
    run: (world) => answered(world, true),
  },
  {
    workflowType: NumberWorkflow.CHANGE_OWNER,
    name: 'refused',
    expectedStatus: 'FAILED',
    run: (world) => answered(world, false),
  },
  {
    workflowType: NumberWorkflow.CHANGE_OWNER,
    name: 'timed-out',
    expectedStatus: 'FAILED',
    run: async (world) => finished(world, (await ownershipOffer(world, 800)).request),
  },
  {
    workflowType: NumberWorkflow.DEACTIVATE_NUMBER,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => (await deactivate(world)).handle,
  },
  {
    workflowType: NumberWorkflow.DEACTIVATE_NUMBER,
    name: 'compensated',
    expectedStatus: 'FAILED',
    run: async (world) => (await deactivate(world, { system: 'inventory', operation: 'deactivate' })).handle,
  },
  {
    workflowType: NumberWorkflow.RESTORE_NUMBER,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { person, number } = await deactivate(world);
      const request: RequestEntity = await onNumber(world, 'RESTORE_NUMBER', number, person.login, {
        ownerLogin: person.login,
      });
      return finished(world, request);
    },
  },
];
