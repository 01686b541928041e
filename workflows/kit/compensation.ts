import { CancellationScope } from '@temporalio/workflow';
import { RequestStatus } from '../../libs/contracts/request-status';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { SystemName } from '../../libs/contracts/systems';
import { activitiesFor } from './activity-proxies';
import { describeFailure } from './describe-failure';
import type { Parking, RunState } from './parking';
import type { ActivityCall } from './step-types';

interface RecordedUndo {
  stepId: string;
  system: SystemName;
  /** The undo, given the activity id of its round. */
  run: (activityId: string) => Promise<StepOutcome<unknown>>;
}

/**
 * A request's saga: the undo of each step, recorded when it succeeds (or before it runs, if it may
 * half-apply), and run in reverse when the request fails or is cancelled.
 */
export class Compensation {
  private readonly undos: RecordedUndo[] = [];

  constructor(
    private readonly run: RunState,
    private readonly parking: Parking,
  ) {}

  record<Sys extends SystemName>(stepId: string, system: Sys, undo: ActivityCall<Sys, unknown>): void {
    const run = (activityId: string) => undo(activitiesFor(this.run.input.settings, system, activityId));
    this.undos.push({ stepId, system, run });
    this.run.timeline.undoReady(stepId);
  }

  /** Undoes every recorded step in reverse; an undo that keeps failing parks until a person decides. */
  async compensate(): Promise<void> {
    this.run.messages.compensating = true;
    this.run.timeline.setStatus(RequestStatus.COMPENSATING);
    await this.run.report(undefined);
    await CancellationScope.nonCancellable(async () => {
      for (const undo of [...this.undos].reverse()) {
        const maximumAttempts = this.run.input.settings.retries[undo.system].maximumAttempts;
        for (let round = 1; ; round += 1) {
          this.run.timeline.undoStarted(undo.stepId);
          try {
            const outcome = await undo.run(`${undo.stepId}#undo${round}`);
            this.run.timeline.undoDone(undo.stepId, outcome.attempt);
            break;
          } catch (error) {
            const failure = describeFailure(error, undo.system, maximumAttempts);
            this.run.timeline.undoFailed(undo.stepId, failure);
            // A failed undo is never swallowed: the request waits, with no deadline, for a person.
            const action = await this.parking.park(
              {
                stepId: undo.stepId,
                system: undo.system,
                phase: 'undo',
                error: failure.message,
                allowedActions: ['retry', 'skip'],
              },
              undefined,
              RequestStatus.COMPENSATING,
            );
            if (action === 'skip') {
              this.run.timeline.undoSkipped(undo.stepId);
              break;
            }
          }
        }
      }
    });
    this.run.messages.compensating = false;
  }
}
