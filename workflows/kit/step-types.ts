import type { SystemActivities } from '../../activities';
import type { RequestInput } from '../../libs/contracts/request-input';
import type { RequestKind } from '../../libs/contracts/request-kind';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { SystemName } from '../../libs/contracts/systems';
import type { StepDefinition } from './timeline';

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

/**
 * What a step shared by several workflows (workflows/kit) needs of a run: steps `Id`, declared on
 * system `Sys`. A `RequestRun` (request-run.ts) whose steps say otherwise does not type-check as one.
 */
export interface StepsOn<Sys extends SystemName, Id extends string> {
  step<T>(stepId: Id, call: ActivityCall<Sys, T>, options?: StepOptions<Sys, T>): Promise<T>;
  bestEffort(stepId: Id, call: ActivityCall<Sys, unknown>): Promise<void>;
}

/** A step failed for good (or the service desk chose to compensate): the request must be undone. */
export class StepFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StepFailed';
  }
}

export class RequestCancelled extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RequestCancelled';
  }
}
