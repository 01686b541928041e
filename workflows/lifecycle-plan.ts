import {
  LifecycleWorkflow,
  type LifecycleSweepInput,
  type PersonalNumberLifecycleInput,
  type SharedOwnerLeavingInput,
  type LifecycleCandidate,
} from '../libs/contracts/lifecycle';
import {
  ownershipTransferDate,
  personalNumberTimeline,
  quarantineEnds,
  sharedOwnerReminderDates,
} from '../libs/domain/lifecycle';

const DAY_MS = 86_400_000;

const utcDay = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());

/** The last working day counts: a contract has ended once that day has passed (as in eligibility). */
export function contractHasEnded(contractEnd: string | null, today: Date): boolean {
  return contractEnd !== null && utcDay(new Date(contractEnd)) < utcDay(today);
}

export type LifecyclePlan =
  | { workflowType: typeof LifecycleWorkflow.PERSONAL_NUMBER; input: PersonalNumberLifecycleInput }
  | { workflowType: typeof LifecycleWorkflow.SHARED_OWNER_LEAVING; input: SharedOwnerLeavingInput };

/**
 * What the nightly sweep starts for a number, if anything (docs/domain.md §3.2): a personal number
 * whose owner's contract has ended (or who left the directory), or that is already deactivated;
 * a shared number whose owner leaves within the first reminder's distance. Pure, so the dates are
 * unit-tested; the lifecycle workflows take them as absolute inputs.
 */
export function planLifecycle(
  candidate: LifecycleCandidate,
  today: Date,
  sweep: LifecycleSweepInput,
): LifecyclePlan | null {
  const timing = {
    settings: sweep.settings,
    checkIntervalMs: sweep.checkIntervalMs,
    lockRetryMs: sweep.lockRetryMs,
  };
  const { number, ownerLogin, contractEnd } = candidate;
  const personal = (deactivateAt: Date, deleteAt: Date, quarantineUntil: Date): LifecyclePlan => ({
    workflowType: LifecycleWorkflow.PERSONAL_NUMBER,
    input: {
      ...timing,
      number,
      ownerLogin,
      deactivateAt: deactivateAt.toISOString(),
      deleteAt: deleteAt.toISOString(),
      quarantineUntil: quarantineUntil.toISOString(),
    },
  });
  if (candidate.type === 'PERSONAL') {
    if (candidate.state === 'DEACTIVATED') {
      const deleteAt = candidate.reservedUntil
        ? new Date(candidate.reservedUntil)
        : personalNumberTimeline(new Date(contractEnd ?? today), sweep.policy).deleteAt;
      return personal(today, deleteAt, quarantineEnds(deleteAt, sweep.policy));
    }
    if (candidate.state !== 'ACTIVE') return null;
    if (candidate.ownerExists && !contractHasEnded(contractEnd, today)) return null;
    // Someone gone from the directory is treated as leaving today.
    const timeline = personalNumberTimeline(new Date(contractEnd ?? today), sweep.policy);
    return personal(timeline.deactivateAt, timeline.deleteAt, timeline.availableAgainAt);
  }
  // Without the directory entry there is no supervisor to move ownership to: the service desk decides.
  if (candidate.type !== 'SHARED' || candidate.state !== 'ACTIVE' || !candidate.ownerExists || !contractEnd)
    return null;
  const end = new Date(contractEnd);
  const earliest = Math.max(0, ...sweep.policy.sharedOwnerReminderDays);
  if (utcDay(today) < utcDay(end) - earliest * DAY_MS) return null;
  return {
    workflowType: LifecycleWorkflow.SHARED_OWNER_LEAVING,
    input: {
      ...timing,
      number,
      ownerLogin,
      contractEnd: end.toISOString(),
      reminders: sharedOwnerReminderDates(end, sweep.policy.sharedOwnerReminderDays, today).map((d) =>
        d.toISOString(),
      ),
      transferAt: ownershipTransferDate(end).toISOString(),
    },
  };
}
