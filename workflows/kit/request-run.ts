import {
  CancellationScope,
  executeChild,
  isCancellation,
  patched,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { RequestProgress } from '../../libs/contracts/progress';
import type { RequestInput } from '../../libs/contracts/request-input';
import type { RequestKind } from '../../libs/contracts/request-kind';
import { RequestStatus, UndoStatus } from '../../libs/contracts/request-status';
import {
  FAILED_SYSTEM_ATTRIBUTE,
  REQUEST_STATUS_ATTRIBUTE,
  REQUESTER_ATTRIBUTE,
} from '../../libs/contracts/search-attributes';
import type { SystemName } from '../../libs/contracts/systems';
import { activitiesFor, bookkeeping } from './activity-proxies';
import { describeFailure } from './describe-failure';
import { Compensation } from './compensation';
import { Parking } from './parking';
import { RequestMessages } from './request-messages';
import {
  RequestCancelled,
  StepFailed,
  type ActivityCall,
  type ChildRequestSpec,
  type StepIdOf,
  type StepList,
  type StepOptions,
  type SystemOf,
  type WaitOutcome,
} from './step-types';
import { Timeline } from './timeline';

/**
 * Marks histories in which a refusal of Switchboard's own bookkeeping parks or compensates the
 * request; older histories failed the whole workflow there (its record stayed RUNNING).
 */
export const BOOKKEEPING_FAILURE_PATCH = 'bookkeeping-failure-parks-or-compensates';

/**
 * One request's run: its timeline, its saga of undos, parking for the service desk, cancellation,
 * the `progress` query and the `resolve`/`cancel` updates. Every workflow drives its steps through
 * one of these, so the mechanics are written (and tested) once.
 */
export class RequestRun<S extends StepList = StepList> {
  readonly timeline: Timeline;
  private readonly messages: RequestMessages;
  private readonly parking: Parking;
  private readonly compensation: Compensation;

  constructor(
    readonly input: RequestInput,
    kind: RequestKind,
    steps: S,
  ) {
    this.timeline = new Timeline(input.requestId, kind, steps, () => new Date());
    this.messages = new RequestMessages(input.requestId, this.timeline);
    const state = {
      input,
      timeline: this.timeline,
      messages: this.messages,
      report: (failedSystem: SystemName | undefined) => this.report(failedSystem),
    };
    this.parking = new Parking(state);
    this.compensation = new Compensation(state, this.parking);
  }

  get progress(): RequestProgress {
    return this.timeline.progress;
  }

  /** After this, the request can no longer be cancelled or compensated: failures park instead. */
  passPointOfNoReturn(): void {
    this.timeline.passPointOfNoReturn();
  }

  /** Runs one step; parks for the service desk when its retries run out. */
  async step<Id extends StepIdOf<S>, T>(
    stepId: Id,
    call: ActivityCall<SystemOf<S, Id>, T>,
    options: StepOptions<SystemOf<S, Id>, T> = {},
  ): Promise<T> {
    const system = this.systemOf(stepId);
    const maximumAttempts = this.input.settings.retries[system].maximumAttempts;
    if (options.undo && options.mayHalfApply) this.compensation.record(stepId, system, options.undo);

    for (let round = 1; ; round += 1) {
      this.messages.throwIfCancelled();
      this.timeline.started(stepId);
      const scope = new CancellationScope();
      this.messages.currentStep = scope;
      try {
        const outcome = await scope.run(() =>
          call(activitiesFor(this.input.settings, system, `${stepId}#${round}`)),
        );
        this.timeline.succeeded(stepId, outcome.attempt, outcome.note);
        if (options.undo && !options.mayHalfApply) this.compensation.record(stepId, system, options.undo);
        return outcome.value;
      } catch (error) {
        if (isCancellation(error)) throw this.interrupted(stepId);
        const failure = describeFailure(error, system, maximumAttempts);
        this.timeline.failed(stepId, failure);
        // The step failed after a cancellation was asked for: undo instead of parking for a decision.
        this.messages.throwIfCancelled();
        if (failure.permanent && !this.progress.pastPointOfNoReturn) {
          throw new StepFailed(`${this.timeline.step(stepId).action} failed: ${failure.message}`);
        }
        const action = await this.parking.parkForDecision(
          stepId,
          system,
          failure.message,
          options.skip !== undefined,
        );
        if (action === 'retry') continue;
        if (action === 'skip' && options.skip) {
          this.timeline.skipped(stepId);
          return options.skip.value;
        }
        // Cancelled while parked: the request ends CANCELLED (with who and why), not FAILED.
        this.messages.throwIfCancelled();
        throw new StepFailed(`${this.timeline.step(stepId).action} failed: ${failure.message}`);
      } finally {
        this.messages.currentStep = undefined;
      }
    }
  }

  /**
   * Switchboard's own bookkeeping (e.g. the phone's state in the inventory), a local activity
   * retried while it fails transiently. A refusal for good is a failure like any step's: before
   * `stepId` runs ('step'), the request compensates, or parks past its point of no return; once
   * the undos are done ('undo'), it parks for the service desk to retry or skip. Before this, such
   * a refusal escaped the saga: the workflow failed with the request's record RUNNING, locks held.
   */
  async bookkeep(stepId: string, phase: 'step' | 'undo', call: () => Promise<unknown>): Promise<void> {
    for (let round = 1; ; round += 1) {
      try {
        await call();
        // Done after the desk's retry: the undo that failed is done now.
        if (round > 1 && phase === 'undo') this.timeline.undoDone(stepId, 1);
        return;
      } catch (error) {
        if (isCancellation(error) || !patched(BOOKKEEPING_FAILURE_PATCH)) throw error;
        const failure = describeFailure(error, 'inventory', 1);
        const message = `Switchboard could not keep its own record: ${failure.message}`;
        if (phase === 'undo') {
          this.timeline.undoFailed(stepId, { ...failure, message });
          const parked = { stepId, system: 'inventory', phase, error: message } as const;
          const action = await this.parking.park(
            { ...parked, allowedActions: ['retry', 'skip'] },
            undefined,
            RequestStatus.COMPENSATING,
          );
          if (action !== 'skip') continue;
          this.timeline.undoSkipped(stepId);
          return;
        }
        this.timeline.failed(stepId, { ...failure, message });
        this.messages.throwIfCancelled();
        const reason = `${this.timeline.step(stepId).action} failed: ${message}`;
        // Retried without limit while it may succeed, so a failure that comes back is for good.
        if (!this.progress.pastPointOfNoReturn) throw new StepFailed(reason);
        if ((await this.parking.parkForDecision(stepId, 'inventory', message, false)) === 'retry') continue;
        this.messages.throwIfCancelled();
        throw new StepFailed(reason);
      }
    }
  }

  /**
   * Runs another request as a child workflow (e.g. unregistering a phone while deleting its
   * number). The child is a request of its own — its row in the projection points at this one — with
   * its own timeline, parking and compensation. A child that ends FAILED or CANCELLED has undone
   * itself; here it fails the step for good. A parked child keeps this step running until the service
   * desk resolves the child.
   */
  async child(stepId: StepIdOf<S>, spec: ChildRequestSpec): Promise<RequestProgress> {
    this.messages.throwIfCancelled();
    const { action } = this.timeline.step(stepId);
    this.timeline.started(stepId);
    const childId = uuid4();
    await bookkeeping.recordChildRequest({
      id: childId,
      parentId: this.input.requestId,
      kind: spec.kind,
      workflowId: spec.workflowId,
      requester: this.input.requester,
      actor: this.input.actor,
      subject: spec.subject,
    });
    const input = spec.input({
      requestId: childId,
      requester: this.input.requester,
      actor: this.input.actor,
      settings: this.input.settings,
    });
    const scope = new CancellationScope();
    this.messages.currentStep = scope;
    let result: RequestProgress;
    try {
      result = await scope.run(() =>
        executeChild<(i: RequestInput) => Promise<RequestProgress>>(spec.workflowType, {
          workflowId: spec.workflowId,
          args: [input],
        }),
      );
    } catch (error) {
      if (isCancellation(error)) throw this.interrupted(stepId);
      const message = error instanceof Error ? error.message : String(error);
      this.timeline.failed(stepId, {
        message: `${spec.kind} could not run: ${message}`,
        type: 'ChildWorkflowFailure',
        attempts: 1,
      });
      throw new StepFailed(`${action} failed: ${message}`);
    } finally {
      this.messages.currentStep = undefined;
    }
    if (result.status !== RequestStatus.COMPLETED) {
      const message = `request ${childId} ended ${result.status}${result.failureReason ? `: ${result.failureReason}` : ''}`;
      this.timeline.failed(stepId, { message, type: 'ChildRequestFailed', attempts: 1 });
      throw new StepFailed(`${action} failed: ${message}`);
    }
    this.timeline.succeeded(stepId, 1, `done by request ${childId}`);
    return result;
  }

  /**
   * A step that waits for people rather than calling a system (an approval, with its timeout inside
   * `wait`). A refusal fails the request, which undoes what was done; cancelling the request
   * interrupts the wait.
   */
  async waitFor<T>(stepId: StepIdOf<S>, wait: () => Promise<WaitOutcome<T>>): Promise<T> {
    this.messages.throwIfCancelled();
    this.timeline.started(stepId);
    // The projection shows what the request waits for, not only the live query.
    await this.report(undefined);
    const scope = new CancellationScope();
    this.messages.currentStep = scope;
    let outcome: WaitOutcome<T>;
    try {
      outcome = await scope.run(wait);
    } catch (error) {
      if (!isCancellation(error)) throw error;
      this.timeline.failed(stepId, {
        message: 'interrupted by cancellation',
        type: 'Cancelled',
        attempts: 0,
      });
      throw this.messages.interrupted();
    } finally {
      this.messages.currentStep = undefined;
    }
    if (!outcome.ok) {
      this.timeline.failed(stepId, { message: outcome.reason, type: outcome.type, attempts: 1 });
      throw new StepFailed(outcome.reason);
    }
    this.timeline.succeeded(stepId, 1, outcome.note);
    return outcome.value;
  }

  /**
   * A step whose failure must not undo the request (a notification): it is retried by its policy,
   * and a failure is recorded in the timeline and otherwise ignored.
   */
  async bestEffort<Id extends StepIdOf<S>>(
    stepId: Id,
    call: ActivityCall<SystemOf<S, Id>, unknown>,
  ): Promise<void> {
    const system = this.systemOf(stepId);
    this.timeline.started(stepId);
    try {
      const outcome = await CancellationScope.nonCancellable(() =>
        call(activitiesFor(this.input.settings, system, `${stepId}#1`)),
      );
      this.timeline.succeeded(stepId, outcome.attempt, outcome.note);
    } catch (error) {
      this.timeline.failed(
        stepId,
        describeFailure(error, system, this.input.settings.retries[system].maximumAttempts),
      );
    }
  }

  /**
   * The step's system as its definition says, typed as the run's steps declare it: the one place
   * where the declared list (a type) and the timeline (its value) meet.
   */
  /** A step (or child request) that a cancellation interrupted: so marked, and the run goes on to undo. */
  private interrupted(stepId: string): RequestCancelled {
    this.timeline.failed(stepId, { message: 'interrupted by cancellation', type: 'Cancelled', attempts: 0 });
    return this.messages.interrupted();
  }

  private systemOf<Id extends StepIdOf<S>>(stepId: Id): SystemOf<S, Id> {
    return this.timeline.step(stepId).system;
  }

  /** Keeps the request projection and the search attributes in step with the timeline. */
  private async report(failedSystem: SystemName | undefined): Promise<void> {
    const attributes: SearchAttributeUpdatePair[] = [
      { key: REQUEST_STATUS_ATTRIBUTE, value: this.progress.status },
      { key: FAILED_SYSTEM_ATTRIBUTE, value: failedSystem ?? null },
    ];
    upsertSearchAttributes(attributes);
    await CancellationScope.nonCancellable(() => bookkeeping.recordProgress(this.timeline.snapshot()));
  }

  /**
   * Runs the request: the body's steps, then compensation if a step failed or the request was
   * cancelled. Locks are released before the final state is recorded, which is written last.
   */
  async execute(
    body: () => Promise<void>,
    hooks: { onFailed?: (reason: string) => Promise<void> } = {},
  ): Promise<RequestProgress> {
    upsertSearchAttributes([{ key: REQUESTER_ATTRIBUTE, value: this.input.requester }]);
    this.timeline.setStatus(RequestStatus.RUNNING);
    await this.report(undefined);
    let finalStatus: RequestStatus = RequestStatus.COMPLETED;
    try {
      await body();
    } catch (error) {
      if (!(error instanceof StepFailed) && !(error instanceof RequestCancelled) && !isCancellation(error))
        throw error;
      finalStatus = error instanceof StepFailed ? RequestStatus.FAILED : RequestStatus.CANCELLED;
      const reason =
        error instanceof StepFailed
          ? (this.progress.failureReason ?? error.reason)
          : `Cancelled by ${this.messages.cancellation?.actor ?? 'request'}: ${this.messages.cancellation?.reason ?? 'no reason given'}`;
      this.timeline.setFailureReason(reason);
      await this.compensation.compensate();
      if (hooks.onFailed) await CancellationScope.nonCancellable(() => hooks.onFailed!(reason));
    }
    this.timeline.markRemainingNotRun();
    const failedStep = this.progress.steps.find((s) => s.status === 'FAILED' || s.undo === UndoStatus.FAILED);
    await CancellationScope.nonCancellable(() =>
      bookkeeping.releaseRequestLocks({ requestId: this.input.requestId }),
    );
    this.timeline.setStatus(finalStatus);
    await this.report(finalStatus === RequestStatus.COMPLETED ? undefined : failedStep?.system);
    return this.timeline.snapshot();
  }
}
