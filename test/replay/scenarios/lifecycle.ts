import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import {
  LifecycleWorkflow,
  lifecycleWorkflowIds,
  type LifecycleSweepInput,
  type LifecycleSweepResult,
  type PersonalNumberLifecycleInput,
  type SharedOwnerLeavingInput,
} from '../../../libs/contracts/lifecycle';
import { DEFAULT_LIFECYCLE_POLICY } from '../../../libs/domain/lifecycle';
import { NumberState } from '../../../libs/domain/number-state';
import { PhoneNumberEntity } from '../../../libs/persistence/entities';
import { SandboxDirectoryDriver } from '../../../libs/systems/directory/sandbox-directory.driver';
import { seedPerson } from '../../support/factories';
import { aPersonalNumber, aSharedNumber } from '../../support/number-helpers';
import type { World } from '../../support/world';
import type { ReplayScenario } from './scenario';

const DAY = 86_400_000;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const timing = (world: World) => ({
  settings: world.config.workflow,
  checkIntervalMs: 150,
  lockRetryMs: 150,
});

async function setContractEnd(world: World, login: string, contractEnd: Date | null): Promise<void> {
  const directory = new SandboxDirectoryDriver(world.sandbox);
  const person = await directory.findPerson(login);
  await directory.upsertPerson({ ...person!, contractEnd });
}

function startLifecycle(
  world: World,
  workflowType: string,
  input: PersonalNumberLifecycleInput | SharedOwnerLeavingInput,
): Promise<WorkflowHandle> {
  return world.client.workflow.start(workflowType, {
    taskQueue: world.config.temporal.taskQueue,
    workflowId: lifecycleWorkflowIds.number(input.number),
    args: [input],
  });
}

/** A personal number whose owner's contract ended two days ago, and its lifecycle with dates ahead. */
async function leavingPersonal(world: World, deleteInMs: number) {
  const person = await seedPerson(world.sandbox);
  const number = await aPersonalNumber(world, person.login);
  await setContractEnd(world, person.login, new Date(Date.now() - 2 * DAY));
  const handle = await startLifecycle(world, LifecycleWorkflow.PERSONAL_NUMBER, {
    ...timing(world),
    number,
    ownerLogin: person.login,
    deactivateAt: at(300),
    deleteAt: at(deleteInMs),
    quarantineUntil: at(deleteInMs + 1500),
  });
  return { person, number, handle };
}

/** Polls until the number reaches the state (the lifecycle's own requests put it there). */
async function waitForState(world: World, number: string, state: NumberState): Promise<void> {
  const deadline = Date.now() + 30_000;
  const numbers = world.dataSource.getRepository(PhoneNumberEntity);
  while ((await numbers.findOneByOrFail({ number })).state !== state) {
    if (Date.now() > deadline) throw new Error(`${number} never became ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The number lifecycle: leaving owners' personal and shared numbers, and the nightly sweep. */
export const LIFECYCLE_SCENARIOS: readonly ReplayScenario[] = [
  {
    workflowType: LifecycleWorkflow.PERSONAL_NUMBER,
    name: 'deactivated-deleted-freed',
    expectedStatus: 'AVAILABLE',
    run: async (world) => {
      const { handle } = await leavingPersonal(world, 2500);
      await handle.result();
      return handle;
    },
  },
  {
    workflowType: LifecycleWorkflow.PERSONAL_NUMBER,
    name: 'restored',
    expectedStatus: 'RESTORED',
    run: async (world) => {
      const { person, number, handle } = await leavingPersonal(world, 60_000);
      await waitForState(world, number, NumberState.DEACTIVATED);
      await setContractEnd(world, person.login, new Date(Date.now() + 365 * DAY));
      await handle.result();
      return handle;
    },
  },
  {
    workflowType: LifecycleWorkflow.SHARED_OWNER_LEAVING,
    name: 'reminded-then-transferred',
    expectedStatus: 'TRANSFERRED',
    run: async (world) => {
      const supervisor = await seedPerson(world.sandbox);
      const owner = await seedPerson(world.sandbox, { supervisorLogin: supervisor.login });
      const manager = await seedPerson(world.sandbox);
      const number = await aSharedNumber(world, owner.login, [manager.login], 'Cryo lab');
      const contractEnd = new Date(Date.now() + 5 * DAY);
      await setContractEnd(world, owner.login, contractEnd);
      const handle = await startLifecycle(world, LifecycleWorkflow.SHARED_OWNER_LEAVING, {
        ...timing(world),
        number,
        ownerLogin: owner.login,
        contractEnd: contractEnd.toISOString(),
        reminders: [at(200), at(500)],
        transferAt: at(900),
      });
      await handle.result();
      return handle;
    },
  },
  {
    workflowType: LifecycleWorkflow.SWEEP,
    name: 'releases-and-starts',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const leaver = await seedPerson(world.sandbox);
      await aPersonalNumber(world, leaver.login);
      await setContractEnd(world, leaver.login, new Date(Date.now() - 30 * DAY));
      const numbers = world.dataSource.getRepository(PhoneNumberEntity);
      const free = await numbers.findOneByOrFail({ state: NumberState.AVAILABLE });
      await numbers.update(
        { number: free.number },
        { state: NumberState.QUARANTINED, quarantineUntil: new Date(Date.now() - 1000) },
      );
      const input: LifecycleSweepInput = {
        policy: DEFAULT_LIFECYCLE_POLICY,
        ...timing(world),
        checkIntervalMs: 60_000,
      };
      const handle = await world.client.workflow.start(LifecycleWorkflow.SWEEP, {
        taskQueue: world.config.temporal.taskQueue,
        workflowId: `sweep-${randomUUID()}`,
        args: [input],
      });
      const result = (await handle.result()) as LifecycleSweepResult;
      if (result.started.length === 0 || !result.releasedFromQuarantine.includes(free.number))
        throw new Error(`the sweep did not do its work: ${JSON.stringify(result)}`);
      // The lifecycles it started wait months in real time: they are not part of this recording.
      for (const number of result.started)
        await world.client.workflow.getHandle(lifecycleWorkflowIds.number(number)).terminate('recorded');
      return handle;
    },
  },
];
