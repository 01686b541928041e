import type { PersonalNumberLifecycleInput } from '../libs/contracts/lifecycle';
import {
  NumberRequestKind,
  NumberWorkflow,
  type DeactivateNumberInput,
  type DeleteNumberInput,
  type RestoreNumberInput,
} from '../libs/contracts/numbers';
import { contractHasEnded } from './lifecycle-plan';
import { LifecycleRun } from './lifecycle-requests';

/**
 * docs/domain.md §3.2, personal numbers: deactivated at `deactivateAt` if the owner's contract has
 * really ended (re-checked then), kept for them until `deleteAt` (restored as soon as the
 * directory shows them back, checked every `checkIntervalMs`), then deleted and quarantined until
 * `quarantineUntil`, then AVAILABLE. A late step pushes the later dates back by as much. Each change
 * is a request of its own (DEACTIVATE_NUMBER, RESTORE_NUMBER, DELETE_NUMBER) with its timeline.
 */
export async function personalNumberLifecycleWorkflow(input: PersonalNumberLifecycleInput): Promise<string> {
  const { number, ownerLogin } = input;
  const life = new LifecycleRun(input, number, ownerLogin, 'WAITING_TO_DEACTIVATE');
  let deleteAt = Date.parse(input.deleteAt);
  let quarantineUntil = Date.parse(input.quarantineUntil);

  const record = async () => (await life.on('inventory').findNumberRecord({ number })).value;
  const stillTheirs = async (state: 'ACTIVE' | 'DEACTIVATED') => {
    const current = await record();
    return current?.type === 'PERSONAL' && current.ownerLogin === ownerLogin && current.state === state;
  };
  const ownerIsBack = async () => {
    const owner = (await life.on('directory').ownerStatus({ login: ownerLogin })).value;
    return owner.exists && !contractHasEnded(owner.contractEnd, new Date());
  };

  const initial = await record();
  if (initial?.type !== 'PERSONAL' || initial.ownerLogin !== ownerLogin) return life.end('NUMBER_CHANGED');

  if (initial.state === 'ACTIVE') {
    const deactivateAt = Date.parse(input.deactivateAt);
    life.enter('WAITING_TO_DEACTIVATE', new Date(deactivateAt));
    await life.sleepUntil(deactivateAt);
    if (await ownerIsBack()) return life.end('OWNER_STAYED');
    if (!(await stillTheirs('ACTIVE'))) return life.end('NUMBER_CHANGED');
    const late = Math.max(0, life.now() - deactivateAt);
    deleteAt += late;
    quarantineUntil += late;
    life.enter('DEACTIVATING');
    const deactivated = await life.request({
      kind: NumberRequestKind.DEACTIVATE_NUMBER,
      workflowType: NumberWorkflow.DEACTIVATE_NUMBER,
      requester: ownerLogin,
      input: (common): DeactivateNumberInput => ({
        ...common,
        number,
        ownerLogin,
        reservedUntil: new Date(deleteAt).toISOString(),
      }),
    });
    // The next nightly sweep starts a new lifecycle for a number that is still active.
    if (deactivated?.status !== 'COMPLETED') return life.end('DEACTIVATION_FAILED');
  } else if (initial.state !== 'DEACTIVATED') {
    return life.end('NUMBER_CHANGED');
  }

  life.enter('RESERVED', new Date(deleteAt));
  for (;;) {
    if (await ownerIsBack()) {
      life.enter('RESTORING');
      const restored = await life.request({
        kind: NumberRequestKind.RESTORE_NUMBER,
        workflowType: NumberWorkflow.RESTORE_NUMBER,
        requester: ownerLogin,
        input: (common): RestoreNumberInput => ({ ...common, number, ownerLogin }),
      });
      return life.end(restored?.status === 'COMPLETED' ? 'RESTORED' : 'RESTORE_FAILED');
    }
    const remaining = deleteAt - life.now();
    if (remaining <= 0) break;
    await life.sleepUntil(life.now() + Math.min(remaining, input.checkIntervalMs));
  }

  if (!(await stillTheirs('DEACTIVATED'))) return life.end('NUMBER_CHANGED');
  quarantineUntil += Math.max(0, life.now() - deleteAt);
  life.enter('DELETING');
  const deleted = await life.request({
    kind: NumberRequestKind.DELETE_NUMBER,
    workflowType: NumberWorkflow.DELETE_NUMBER,
    requester: ownerLogin,
    input: (common): DeleteNumberInput => ({
      ...common,
      number,
      quarantineUntil: new Date(quarantineUntil).toISOString(),
    }),
  });
  if (deleted?.status !== 'COMPLETED') return life.end('DELETION_FAILED');

  life.enter('QUARANTINED', new Date(quarantineUntil));
  await life.sleepUntil(quarantineUntil);
  try {
    await life.on('inventory').releaseNumberQuarantine({ number });
  } catch {
    // The nightly sweep releases whatever quarantine is over; nothing is lost by leaving it to it.
    return life.end('RELEASE_LEFT_TO_SWEEP');
  }
  return life.end('AVAILABLE');
}
