import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createReconciliationActivities } from '../../../activities/reconciliation.activities';
import { managersGroupOf } from '../../../libs/contracts/numbers';
import {
  RECONCILED_SYSTEMS,
  type ScanPageResult,
  type ScanPass,
} from '../../../libs/contracts/reconciliation';
import type { StepOutcome } from '../../../libs/contracts/step-outcome';
import { NumberState } from '../../../libs/domain/number-state';
import { PhoneNumberEntity, ProvisioningConfigEntity } from '../../../libs/persistence/entities';
import type { DriftFinding } from '../../../libs/reconciliation/compare';
import { phoneDeviceName } from '../../../libs/domain/phone-registration';
import type { World } from '../../support/world';

/** One way the systems disagree with what the inventory (or a parked request) says. */
export interface Violation {
  resource: string;
  message: string;
}

/**
 * Scans every reconciled system in both directions with the reconciliation workflow's own scan
 * activity (the project's Reconciler), in a throw-away run, and returns what it found. Resources a
 * request still holds (parked ones) are not judged by it; see `parkedViolations`.
 */
export async function reconciliationFindings(world: World, pageSize = 200): Promise<DriftFinding[]> {
  const deps = world.deps;
  const runId = randomUUID();
  await deps.reconciliationStore.createRun({
    id: runId,
    workflowId: `reliability-${runId}`,
    startedBy: 'test',
  });
  // The reconciliation workflow's own scan activity, run outside a worker.
  const { scanReconciliationPage } = createReconciliationActivities(deps);
  const activity = new MockActivityEnvironment();
  for (const system of RECONCILED_SYSTEMS) {
    for (const pass of ['inventory', 'system'] as ScanPass[]) {
      let after: string | undefined;
      do {
        const page: StepOutcome<ScanPageResult> = await activity.run(scanReconciliationPage, {
          runId,
          system,
          pass,
          after,
          limit: pageSize,
        });
        after = page.value.next;
      } while (after !== undefined);
    }
  }
  const items = await deps.reconciliationStore.driftPage(runId, { limit: 100_000 });
  await deps.reconciliationStore.deleteRun(runId);
  return items.map(({ system, resourceType, resource, kind, message }) => ({
    system: system as DriftFinding['system'],
    resourceType: resourceType as DriftFinding['resourceType'],
    resource,
    kind: kind as DriftFinding['kind'],
    message,
  }));
}

/**
 * Managers e-groups are not reconciled by the project (the directory has no bulk listing of them),
 * so they are checked here: a shared number at rest has its group exactly when it is ACTIVE.
 */
export async function managersGroupViolations(world: World, busy: Set<string>): Promise<Violation[]> {
  const rows = await world.dataSource.getRepository(PhoneNumberEntity).find();
  const violations: Violation[] = [];
  for (const row of rows) {
    if (busy.has(row.number) || row.requestId !== null) continue;
    const group = await world.sandbox.get('directory', `group:${managersGroupOf(row.number)}`);
    const wanted = row.state === NumberState.ACTIVE && row.type === 'SHARED';
    const unwanted = row.state === NumberState.AVAILABLE || row.state === NumberState.QUARANTINED;
    if (wanted && !group)
      violations.push({
        resource: row.number,
        message: `shared number ${row.number} is ACTIVE without its managers e-group`,
      });
    if (unwanted && group)
      violations.push({
        resource: row.number,
        message: `number ${row.number} is ${row.state} but its managers e-group exists`,
      });
  }
  return violations;
}

/** A parked request as the API shows it. */
export interface ParkedRequestView {
  id: string;
  kind: string;
  status: string;
  number: string | null;
  subject: string | null;
  parked: { stepId: string; phase: string; system: string } | null;
  steps: Array<{ id: string; status: string; undo: string }>;
}

/** What a parked request is about: its number, and its phone's MAC for phone requests. */
export interface ParkedSubject {
  number: string;
  login: string;
  mac?: string;
  /** The number's type when the request started: what a removal has to remove depends on it. */
  type: 'PERSONAL' | 'SHARED' | null;
}

type Presence = (world: World, subject: ParkedSubject) => Promise<boolean>;

const sipAccount: Presence = async (world, s) => (await world.sandbox.get('pbx', s.number)) !== null;
const personalListing: Presence = async (world, s) =>
  (
    (await world.sandbox.get<{ phoneNumbers: string[] }>('directory', `person:${s.login}`))?.phoneNumbers ??
    []
  ).includes(s.number);
const sharedEntry: Presence = async (world, s) =>
  (await world.sandbox.get('directory', `shared:${s.number}`)) !== null;
const managersGroup: Presence = async (world, s) =>
  (await world.sandbox.get('directory', `group:${managersGroupOf(s.number)}`)) !== null;
const networkDevice: Presence = async (world, s) =>
  (await world.sandbox.get('network', phoneDeviceName(s.number))) !== null;
const dhcpReservation: Presence = async (world, s) => (await world.sandbox.get('dhcp', s.mac!)) !== null;
const servableConfig: Presence = async (world, s) =>
  (await world.dataSource.getRepository(ProvisioningConfigEntity).findOneBy({ mac: s.mac! }))?.servable ===
  true;

/** Steps that create something in a system: what they leave behind once SUCCEEDED (and not undone). */
const CREATING_STEPS: Record<string, Presence> = {
  'create-sip-account': sipAccount,
  'publish-number': personalListing,
  'publish-shared-entry': sharedEntry,
  'create-managers-group': managersGroup,
  'register-network-device': networkDevice,
  'reserve-dhcp': dhcpReservation,
  'publish-config': servableConfig,
};

/** Steps that remove something: it is gone once SUCCEEDED, still there before they ran. */
const REMOVING_STEPS: Record<string, Presence> = {
  'remove-sip-account': sipAccount,
  'remove-phonebook-entry': (world, s) => (s.type === 'SHARED' ? sharedEntry : personalListing)(world, s),
  'delete-managers-group': managersGroup,
};

/** Removals that do not apply to a number of this type (a personal number has no e-group). */
const NOT_APPLICABLE: Record<string, ReadonlyArray<ParkedSubject['type']>> = {
  'delete-managers-group': ['PERSONAL', null],
};

/**
 * "Parked with an exact list of what is left": for each step of a parked request whose outcome is
 * settled, the system must hold exactly what the timeline says — a creating step that SUCCEEDED and
 * was not undone left its resource, one that never ran (or was undone) left nothing; a removing step
 * that SUCCEEDED removed it, one that never ran did not. The step the request is parked on is the
 * open item and may be either way.
 */
export async function parkedViolations(
  world: World,
  request: ParkedRequestView,
  subject: ParkedSubject,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const resource = subject.mac ?? subject.number;
  if (!request.parked) {
    return [{ resource, message: `request ${request.id} is ${request.status} but shows no parked step` }];
  }
  const parkedStep = request.steps.find((s) => s.id === request.parked!.stepId);
  if (!parkedStep)
    violations.push({
      resource,
      message: `request ${request.id} is parked on an unknown step ${request.parked.stepId}`,
    });
  for (const step of request.steps) {
    if (step.id === request.parked.stepId) continue;
    const creates = CREATING_STEPS[step.id] as Presence | undefined;
    const removes = REMOVING_STEPS[step.id] as Presence | undefined;
    if (!creates && !removes) continue;
    if (NOT_APPLICABLE[step.id]?.includes(subject.type)) continue;
    // Mid-flight (RUNNING, or its undo running/failed) is not a settled outcome.
    if (['RUNNING', 'FAILED'].includes(step.status) || ['RUNNING', 'FAILED', 'SKIPPED'].includes(step.undo))
      continue;
    const done = step.status === 'SUCCEEDED' && step.undo !== 'DONE';
    const notDone = ['PENDING', 'NOT_RUN'].includes(step.status) || step.undo === 'DONE';
    if (!done && !notDone) continue;
    const present = await (creates ?? removes)!(world, subject);
    const expected = creates ? done : !done;
    if (present !== expected) {
      violations.push({
        resource,
        message:
          `request ${request.id} (${request.kind}) parked on ${request.parked.stepId}: step ${step.id} is ` +
          `${step.status}/undo ${step.undo}, so its resource should be ${expected ? 'present' : 'absent'}, but it is ${present ? 'present' : 'absent'}`,
      });
    }
  }
  return violations;
}
