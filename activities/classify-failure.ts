/**
 * Decides whether an unexpected error (one that no driver classified) is worth retrying. Listed by
 * name so a reader can see, and a reviewer can argue about, each choice.
 */

/** Network-level errors: the system may be back in a moment. */
const TRANSIENT_ERROR_CODES = [
  'ECONNREFUSED', // the server is restarting or not up yet
  'ECONNRESET', // the connection dropped mid-call
  'ETIMEDOUT', // no answer in time
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN', // DNS hiccup
  'SQLITE_BUSY', // another process holds the write lock on the embedded database
  '57P01', // PostgreSQL: admin shutdown (failover)
  '40001', // PostgreSQL: serialisation failure
  '40P01', // PostgreSQL: deadlock detected; the loser may try again
] as const;

/** HTTP statuses that mean "not now" rather than "never". */
const TRANSIENT_HTTP_STATUSES = [408, 425, 429, 500, 502, 503, 504] as const;

export function isTransientFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const { code, status, statusCode, cause } = error as {
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (TRANSIENT_ERROR_CODES as readonly string[]).includes(code)) return true;
  const http = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  if (http !== undefined) return (TRANSIENT_HTTP_STATUSES as readonly number[]).includes(http);
  if (cause !== undefined && cause !== error) return isTransientFailure(cause);
  // An error we cannot classify is treated as transient: after the retries it parks the request for
  // a person to look at, which is safer than undoing work because of a bug or an unknown hiccup.
  return true;
}
