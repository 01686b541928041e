import {
  CancellationScope,
  condition,
  executeChild,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { SystemActivities } from '../../activities';
import {
  cancelUpdate,
  progressQuery,
  resolveUpdate,
  type CancelInput,
  type ResolveInput,
} from '../../libs/contracts/messages';
import type { ParkedState, RequestProgress, ResolveAction } from '../../libs/contracts/progress';
import type { RequestInput } from '../../libs/contracts/request-input';
import type { RequestKind } from '../../libs/contracts/request-kind';
import { isTerminalStatus, RequestStatus, UndoStatus } from '../../libs/contracts/request-status';
import {
  FAILED_SYSTEM_ATTRIBUTE,
  REQUEST_STATUS_ATTRIBUTE,
  REQUESTER_ATTRIBUTE,
} from '../../libs/contracts/search-attributes';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { SystemName } from '../../libs/contracts/systems';
import { activitiesFor, bookkeeping } from './activity-proxies';
import { describeFailure } from './describe-failure';
import { describeDuration } from './describe-duration';
import { Timeline, type StepDefinition } from './timeline';

/** A step's call: it is offered the activities of the step's system only. */
export type ActivityCall<Sys extends SystemName, T> = (
  activities: SystemActivities[Sys],
) => Promise<StepOutcome<T>>;

/** Steps as a workflow declares them, `as const`, so each step id carries its system in its type. */
export type StepList = readonly StepDefinition[];
export type StepIdOf<S extends StepList> = S[number]['id'];
export type SystemOf<S extends StepList, Id> = Extract<S[number], { id: Id }>['system'];

export interface StepOptions<Sys extends SystemName, T> {
  /** What undoes the step; recorded once it succeeds and run in reverse order on compensation. */
  undo?: ActivityCall<Sys, unknown>;
  /**
   * The step may leave something behind even when it fails or is interrupted (a timeout after the
   * system applied the change): its undo is recorded before it runs. Undos must then be idempotent.
   */
  mayHalfApply?: boolean;
  /** Lets the service desk skip the step; later steps get this value instead of the step's result. */
  skip?: { value: T };
}

/** How a wait for people ends: with the step's value, or with a refusal that fails the request. */
export type WaitOutcome<T> =
  { ok: true; value: T; note?: string } | { ok: false; reason: string; type: string };

/** Another request this one runs as a child workflow (see {@link RequestRun.child}). */
export interface ChildRequestSpec {
  kind: RequestKind;
  workflowType: string;
  workflowId: string;
  subject?: string;
  /** The child's input, given the child request's id, requester, actor and settings. */
  input: (common: RequestInput) => RequestInput;
}

/** A step failed for good (or the service desk chose to compensate): the request must be undone. */
class StepFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StepFailed';
  }
}

class RequestCancelled extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RequestCancelled';
  }
}

/**
 * Marks histories in which a refusal of Switchboard's own bookkeeping parks or compensates the
 * request; older histories failed the whole workflow there (its record stayed RUNNING).
 */
export const BOOKKEEPING_FAILURE_PATCH = 'bookkeeping-failure-parks-or-compensates';

interface RecordedUndo {
  stepId: string;
  system: SystemName;
  /** The undo, given the activity id of its round. */
  run: (activityId: string) => Promise<StepOutcome<unknown>>;
}

/**
 * What a step shared by several workflows (workflows/kit) needs of a run: steps `Id`, declared on
 * system `Sys`. A `RequestRun` whose steps say otherwise does not type-check as one.
 */
export interface StepsOn<Sys extends SystemName, Id extends string> {
  step<T>(stepId: Id, call: ActivityCall<Sys, T>, options?: StepOptions<Sys, T>): Promise<T>;
  bestEffort(stepId: Id, call: ActivityCall<Sys, unknown>): Promise<void>;
}

/**
 * One request's run: its timeline, its saga of undos, parking for the service desk, cancellation,
 * the `progress` query and the `resolve`/`cancel` updates. Every workflow drives its steps through
 * one of these, so the mechanics are written (and tested) once.
 */
export class RequestRun<S extends StepList = StepList> {
  readonly timeline: Timeline;
  private readonly undos: RecordedUndo[] = [];
  private decision: ResolveInput | undefined;
  private cancellation: { reason: string; actor: string } | undefined;
  private currentStep: CancellationScope | undefined;
  private compensating = false;

  constructor(
    readonly input: RequestInput,
    kind: RequestKind,
    steps: S,
  ) {
    this.timeline = new Timeline(input.requestId, kind, steps, () => new Date());
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

  get progress(): RequestProgress {
    return this.timeline.progress;
  }

  private validateDecision(decision: ResolveInput): void {
    const parked = this.progress.parked;
    if (!parked)
      throw new Error(
        `request ${this.input.requestId} is not waiting for a decision (it is ${this.progress.status})`,
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
    if (isTerminalStatus(this.progress.status))
      throw new Error(`the request is already ${this.progress.status}`);
    if (this.progress.pastPointOfNoReturn)
      throw new Error('the request is past its point of no return and can no longer be cancelled');
    if (this.compensating || this.cancellation) throw new Error('the request is already being undone');
  }

  // A method, not an inline check: the cancel update may arrive during any await, which the
  // compiler's narrowing of `this.cancellation` cannot see.
  private throwIfCancelled(): void {
    if (this.cancellation) throw new RequestCancelled(this.cancellation.reason);
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
    if (options.undo && options.mayHalfApply) this.recordUndo(stepId, system, options.undo);

    for (let round = 1; ; round += 1) {
      if (this.cancellation) throw new RequestCancelled(this.cancellation.reason);
      this.timeline.started(stepId);
      const scope = new CancellationScope();
      this.currentStep = scope;
      try {
        const outcome = await scope.run(() =>
          call(activitiesFor(this.input.settings, system, `${stepId}#${round}`)),
        );
        this.timeline.succeeded(stepId, outcome.attempt, outcome.note);
        if (options.undo && !options.mayHalfApply) this.recordUndo(stepId, system, options.undo);
        return outcome.value;
      } catch (error) {
        if (isCancellation(error)) {
          this.timeline.failed(stepId, {
            message: 'interrupted by cancellation',
            type: 'Cancelled',
            attempts: 0,
          });
          this.cancellation ??= { reason: 'cancelled', actor: 'temporal' };
          throw new RequestCancelled(this.cancellation.reason);
        }
        const failure = describeFailure(error, system, maximumAttempts);
        this.timeline.failed(stepId, failure);
        // The step failed after a cancellation was asked for: undo instead of parking for a decision.
        this.throwIfCancelled();
        if (failure.permanent && !this.progress.pastPointOfNoReturn) {
          throw new StepFailed(`${this.timeline.step(stepId).action} failed: ${failure.message}`);
        }
        const action = await this.parkForDecision(
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
        this.throwIfCancelled();
        throw new StepFailed(`${this.timeline.step(stepId).action} failed: ${failure.message}`);
      } finally {
        this.currentStep = undefined;
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
          const action = await this.park(
            { ...parked, allowedActions: ['retry', 'skip'] },
            undefined,
            RequestStatus.COMPENSATING,
          );
          if (action !== 'skip') continue;
          this.timeline.undoSkipped(stepId);
          return;
        }
        this.timeline.failed(stepId, { ...failure, message });
        this.throwIfCancelled();
        const reason = `${this.timeline.step(stepId).action} failed: ${message}`;
        // Retried without limit while it may succeed, so a failure that comes back is for good.
        if (!this.progress.pastPointOfNoReturn) throw new StepFailed(reason);
        if ((await this.parkForDecision(stepId, 'inventory', message, false)) === 'retry') continue;
        this.throwIfCancelled();
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
    if (this.cancellation) throw new RequestCancelled(this.cancellation.reason);
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
    this.currentStep = scope;
    let result: RequestProgress;
    try {
      result = await scope.run(() =>
        executeChild<(i: RequestInput) => Promise<RequestProgress>>(spec.workflowType, {
          workflowId: spec.workflowId,
          args: [input],
        }),
      );
    } catch (error) {
      if (isCancellation(error)) {
        this.timeline.failed(stepId, {
          message: 'interrupted by cancellation',
          type: 'Cancelled',
          attempts: 0,
        });
        this.cancellation ??= { reason: 'cancelled', actor: 'temporal' };
        throw new RequestCancelled(this.cancellation.reason);
      }
      const message = error instanceof Error ? error.message : String(error);
      this.timeline.failed(stepId, {
        message: `${spec.kind} could not run: ${message}`,
        type: 'ChildWorkflowFailure',
        attempts: 1,
      });
      throw new StepFailed(`${action} failed: ${message}`);
    } finally {
      this.currentStep = undefined;
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
    if (this.cancellation) throw new RequestCancelled(this.cancellation.reason);
    this.timeline.started(stepId);
    // The projection shows what the request waits for, not only the live query.
    await this.report(undefined);
    const scope = new CancellationScope();
    this.currentStep = scope;
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
      this.cancellation ??= { reason: 'cancelled', actor: 'temporal' };
      throw new RequestCancelled(this.cancellation.reason);
    } finally {
      this.currentStep = undefined;
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
  private systemOf<Id extends StepIdOf<S>>(stepId: Id): SystemOf<S, Id> {
    return this.timeline.step(stepId).system;
  }

  private recordUndo<Sys extends SystemName>(
    stepId: string,
    system: Sys,
    undo: ActivityCall<Sys, unknown>,
  ): void {
    const run = (activityId: string) => undo(activitiesFor(this.input.settings, system, activityId));
    this.undos.push({ stepId, system, run });
    this.timeline.undoReady(stepId);
  }

  private async parkForDecision(
    stepId: string,
    system: SystemName,
    error: string,
    skippable: boolean,
  ): Promise<ResolveAction> {
    const canCompensate = !this.progress.pastPointOfNoReturn;
    const allowedActions: ResolveAction[] = [
      'retry',
      ...(canCompensate ? (['compensate'] as const) : []),
      ...(skippable ? (['skip'] as const) : []),
    ];
    // Before the point of no return nobody answering means compensating; after it, only a person can decide.
    const timeoutMs = canCompensate ? this.input.settings.parkTimeoutMs : undefined;
    const decidesAt =
      timeoutMs === undefined
        ? undefined
        : new Date(Date.parse(this.progress.updatedAt) + timeoutMs).toISOString();
    return this.park(
      { stepId, system, phase: 'step', error, allowedActions, decidesAt },
      timeoutMs,
      RequestStatus.RUNNING,
    );
  }

  private async park(
    state: Omit<ParkedState, 'since'>,
    timeoutMs: number | undefined,
    resumeAs: RequestStatus,
  ): Promise<ResolveAction> {
    this.decision = undefined;
    this.timeline.park(state);
    await this.report(state.system);
    const waitingForCancel = state.phase === 'step';
    const answered = () =>
      this.decision !== undefined || (waitingForCancel && this.cancellation !== undefined);
    const gotAnswer =
      timeoutMs === undefined ? (await condition(answered), true) : await condition(answered, timeoutMs);

    const decision = this.takeDecision();
    // Without a decision the request was cancelled while parked, or nobody answered in time.
    const action: ResolveAction = decision?.action ?? 'compensate';
    if (!gotAnswer) {
      this.timeline.setFailureReason(
        `No decision from the service desk within ${describeDuration(timeoutMs ?? 0)}`,
      );
    }
    this.timeline.unpark(action === 'compensate' ? RequestStatus.COMPENSATING : resumeAs);
    await this.report(undefined);
    return action;
  }

  private takeDecision(): ResolveInput | undefined {
    const decision = this.decision;
    this.decision = undefined;
    return decision;
  }

  /** Undoes every recorded step in reverse; an undo that keeps failing parks until a person decides. */
  private async compensate(): Promise<void> {
    this.compensating = true;
    this.timeline.setStatus(RequestStatus.COMPENSATING);
    await this.report(undefined);
    await CancellationScope.nonCancellable(async () => {
      for (const undo of [...this.undos].reverse()) {
        const maximumAttempts = this.input.settings.retries[undo.system].maximumAttempts;
        for (let round = 1; ; round += 1) {
          this.timeline.undoStarted(undo.stepId);
          try {
            const outcome = await undo.run(`${undo.stepId}#undo${round}`);
            this.timeline.undoDone(undo.stepId, outcome.attempt);
            break;
          } catch (error) {
            const failure = describeFailure(error, undo.system, maximumAttempts);
            this.timeline.undoFailed(undo.stepId, failure);
            // A failed undo is never swallowed: the request waits, with no deadline, for a person.
            const action = await this.park(
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
              this.timeline.undoSkipped(undo.stepId);
              break;
            }
          }
        }
      }
    });
    this.compensating = false;
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
          : `Cancelled by ${this.cancellation?.actor ?? 'request'}: ${this.cancellation?.reason ?? 'no reason given'}`;
      this.timeline.setFailureReason(reason);
      await this.compensate();
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
