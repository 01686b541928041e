import type { SystemName } from '../contracts/systems';

/**
 * A downstream system's failure, classified where it is best understood: in the driver. Transient
 * failures (timeouts, 5xx, connection refused) are retried with backoff; permanent ones
 * (validation, conflict) are not, and make the request compensate.
 */
export class SystemError extends Error {
  constructor(
    readonly system: SystemName,
    readonly transient: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = transient ? 'SystemUnavailableError' : 'SystemRejectedError';
  }
}

export function systemUnavailable(system: SystemName, message: string, cause?: unknown): SystemError {
  return new SystemError(system, true, message, { cause });
}

export function systemRejected(system: SystemName, message: string, cause?: unknown): SystemError {
  return new SystemError(system, false, message, { cause });
}

export function isSystemError(error: unknown): error is SystemError {
  return error instanceof SystemError;
}

/** What a write to a system did: `applied` changed something; `unchanged` found it already so. */
export type ApplyResult = 'applied' | 'unchanged';
