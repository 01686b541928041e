import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import type { SystemName } from '../../libs/contracts/systems';
import type { FailureSummary } from './timeline';

export interface StepFailureDetails extends FailureSummary {
  /** Retrying cannot help (a rule said no, or the system rejected the change). */
  permanent: boolean;
}

/** The attempt an activity reported when it failed (see activities/run-step.ts). */
function reportedAttempt(failure: ApplicationFailure): number | undefined {
  const detail = failure.details?.[0] as { attempt?: unknown } | undefined;
  return typeof detail?.attempt === 'number' ? detail.attempt : undefined;
}

/** Turns an activity's failure into what the timeline and the service desk need to see. */
export function describeFailure(
  error: unknown,
  system: SystemName,
  maximumAttempts: number,
): StepFailureDetails {
  if (error instanceof ActivityFailure) {
    const cause = error.cause;
    const exhausted = error.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED;
    if (cause instanceof ApplicationFailure) {
      return {
        message: cause.message,
        type: cause.type ?? undefined,
        permanent: cause.nonRetryable || error.retryState === RetryState.NON_RETRYABLE_FAILURE,
        attempts: reportedAttempt(cause) ?? (exhausted ? maximumAttempts : 1),
      };
    }
    if (cause instanceof TimeoutFailure) {
      return {
        message: `${system} did not answer in time (${cause.timeoutType})`,
        type: 'Timeout',
        permanent: false,
        attempts: exhausted ? maximumAttempts : 1,
      };
    }
    return {
      message: cause?.message ?? error.message,
      type: cause?.name,
      permanent: false,
      attempts: exhausted ? maximumAttempts : 1,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, type: error instanceof Error ? error.name : undefined, permanent: false, attempts: 1 };
}
