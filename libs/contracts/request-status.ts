/** Where a request is in its life. Terminal: COMPLETED, FAILED, CANCELLED. */
export const RequestStatus = {
  /** Accepted by the API; the workflow has not reported yet. */
  ACCEPTED: 'ACCEPTED',
  RUNNING: 'RUNNING',
  /** A step (or an undo) ran out of retries; waiting for the service desk's decision. */
  NEEDS_ATTENTION: 'NEEDS_ATTENTION',
  /** Undoing what was done, in reverse order. */
  COMPENSATING: 'COMPENSATING',
  COMPLETED: 'COMPLETED',
  /** Failed and fully undone. */
  FAILED: 'FAILED',
  /** Cancelled by the requester or the service desk and fully undone. */
  CANCELLED: 'CANCELLED',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export const TERMINAL_REQUEST_STATUSES: readonly RequestStatus[] = [
  RequestStatus.COMPLETED,
  RequestStatus.FAILED,
  RequestStatus.CANCELLED,
];

export function isTerminalStatus(status: RequestStatus): boolean {
  return TERMINAL_REQUEST_STATUSES.includes(status);
}

/** A step's own progress. */
export const StepStatus = {
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  /** The service desk chose to skip it (done by hand, or not needed). */
  SKIPPED: 'SKIPPED',
  /** Not reached because the request failed or was cancelled earlier. */
  NOT_RUN: 'NOT_RUN',
} as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];

/** The progress of a step's undo. */
export const UndoStatus = {
  /** The step has no undo, or never did anything that needs one. */
  NONE: 'NONE',
  /** An undo is recorded and would run if the request is compensated. */
  READY: 'READY',
  RUNNING: 'RUNNING',
  DONE: 'DONE',
  /** The undo ran out of retries or failed permanently; the request is parked. */
  FAILED: 'FAILED',
  /** The service desk chose to skip the undo (cleaned up by hand). */
  SKIPPED: 'SKIPPED',
} as const;
export type UndoStatus = (typeof UndoStatus)[keyof typeof UndoStatus];
