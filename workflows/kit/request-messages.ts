import { setHandler, type CancellationScope } from '@temporalio/workflow';
import {
  cancelUpdate,
  progressQuery,
  resolveUpdate,
  type CancelInput,
  type ResolveInput,
} from '../../libs/contracts/messages';
import { isTerminalStatus } from '../../libs/contracts/request-status';
import { RequestCancelled } from './step-types';
import type { Timeline } from './timeline';

/**
 * A request's messages: the `progress` query, and the `resolve` and `cancel` updates with their
 * validators. It holds what they change (the service desk's decision, the cancellation) for the run
 * (request-run.ts) to act on.
 */
export class RequestMessages {
  decision: ResolveInput | undefined;
  cancellation: { reason: string; actor: string } | undefined;
  /** What the run awaits now (a step, a wait, a child): a cancellation interrupts it. */
  currentStep: CancellationScope | undefined;
  /** Undoing: a second cancellation is refused. */
  compensating = false;

  constructor(
    private readonly requestId: string,
    private readonly timeline: Timeline,
  ) {
    setHandler(progressQuery, () => this.timeline.snapshot());
    setHandler(
      resolveUpdate,
      (decision) => {
        this.decision = decision;
        return this.timeline.snapshot();
      },
      { validator: (decision: ResolveInput) => this.validateDecision(decision) },
    );
    setHandler(
      cancelUpdate,
      (request) => {
        this.cancellation = { reason: request.reason, actor: request.actor };
        // Stop waiting for the running step; its undo (if it may have half-applied) cleans up.
        this.currentStep?.cancel();
        return this.timeline.snapshot();
      },
      { validator: (request: CancelInput) => this.validateCancel(request) },
    );
  }

  private validateDecision(decision: ResolveInput): void {
    const parked = this.timeline.progress.parked;
    if (!parked)
      throw new Error(
        `request ${this.requestId} is not waiting for a decision (it is ${this.timeline.progress.status})`,
      );
    if (!decision.reason || decision.reason.trim().length === 0) throw new Error('a reason is required');
    if (this.decision) throw new Error('a decision is already being applied');
    if (!parked.allowedActions.includes(decision.action)) {
      throw new Error(
        `"${decision.action}" is not possible here; choose one of: ${parked.allowedActions.join(', ')}`,
      );
    }
  }

  private validateCancel(request: { reason: string }): void {
    if (!request.reason || request.reason.trim().length === 0) throw new Error('a reason is required');
    if (isTerminalStatus(this.timeline.progress.status))
      throw new Error(`the request is already ${this.timeline.progress.status}`);
    if (this.timeline.progress.pastPointOfNoReturn)
      throw new Error('the request is past its point of no return and can no longer be cancelled');
    if (this.compensating || this.cancellation) throw new Error('the request is already being undone');
  }

  // A method, not an inline check: the cancel update may arrive during any await, which the
  // compiler's narrowing of `this.cancellation` cannot see.
  throwIfCancelled(): void {
    if (this.cancellation) throw new RequestCancelled(this.cancellation.reason);
  }

  /** Interrupted by a cancellation (the request's, or Temporal's): the run undoes and ends CANCELLED. */
  interrupted(): RequestCancelled {
    this.cancellation ??= { reason: 'cancelled', actor: 'temporal' };
    return new RequestCancelled(this.cancellation.reason);
  }

  /** Whether a parked request got its answer: a decision, or a cancellation where one may come. */
  answered(waitingForCancel: boolean): boolean {
    return this.decision !== undefined || (waitingForCancel && this.cancellation !== undefined);
  }

  takeDecision(): ResolveInput | undefined {
    const decision = this.decision;
    this.decision = undefined;
    return decision;
  }
}
