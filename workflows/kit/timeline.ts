import type { ParkedState, RequestProgress, StepProgress } from '../../libs/contracts/progress';
import { RequestStatus, StepStatus, UndoStatus } from '../../libs/contracts/request-status';
import type { SystemName } from '../../libs/contracts/systems';

/** A step as a workflow declares it up front, so the timeline shows what is still to come. */
export interface StepDefinition {
  id: string;
  system: SystemName;
  action: string;
}

export interface FailureSummary {
  message: string;
  type?: string;
  attempts: number;
}

/**
 * The request's progress and the rules for changing it. Plain data and plain code (no Temporal
 * APIs), so the bookkeeping is unit-tested on its own; the clock is workflow time.
 */
export class Timeline {
  readonly progress: RequestProgress;

  constructor(
    requestId: string,
    kind: string,
    steps: readonly StepDefinition[],
    private readonly now: () => Date,
  ) {
    const ids = new Set(steps.map((s) => s.id));
    if (ids.size !== steps.length) throw new Error(`duplicate step ids in ${kind}`);
    this.progress = {
      requestId,
      kind,
      status: RequestStatus.ACCEPTED,
      steps: steps.map((s) => ({
        ...s,
        status: StepStatus.PENDING,
        attempts: 0,
        undo: UndoStatus.NONE,
        undoAttempts: 0,
      })),
      pastPointOfNoReturn: false,
      updatedAt: this.stamp(),
    };
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private touch(): void {
    this.progress.updatedAt = this.stamp();
  }

  step(id: string): StepProgress {
    const step = this.progress.steps.find((s) => s.id === id);
    if (!step) throw new Error(`unknown step "${id}"`);
    return step;
  }

  setStatus(status: RequestStatus): void {
    this.progress.status = status;
    this.touch();
  }

  started(id: string): void {
    const step = this.step(id);
    step.status = StepStatus.RUNNING;
    step.startedAt ??= this.stamp();
    step.finishedAt = undefined;
    this.touch();
  }

  succeeded(id: string, attempt: number, note?: string): void {
    const step = this.step(id);
    step.status = StepStatus.SUCCEEDED;
    step.attempts += attempt;
    step.note = note;
    step.lastError = undefined;
    step.lastErrorType = undefined;
    step.finishedAt = this.stamp();
    this.touch();
  }

  failed(id: string, failure: FailureSummary): void {
    const step = this.step(id);
    step.status = StepStatus.FAILED;
    step.attempts += failure.attempts;
    step.lastError = failure.message;
    step.lastErrorType = failure.type;
    step.finishedAt = this.stamp();
    this.touch();
  }

  /** The service desk skipped it, or the workflow found nothing to do (the note says why). */
  skipped(id: string, note?: string): void {
    const step = this.step(id);
    step.status = StepStatus.SKIPPED;
    if (note !== undefined) step.note = note;
    step.finishedAt = this.stamp();
    this.touch();
  }

  undoReady(id: string): void {
    this.step(id).undo = UndoStatus.READY;
    this.touch();
  }

  undoStarted(id: string): void {
    const step = this.step(id);
    step.undo = UndoStatus.RUNNING;
    this.touch();
  }

  undoDone(id: string, attempt: number): void {
    const step = this.step(id);
    step.undo = UndoStatus.DONE;
    step.undoAttempts += attempt;
    step.undoError = undefined;
    this.touch();
  }

  undoFailed(id: string, failure: FailureSummary): void {
    const step = this.step(id);
    step.undo = UndoStatus.FAILED;
    step.undoAttempts += failure.attempts;
    step.undoError = failure.message;
    this.touch();
  }

  undoSkipped(id: string): void {
    this.step(id).undo = UndoStatus.SKIPPED;
    this.touch();
  }

  /** Steps never reached when the request ended. */
  markRemainingNotRun(): void {
    for (const step of this.progress.steps) {
      if (step.status === StepStatus.PENDING) step.status = StepStatus.NOT_RUN;
    }
    this.touch();
  }

  park(state: Omit<ParkedState, 'since'>): void {
    this.progress.parked = { ...state, since: this.stamp() };
    this.progress.status = RequestStatus.NEEDS_ATTENTION;
    this.touch();
  }

  unpark(resumeAs: RequestStatus): void {
    this.progress.parked = undefined;
    this.progress.status = resumeAs;
    this.touch();
  }

  passPointOfNoReturn(): void {
    this.progress.pastPointOfNoReturn = true;
    this.touch();
  }

  setSubject(subject: string): void {
    this.progress.subject = subject;
    this.touch();
  }

  setResult(result: Record<string, string>): void {
    this.progress.result = { ...this.progress.result, ...result };
    this.touch();
  }

  setFailureReason(reason: string): void {
    this.progress.failureReason = reason;
    this.touch();
  }

  /** A deep copy, so a query's answer never aliases state the workflow keeps changing. */
  snapshot(): RequestProgress {
    return JSON.parse(JSON.stringify(this.progress)) as RequestProgress;
  }
}
