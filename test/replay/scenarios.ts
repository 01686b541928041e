import { randomUUID } from 'node:crypto';
import { RECONCILIATION, type ReconciliationInput } from '../../libs/contracts/reconciliation';
import { REPAIR_DRIFT, type RepairDriftInput } from '../../libs/contracts/reconciliation';
import { workflowIds } from '../../libs/contracts/workflow-ids';
import { ReconciliationStore } from '../../libs/reconciliation/reconciliation-store';
import { lockKeys } from '../../libs/requests/resource-locks';
import { SandboxDhcpDriver } from '../../libs/systems/dhcp/sandbox-dhcp.driver';
import type { RequestEntity } from '../../libs/persistence/entities';
import { cancelDirectly, resolveDirectly, waitUntilParked } from '../support/desk-helpers';
import { seedPerson } from '../support/factories';
import { requestPersonalNumber, resultOf, waitForProgress } from '../support/workflow-helpers';
import type { World } from '../support/world';
import { LEGACY_SCENARIOS } from './scenarios/legacy';
import { LIFECYCLE_SCENARIOS } from './scenarios/lifecycle';
import { NUMBER_SCENARIOS } from './scenarios/numbers';
import { PHONE_SCENARIOS } from './scenarios/phones';
import { handleOf, type ReplayScenario } from './scenarios/scenario';

export type { ReplayScenario } from './scenarios/scenario';

async function personalNumber(
  world: World,
  drive: (request: RequestEntity) => Promise<void> = async () => {},
) {
  const person = await seedPerson(world.sandbox);
  const request = await requestPersonalNumber(world, person.login);
  await drive(request);
  await resultOf(world.client, request);
  return handleOf(world, request);
}

const NEW_PERSONAL_NUMBER = 'newPersonalNumberWorkflow';

/** New personal numbers, drift repairs and reconciliation. */
const CORE_SCENARIOS: readonly ReplayScenario[] = [
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: (world) => personalNumber(world),
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'compensated',
    expectedStatus: 'FAILED',
    run: async (world) => {
      await world.faults.inject({
        system: 'directory',
        operation: 'publishPersonalNumber',
        kind: 'permanent',
      });
      return personalNumber(world);
    },
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'parked-then-retried',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      await world.faults.inject({ system: 'pbx', operation: 'createSipAccount', kind: 'transient' });
      return personalNumber(world, async (request) => {
        await waitUntilParked(world.client, request);
        await world.faults.clear();
        await resolveDirectly(world.client, request, 'retry');
      });
    },
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'parked-then-skipped',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      await world.faults.inject({
        system: 'directory',
        operation: 'publishPersonalNumber',
        kind: 'transient',
      });
      return personalNumber(world, async (request) => {
        await waitUntilParked(world.client, request);
        await resolveDirectly(world.client, request, 'skip');
      });
    },
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'parked-then-compensated',
    expectedStatus: 'FAILED',
    run: async (world) => {
      await world.faults.inject({ system: 'pbx', operation: 'createSipAccount', kind: 'transient' });
      return personalNumber(world, async (request) => {
        await waitUntilParked(world.client, request);
        await resolveDirectly(world.client, request, 'compensate');
      });
    },
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'cancelled-while-parked',
    expectedStatus: 'CANCELLED',
    run: async (world) => {
      await world.faults.inject({ system: 'pbx', operation: 'createSipAccount', kind: 'transient' });
      return personalNumber(world, async (request) => {
        await waitUntilParked(world.client, request);
        await cancelDirectly(world.client, request, 'not needed', request.requester);
      });
    },
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'cancelled-mid-step',
    expectedStatus: 'CANCELLED',
    run: async (world) => {
      // The PBX call waits until released: the step is RUNNING when the cancellation arrives.
      const hold = await world.faults.inject({
        system: 'pbx',
        operation: 'createSipAccount',
        kind: 'hold',
        times: 1,
      });
      return personalNumber(world, async (request) => {
        await waitForProgress(world.client, request, (p) =>
          p.steps.some((s) => s.id === 'create-sip-account' && s.status === 'RUNNING'),
        );
        await cancelDirectly(world.client, request, 'asked by mistake', request.requester);
        await world.faults.release(hold);
      });
    },
  },
  {
    workflowType: NEW_PERSONAL_NUMBER,
    name: 'undo-parked-then-skipped',
    expectedStatus: 'FAILED',
    run: async (world) => {
      await world.faults.inject({ system: 'inventory', operation: 'activateNumber', kind: 'permanent' });
      await world.faults.inject({ system: 'pbx', operation: 'removeSipAccount', kind: 'transient' });
      return personalNumber(world, async (request) => {
        await waitUntilParked(world.client, request);
        await resolveDirectly(world.client, request, 'skip');
      });
    },
  },
  {
    workflowType: REPAIR_DRIFT,
    name: 'number',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const person = await seedPerson(world.sandbox);
      const provisioned = await requestPersonalNumber(world, person.login);
      const number = (await resultOf(world.client, provisioned)).result!.number;
      await world.sandbox.delete('pbx', number, 'test: lost SIP account');
      const request = await world.launcher().launch<RepairDriftInput>({
        kind: 'REPAIR_NUMBER',
        workflowType: REPAIR_DRIFT,
        workflowId: workflowIds.number(number),
        locks: [lockKeys.number(number)],
        requester: 'desk',
        actor: 'desk',
        subject: number,
        input: (common) => ({ ...common, target: { type: 'number', number } }),
      });
      await resultOf(world.client, request);
      return handleOf(world, request);
    },
  },
  {
    workflowType: REPAIR_DRIFT,
    name: 'phone',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const mac = `0004f2dd${randomUUID().slice(0, 4)}`;
      await new SandboxDhcpDriver(world.sandbox).reserveHost({
        mac,
        hostname: 'TELEPHONE-70999',
        bootUrl: 'http://prov/',
      });
      const request = await world.launcher().launch<RepairDriftInput>({
        kind: 'REPAIR_PHONE',
        workflowType: REPAIR_DRIFT,
        workflowId: workflowIds.phone(mac),
        locks: [lockKeys.mac(mac)],
        requester: 'desk',
        actor: 'desk',
        subject: mac,
        input: (common) => ({ ...common, target: { type: 'phone', mac } }),
      });
      await resultOf(world.client, request);
      return handleOf(world, request);
    },
  },
  {
    workflowType: RECONCILIATION,
    name: 'with-drift',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const runId = randomUUID();
      const workflowId = `reconciliation-${runId}`;
      await new ReconciliationStore(world.dataSource).createRun({ id: runId, workflowId, startedBy: 'desk' });
      await world.sandbox.put(
        'pbx',
        '79998',
        { extension: '79998', displayName: 'orphan', ha1: 'x' },
        'test: orphan',
      );
      const input: ReconciliationInput = { runId, pageSize: 5000, settings: world.config.workflow };
      const handle = await world.client.workflow.start(RECONCILIATION, {
        taskQueue: world.config.temporal.taskQueue,
        workflowId,
        args: [input],
      });
      await handle.result();
      return handle;
    },
  },
];

/**
 * Every path worth guarding, by area. A new workflow adds its scenarios here (see docs/testing.md); the replay
 * test fails while any workflow the worker registers has no recorded history.
 */
export const REPLAY_SCENARIOS: readonly ReplayScenario[] = [
  ...CORE_SCENARIOS,
  ...PHONE_SCENARIOS,
  ...NUMBER_SCENARIOS,
  ...LEGACY_SCENARIOS,
  ...LIFECYCLE_SCENARIOS,
];
