import { systemRejected, systemUnavailable, type SystemError } from '../system-error';

/**
 * How failures of Kamailio's PostgreSQL database are classified (SQLSTATE classes of the
 * PostgreSQL manual, appendix A). Only the code and message are kept: no query parameters (which
 * hold password digests) ever reach a message.
 */

/** SQLSTATE classes that mean "the data was refused": retrying the same write cannot help. */
const PERMANENT_SQLSTATE_CLASSES = {
  '22': 'data exception (a value too long or malformed)',
  '23': 'integrity constraint violation',
} as const;

/** Node socket errors: the database is restarting, failing over or unreachable. */
const CONNECTION_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
];

// Everything else is transient: connection exceptions (08), admin shutdown or cannot-connect-now
// (57P0x), too many connections (53300), serialisation failures and deadlocks (40001, 40P01), lock
// timeouts (55P03), and also a missing table (42P01): a deployment mistake that a person fixes,
// after which the parked request is retried rather than undone.
export function classifyPbxDatabaseError(operation: string, error: unknown): SystemError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = `Kamailio database: ${operation} failed: ${typeof message === 'string' ? message : String(error)}`;
  if (typeof code === 'string' && code.length === 5 && code.slice(0, 2) in PERMANENT_SQLSTATE_CLASSES) {
    return systemRejected('pbx', `${text} (SQLSTATE ${code})`);
  }
  if (typeof code === 'string' && CONNECTION_CODES.includes(code)) return systemUnavailable('pbx', text);
  return systemUnavailable('pbx', typeof code === 'string' ? `${text} (${code})` : text);
}
