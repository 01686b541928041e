import { systemRejected, systemUnavailable, type SystemError } from '../system-error';

/**
 * How LDAP failures are classified. ldapts resets the prototype of its result-code errors, so
 * `instanceof BusyError` never holds: the numeric result code (RFC 4511 appendix A) is what counts.
 */

/** Result codes that mean "not now": retried with backoff, then the request parks. */
const TRANSIENT_RESULT_CODES = {
  1: 'operationsError', // server-side hiccup, e.g. a backend restarting
  3: 'timeLimitExceeded',
  11: 'adminLimitExceeded',
  51: 'busy',
  52: 'unavailable', // e.g. a replica shutting down
  80: 'other', // OpenLDAP uses it for internal errors such as a full database
  // Our own account cannot bind or may not write: a configuration problem for a person to fix, so
  // the request parks (and can be retried) instead of undoing work.
  49: 'invalidCredentials',
  50: 'insufficientAccessRights',
} as const;

/** Result codes that mean "never like this": the request compensates at once. */
const PERMANENT_RESULT_CODES = {
  16: 'noSuchAttribute',
  17: 'undefinedAttributeType',
  18: 'inappropriateMatching',
  19: 'constraintViolation',
  20: 'attributeOrValueExists',
  21: 'invalidAttributeSyntax',
  32: 'noSuchObject', // only where a missing entry means "refused"; drivers handle the idempotent cases first
  34: 'invalidDNSyntax',
  53: 'unwillingToPerform',
  64: 'namingViolation',
  65: 'objectClassViolation',
  66: 'notAllowedOnNonLeaf',
  67: 'notAllowedOnRDN',
  68: 'entryAlreadyExists',
  69: 'objectClassModsProhibited',
} as const;

/** Messages of ldapts and Node when the connection itself failed: reconnect, then retry once. */
const CONNECTION_FAILURES = [
  /Connection closed before message response/i,
  /Socket error/i,
  /Socket connection not established/i,
  /Connection timeout/i,
  /Operation timed out/i,
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/,
];

const CONNECTION_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
];

/** The LDAP result code of an ldapts error, if it carries one. */
export function ldapResultCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Whether the connection broke (as opposed to the server answering "no"). */
export function isLdapConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.includes(code)) return true;
  return CONNECTION_FAILURES.some((pattern) => pattern.test(error.message));
}

/** A SystemError for the workflows: transient (retry, then park) or permanent (compensate). */
export function classifyLdapError(operation: string, error: unknown): SystemError {
  const detail = error instanceof Error ? error.message : String(error);
  const message = `LDAP ${operation} failed: ${detail}`;
  if (isLdapConnectionFailure(error)) return systemUnavailable('directory', message, error);
  const code = ldapResultCode(error);
  if (code !== undefined && code in PERMANENT_RESULT_CODES)
    return systemRejected('directory', message, error);
  if (code !== undefined && code in TRANSIENT_RESULT_CODES)
    return systemUnavailable('directory', message, error);
  // Unknown: treated as transient so a person looks at it rather than the request undoing itself.
  return systemUnavailable('directory', message, error);
}
