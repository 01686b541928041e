import { CancellationScope, isCancellation, patched } from '@temporalio/workflow';
import { RequestStatus, StepStatus } from '../../libs/contracts/request-status';
import { bookkeeping } from './activity-proxies';
import { describeFailure } from './describe-failure';
import type { Parking, RunState } from './parking';
import { StepFailed } from './step-types';

/**
 * Marks histories in which a refusal of Switchboard's own bookkeeping parks or compensates the
 * request; older histories failed the whole workflow there (its record stayed RUNNING).
 */
export const BOOKKEEPING_FAILURE_PATCH = 'bookkeeping-failure-parks-or-compensates';

/**
 * Switchboard's own bookkeeping for one request: local activities on its own database (the request's
 * projection and locks, a child's row, a resource's state along the way), retried without limit while
 * they may succeed. A refusal for good (a rejected write, an integrity violation: see
 * activities/bookkeeping.activities.ts) is handled like a step's failure instead of failing the
 * workflow with its record RUNNING and its locks held. Every such path is behind
 * {@link BOOKKEEPING_FAILURE_PATCH}, asked only once a write was refused, so histories without a
 * refusal keep their commands.
 */
export class Bookkeeper {
  /** Parked because a write of the request's own record was refused: the park's own writes may be too. */
  private parkedForRecord = false;

  constructor(
    private readonly run: RunState,
    private readonly parking: Parking,
  ) {}

  /**
   * A write that belongs to a step (e.g. the phone's state in the inventory). Before `stepId` runs
   * ('step'), a refusal fails that step: the request compensates, or parks past its point of no
   * return; once the undos are done ('undo'), it parks for the service desk to retry or skip.
   */
  async bookkeep(stepId: string, phase: 'step' | 'undo', call: () => Promise<unknown>): Promise<void> {
    const { timeline, messages } = this.run;
    for (let round = 1; ; round += 1) {
      try {
        await call();
        // Done after the desk's retry: the undo that failed is done now.
        if (round > 1 && phase === 'undo') timeline.undoDone(stepId, 1);
        return;
      } catch (error) {
        if (isCancellation(error) || !patched(BOOKKEEPING_FAILURE_PATCH)) throw error;
        const failure = describeFailure(error, 'inventory', 1);
        const message = `Switchboard could not keep its own record: ${failure.message}`;
        if (phase === 'undo') {
          timeline.undoFailed(stepId, { ...failure, message });
          const parked = { stepId, system: 'inventory', phase, error: message } as const;
          const action = await this.parking.park(
            { ...parked, allowedActions: ['retry', 'skip'] },
            undefined,
            RequestStatus.COMPENSATING,
          );
          if (action !== 'skip') continue;
          timeline.undoSkipped(stepId);
          return;
        }
        timeline.failed(stepId, { ...failure, message });
        messages.throwIfCancelled();
        const reason = `${timeline.step(stepId).action} failed: ${message}`;
        // Retried without limit while it may succeed, so a failure that comes back is for good.
        if (!timeline.progress.pastPointOfNoReturn) throw new StepFailed(reason);
        if ((await this.parking.parkForDecision(stepId, 'inventory', message, false)) === 'retry') continue;
        messages.throwIfCancelled();
        throw new StepFailed(reason);
      }
    }
  }

  /**
   * Writes the request's projection (what the API, the portal and the desk's queue read). A refusal
   * parks the request for the desk to retry once the database takes it again: going on unrecorded
   * would leave the projection wrong for good (a request shown RUNNING that ended). While parked, the
   * search attributes and the live `progress` query show it (`stuckRequests` reads both); a request
   * parked already (a step's park) stays as it is, and its next write carries the whole timeline.
   */
  async recordProgress(): Promise<void> {
    for (;;) {
      try {
        await CancellationScope.nonCancellable(() =>
          bookkeeping.recordProgress(this.run.timeline.snapshot()),
        );
        return;
      } catch (error) {
        if (isCancellation(error) || !patched(BOOKKEEPING_FAILURE_PATCH)) throw error;
        if (this.parkedForRecord || this.run.timeline.progress.parked) return;
        const failure = describeFailure(error, 'inventory', 1);
        await this.parkUntilRetried(
          `Switchboard could not record the request's progress: ${failure.message}`,
        );
      }
    }
  }

  /**
   * Gives back the request's locks, before its final state is written. A refusal parks the request
   * for the desk to retry: ending without it would hold its number or phone from every later request,
   * and the request must not stay RUNNING either.
   */
  async releaseLocks(): Promise<void> {
    const requestId = this.run.input.requestId;
    for (;;) {
      try {
        await CancellationScope.nonCancellable(() => bookkeeping.releaseRequestLocks({ requestId }));
        return;
      } catch (error) {
        if (isCancellation(error) || !patched(BOOKKEEPING_FAILURE_PATCH)) throw error;
        const failure = describeFailure(error, 'inventory', 1);
        await this.parkUntilRetried(`Switchboard could not release the request's locks: ${failure.message}`);
      }
    }
  }

  /**
   * Parks on the step the request has reached, with only `retry`: nothing was done that an undo could
   * take back, and nobody answering changes nothing, so the request waits for a person. A
   * cancellation asked meanwhile is acted on once the write went through.
   */
  private async parkUntilRetried(error: string): Promise<void> {
    const { timeline } = this.run;
    const reached = timeline.progress.steps.filter(
      (s) => s.status !== StepStatus.PENDING && s.status !== StepStatus.NOT_RUN,
    );
    const stepId = (reached.at(-1) ?? timeline.progress.steps[0]).id;
    this.parkedForRecord = true;
    try {
      await CancellationScope.nonCancellable(() =>
        this.parking.park(
          { stepId, system: 'inventory', phase: 'step', error, allowedActions: ['retry'] },
          undefined,
          timeline.progress.status,
          false,
        ),
      );
    } finally {
      this.parkedForRecord = false;
    }
  }
}
