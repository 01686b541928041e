import { workflowInfo } from '@temporalio/workflow';
import type { SharedOwnerLeavingInput } from '../libs/contracts/lifecycle';
import { NumberRequestKind, NumberWorkflow, type ChangeOwnerInput } from '../libs/contracts/numbers';
import { NumberNotice } from '../libs/notifications/templates/number-notices';
import { LifecycleRun } from './lifecycle-requests';

const utcDay = (iso: string) => iso.slice(0, 10);

/**
 * docs/domain.md §3.2, shared numbers: the owner and the managers e-group are reminded on each date of
 * `reminders`; at `transferAt` ownership moves to the owner's supervisor (a CHANGE_OWNER request
 * that needs no acceptance). Before each act the lifecycle checks the owner still owns the number
 * and still leaves on that day; otherwise it ends.
 */
export async function sharedOwnerLeavingWorkflow(input: SharedOwnerLeavingInput): Promise<string> {
  const { number, ownerLogin, contractEnd } = input;
  const life = new LifecycleRun(input, number, ownerLogin, 'REMINDING');

  /** The number (still the owner's, shared and active) and the owner's supervisor; or why not. */
  const check = async () => {
    const record = (await life.on('inventory').findNumberRecord({ number })).value;
    if (record?.type !== 'SHARED' || record.state !== 'ACTIVE' || record.ownerLogin !== ownerLogin)
      return { ok: false, outcome: 'OWNER_CHANGED' } as const;
    const owner = (await life.on('directory').ownerStatus({ login: ownerLogin })).value;
    // A contract extended (or made open-ended) means the owner stays; the sweep plans again later.
    if (owner.exists && (owner.contractEnd === null || utcDay(owner.contractEnd) > utcDay(contractEnd)))
      return { ok: false, outcome: 'OWNER_STAYS' } as const;
    return { ok: true, record, supervisor: owner.supervisorLogin } as const;
  };

  for (const [index, at] of input.reminders.entries()) {
    life.enter('REMINDING', new Date(at));
    await life.sleepUntil(Date.parse(at));
    const checked = await check();
    if (!checked.ok) return life.end(checked.outcome);
    const { workflowId, runId } = workflowInfo();
    try {
      await life.on('mail').sendNumberNotice({
        key: `${workflowId}:${runId}:reminder-${index + 1}`,
        notice: NumberNotice.OWNER_LEAVING,
        toLogins: [ownerLogin],
        ccGroup: checked.record.managersGroup,
        data: {
          number,
          description: checked.record.description,
          owner: ownerLogin,
          endDate: contractEnd,
          supervisor: checked.supervisor,
        },
      });
      life.state.remindersSent.push(at);
    } catch {
      // A reminder that cannot be sent must not stop the transfer; the next one may go through.
    }
  }

  life.enter('WAITING_TO_TRANSFER', new Date(input.transferAt));
  await life.sleepUntil(Date.parse(input.transferAt));
  const checked = await check();
  if (!checked.ok) return life.end(checked.outcome);
  const supervisor = checked.supervisor;
  if (!supervisor) return life.end('NO_SUPERVISOR');

  life.enter('TRANSFERRING');
  const transferred = await life.request({
    kind: NumberRequestKind.CHANGE_OWNER,
    workflowType: NumberWorkflow.CHANGE_OWNER,
    requester: ownerLogin,
    input: (common): ChangeOwnerInput => ({
      ...common,
      number,
      newOwner: supervisor,
      acceptanceTimeoutMs: null,
    }),
  });
  return life.end(transferred?.status === 'COMPLETED' ? 'TRANSFERRED' : 'TRANSFER_FAILED');
}
