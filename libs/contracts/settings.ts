import type { SystemName } from './systems';

/** How a system's steps are retried before the request is parked. */
export interface RetrySettings {
  maximumAttempts: number;
  initialIntervalMs: number;
  maximumIntervalMs: number;
  backoffCoefficient: number;
}

/**
 * Timing and retry knobs every workflow receives in its input, so that configuration changes reach
 * new requests without touching running ones, and tests can shrink days to milliseconds.
 */
export interface WorkflowSettings {
  retries: Record<SystemName, RetrySettings>;
  /** Upper bound for one attempt of one activity. */
  activityTimeoutMs: number;
  /** How long a parked request waits for the service desk before it compensates on its own. */
  parkTimeoutMs: number;
}
