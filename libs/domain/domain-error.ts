/**
 * Every rule violation a person can cause has a code. The API maps each code to a GraphQL error in
 * one place (apps/api/src/errors), and activities turn them into non-retryable Temporal failures.
 */
export const DomainErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  /** The directory has no person with the login a request is for. */
  UNKNOWN_PERSON: 'UNKNOWN_PERSON',
  ALREADY_HAS_PERSONAL_NUMBER: 'ALREADY_HAS_PERSONAL_NUMBER',
  NOT_OWNER: 'NOT_OWNER',
  NOT_MANAGER: 'NOT_MANAGER',
  REQUEST_IN_PROGRESS: 'REQUEST_IN_PROGRESS',
  INVALID_MAC: 'INVALID_MAC',
  MAC_IN_USE: 'MAC_IN_USE',
  NUMBER_HAS_PHONE: 'NUMBER_HAS_PHONE',
  MODEL_NOT_COMPATIBLE: 'MODEL_NOT_COMPATIBLE',
  LEGACY_SHARED_ONLY: 'LEGACY_SHARED_ONLY',
  DESCRIPTION_REQUIRED: 'DESCRIPTION_REQUIRED',
  POOL_EXHAUSTED: 'POOL_EXHAUSTED',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_INPUT: 'INVALID_INPUT',
  INVALID_STATE: 'INVALID_STATE',
  CONFLICT: 'CONFLICT',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
