import type { RequestStatus, StepStatus, UndoStatus } from './request-status';
import type { SystemName } from './systems';

/** One step of a request's timeline, as the workflow sees it. */
export interface StepProgress {
  /** Stable identifier within the workflow, e.g. `create-sip-account`. */
  id: string;
  system: SystemName;
  /** What the step does, for people. */
  action: string;
  status: StepStatus;
  /** Attempts made so far (across retries and service-desk retries). */
  attempts: number;
  lastError?: string;
  /** The failure's type (a domain error code or a transport error class). */
  lastErrorType?: string;
  startedAt?: string;
  finishedAt?: string;
  /** A note from the step, e.g. "already present" when a retry found the work done. */
  note?: string;
  undo: UndoStatus;
  undoAttempts: number;
  undoError?: string;
}

/** Why a request is waiting for the service desk. */
export interface ParkedState {
  stepId: string;
  system: SystemName;
  /** `step`: the step itself ran out of retries; `undo`: its undo did. */
  phase: 'step' | 'undo';
  error: string;
  since: string;
  /** The decisions the workflow accepts in this state. */
  allowedActions: ResolveAction[];
  /** When the workflow decides on its own (compensates) if nobody answers; absent for undo parking. */
  decidesAt?: string;
}

/** The service desk's decision on a parked request. */
export const ResolveAction = { RETRY: 'retry', COMPENSATE: 'compensate', SKIP: 'skip' } as const;
export type ResolveAction = (typeof ResolveAction)[keyof typeof ResolveAction];

/** The live state of a request, answered by every workflow's `progress` query. */
export interface RequestProgress {
  requestId: string;
  /** A `RequestKind` (the timeline itself takes any name, for its unit tests). */
  kind: string;
  status: RequestStatus;
  steps: StepProgress[];
  parked?: ParkedState;
  /** A sentence for people when the request failed or was cancelled. */
  failureReason?: string;
  /** Once true, the request can no longer be cancelled (e.g. the legacy line was switched off). */
  pastPointOfNoReturn: boolean;
  /** The subject of the request (a number, a MAC) once known. */
  subject?: string;
  /** Free-form result fields for people, e.g. `{ number: "70001" }`. */
  result?: Record<string, string>;
  updatedAt: string;
}
