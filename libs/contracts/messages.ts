import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RequestProgress, ResolveAction } from './progress';

/** The live timeline of a request. Every request workflow answers it. */
export const progressQuery = defineQuery<RequestProgress>('progress');

export interface ResolveInput {
  action: ResolveAction;
  /** Why; required and audited. */
  reason: string;
  /** The service-desk agent's login. */
  actor: string;
}

/**
 * The service desk's decision on a parked request. The workflow's validator rejects a decision that
 * does not fit its state (not parked, or an action not allowed there).
 */
export const resolveUpdate = defineUpdate<RequestProgress, [ResolveInput]>('resolve');

export interface CancelInput {
  reason: string;
  actor: string;
}

/** Cancels a request before its point of no return; what was done is undone. */
export const cancelUpdate = defineUpdate<RequestProgress, [CancelInput]>('cancel');
