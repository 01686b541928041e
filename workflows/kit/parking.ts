import { condition } from '@temporalio/workflow';
import type { ParkedState, ResolveAction } from '../../libs/contracts/progress';
import type { RequestInput } from '../../libs/contracts/request-input';
import { RequestStatus } from '../../libs/contracts/request-status';
import type { SystemName } from '../../libs/contracts/systems';
import { describeDuration } from './describe-duration';
import type { RequestMessages } from './request-messages';
import type { Timeline } from './timeline';

/** What parking and compensation share with the run they belong to. */
export interface RunState {
  readonly input: RequestInput;
  readonly timeline: Timeline;
  readonly messages: RequestMessages;
  /** Records the projection and the search attributes (request-run.ts). */
  report(failedSystem: SystemName | undefined): Promise<void>;
}

/** A request waiting for the service desk: parked with the actions it allows, until one is chosen. */
export class Parking {
  constructor(private readonly run: RunState) {}

  async parkForDecision(
    stepId: string,
    system: SystemName,
    error: string,
    skippable: boolean,
  ): Promise<ResolveAction> {
    const canCompensate = !this.run.timeline.progress.pastPointOfNoReturn;
    const allowedActions: ResolveAction[] = [
      'retry',
      ...(canCompensate ? (['compensate'] as const) : []),
      ...(skippable ? (['skip'] as const) : []),
    ];
    // Before the point of no return nobody answering means compensating; after it, only a person can decide.
    const timeoutMs = canCompensate ? this.run.input.settings.parkTimeoutMs : undefined;
    const decidesAt =
      timeoutMs === undefined
        ? undefined
        : new Date(Date.parse(this.run.timeline.progress.updatedAt) + timeoutMs).toISOString();
    return this.park(
      { stepId, system, phase: 'step', error, allowedActions, decidesAt },
      timeoutMs,
      RequestStatus.RUNNING,
    );
  }

  async park(
    state: Omit<ParkedState, 'since'>,
    timeoutMs: number | undefined,
    resumeAs: RequestStatus,
  ): Promise<ResolveAction> {
    this.run.messages.decision = undefined;
    this.run.timeline.park(state);
    await this.run.report(state.system);
    const waitingForCancel = state.phase === 'step';
    const answered = () => this.run.messages.answered(waitingForCancel);
    const gotAnswer =
      timeoutMs === undefined ? (await condition(answered), true) : await condition(answered, timeoutMs);

    const decision = this.run.messages.takeDecision();
    // Without a decision the request was cancelled while parked, or nobody answered in time.
    const action: ResolveAction = decision?.action ?? 'compensate';
    if (!gotAnswer) {
      this.run.timeline.setFailureReason(
        `No decision from the service desk within ${describeDuration(timeoutMs ?? 0)}`,
      );
    }
    this.run.timeline.unpark(action === 'compensate' ? RequestStatus.COMPENSATING : resumeAs);
    await this.run.report(undefined);
    return action;
  }
}
