import type { NumberState } from '../domain/number-state';
import type { NumberType } from '../domain/number-type';
import { defineQuery } from '@temporalio/workflow';
import type { LifecyclePolicy } from '../domain/lifecycle';
import type { RequestKind } from './request-kind';
import type { WorkflowSettings } from './settings';

/** Workflow types of the number lifecycle (docs/domain.md §3.2). */
export const LifecycleWorkflow = {
  SWEEP: 'lifecycleSweepWorkflow',
  PERSONAL_NUMBER: 'personalNumberLifecycleWorkflow',
  SHARED_OWNER_LEAVING: 'sharedOwnerLeavingWorkflow',
} as const;

export const lifecycleWorkflowIds = {
  /** One lifecycle at a time per number; its requests use `number-<n>` like any other. */
  number: (number: string): string => `lifecycle-${number}`,
  /** The nightly sweep started by the schedule (Temporal appends the start time). */
  sweep: (taskQueue: string): string => `${taskQueue}-lifecycle-sweep`,
  schedule: (taskQueue: string): string => `${taskQueue}-lifecycle-nightly`,
} as const;

/** Who the lifecycle's requests name as their actor. */
export const LIFECYCLE_ACTOR = 'lifecycle';

/** Timing of the lifecycle workflows; from configuration, shrunk to milliseconds by tests. */
export interface LifecycleTiming {
  /** Settings handed to the requests the lifecycle starts. */
  settings: WorkflowSettings;
  /** How often a lifecycle re-checks the directory while it waits (has the owner come back?). */
  checkIntervalMs: number;
  /** How long to wait before trying again when another request holds the number. */
  lockRetryMs: number;
}

/** Input of the nightly sweep (the schedule's argument). */
export interface LifecycleSweepInput extends LifecycleTiming {
  policy: LifecyclePolicy;
  /** The day the sweep acts for (ISO); the workflow's own clock when absent. */
  today?: string;
}

/**
 * A personal number whose owner's contract ended. Dates are absolute (ISO), so tests can put them
 * milliseconds ahead; a late deactivation pushes the later dates back by as much, so the reservation
 * is never shortened.
 */
export interface PersonalNumberLifecycleInput extends LifecycleTiming {
  number: string;
  ownerLogin: string;
  deactivateAt: string;
  deleteAt: string;
  quarantineUntil: string;
}

/** A shared number whose owner is leaving: reminders, then ownership moves to their supervisor. */
export interface SharedOwnerLeavingInput extends LifecycleTiming {
  number: string;
  ownerLogin: string;
  /** The owner's last working day (ISO): the lifecycle stops if the directory says otherwise later. */
  contractEnd: string;
  /** When to remind the owner and the e-group (ISO), earliest first. */
  reminders: string[];
  /** When ownership moves to the supervisor (ISO). */
  transferAt: string;
}

/** What a sweep did, for its result and the Temporal UI. */
export interface LifecycleSweepResult {
  releasedFromQuarantine: string[];
  started: string[];
  alreadyRunning: string[];
}

/** Where a number's lifecycle is; answered by the `lifecycle` query. */
export interface LifecycleState {
  number: string;
  ownerLogin: string;
  /** e.g. WAITING_TO_DEACTIVATE, RESERVED, DELETING, QUARANTINED, REMINDING, TRANSFERRING, ENDED. */
  phase: string;
  /** When the lifecycle acts next (ISO). */
  nextAt?: string;
  /** Set once the lifecycle has ended, e.g. OWNER_STAYED, RESTORED, AVAILABLE, TRANSFERRED. */
  outcome?: string;
  /** The requests it started, in order. */
  requests: Array<{ kind: RequestKind; requestId: string; status: string }>;
  /** Reminders sent so far (ISO dates they were planned for). */
  remindersSent: string[];
}

export const lifecycleQuery = defineQuery<LifecycleState>('lifecycle');

/** A number whose owner's contract ends (or ended), as the nightly sweep sees it. */
export interface LifecycleCandidate {
  number: string;
  type: NumberType | null;
  state: NumberState;
  ownerLogin: string;
  /** The owner's last working day (ISO); null when the directory has none (or no longer knows them). */
  contractEnd: string | null;
  ownerExists: boolean;
  reservedUntil: string | null;
}

export type OpenedRequest = { opened: true } | { opened: false; heldBy: string };
