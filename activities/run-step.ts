import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { SystemName } from '../libs/contracts/systems';
import { isDomainError } from '../libs/domain/domain-error';
import { isSystemError, type ApplyResult } from '../libs/systems/system-error';
import { isTransientFailure } from './classify-failure';

/** Failure types the workflows see; non-retryable ones make the request compensate. */
export const FailureType = {
  /** The system said no (validation, conflict): retrying cannot help. */
  REJECTED: 'SystemRejected',
  /** The system did not answer properly: retried with backoff, then parked. */
  UNAVAILABLE: 'SystemUnavailable',
} as const;

/**
 * The one boundary where activity errors become Temporal failures: domain rule violations and
 * rejections are non-retryable (their type is the domain code or SystemRejected), everything else
 * is retried by the workflow's retry policy for that system.
 */
export async function runStep<T>(
  system: SystemName,
  work: () => Promise<{ value: T; result?: ApplyResult; note?: string }>,
): Promise<StepOutcome<T>> {
  try {
    const { value, result, note } = await work();
    const attempt = Context.current().info.attempt;
    // A step's own note (something the person must know) wins over the idempotency remark.
    if (note !== undefined) return { value, attempt, note };
    return result === 'unchanged' ? { value, attempt, note: 'already in place' } : { value, attempt };
  } catch (error) {
    throw toFailure(system, error, Context.current().info.attempt);
  }
}

/** The attempt travels in the failure's details so the timeline can count attempts exactly. */
export function toFailure(system: SystemName, error: unknown, attempt: number): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  const details = [{ attempt }];
  if (isDomainError(error))
    return ApplicationFailure.create({ message, type: error.code, nonRetryable: true, details });
  const transient = isSystemError(error) ? error.transient : isTransientFailure(error);
  return ApplicationFailure.create({
    message: `${system}: ${message}`,
    type: transient ? FailureType.UNAVAILABLE : FailureType.REJECTED,
    nonRetryable: !transient,
    details,
  });
}

/**
 * The step runner of one system's activities. Each system's factory names its system once, here, and
 * its activities are offered only to steps declared on that system (workflows/kit/activity-proxies.ts),
 * so the step's retry policy and this error classification cannot disagree.
 */
export function stepsOn(system: SystemName) {
  return <T>(
    work: () => Promise<{ value: T; result?: ApplyResult; note?: string }>,
  ): Promise<StepOutcome<T>> => runStep(system, work);
}

/** A step that found nothing to change. */
export const unchanged = <T>(value: T) => ({ value, result: 'unchanged' as const });
