import { DomainErrorCode } from '../../../../libs/domain/domain-error';

/** How a client should treat an error; mirrors the HTTP status a REST API would use. */
export type ErrorCategory =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE';

/**
 * The one place where domain error codes become GraphQL error categories. Exhaustive: adding a
 * code without deciding its category is a compile error.
 */
export function categoryOf(code: DomainErrorCode): ErrorCategory {
  switch (code) {
    case DomainErrorCode.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case DomainErrorCode.FORBIDDEN:
    case DomainErrorCode.NOT_ELIGIBLE:
    case DomainErrorCode.NOT_OWNER:
    case DomainErrorCode.NOT_MANAGER:
      return 'FORBIDDEN';
    case DomainErrorCode.INVALID_INPUT:
    case DomainErrorCode.INVALID_MAC:
    case DomainErrorCode.MODEL_NOT_COMPATIBLE:
    case DomainErrorCode.LEGACY_SHARED_ONLY:
    case DomainErrorCode.DESCRIPTION_REQUIRED:
      return 'BAD_REQUEST';
    case DomainErrorCode.NOT_FOUND:
    case DomainErrorCode.UNKNOWN_PERSON:
      return 'NOT_FOUND';
    case DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER:
    case DomainErrorCode.REQUEST_IN_PROGRESS:
    case DomainErrorCode.MAC_IN_USE:
    case DomainErrorCode.NUMBER_HAS_PHONE:
    case DomainErrorCode.INVALID_STATE:
    case DomainErrorCode.CONFLICT:
      return 'CONFLICT';
    case DomainErrorCode.POOL_EXHAUSTED:
      return 'UNAVAILABLE';
  }
}
