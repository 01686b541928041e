import { isSystemError, systemRejected, systemUnavailable, type SystemError } from '../system-error';

/**
 * Classifies a failure of Kea's host database. Only data the database refuses (SQLSTATE classes 22
 * and 23) is permanent. Everything else is transient: the server down, restarting or slow
 * (08, 53, 57, 58, pool and read timeouts, ECONNREFUSED), a lost race (40) — and also
 * misconfiguration such as a wrong password (28) or a database without Kea's schema (3D, 42),
 * because those are not the request's fault: the request parks until someone fixes the setting
 * and retries it, instead of compensating.
 */
const PERMANENT_SQLSTATE_CLASSES = [
  '22', // data exception: a value the column cannot hold
  '23', // integrity constraint violation: e.g. the MAC reserved twice in the subnet
] as const;

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function keaDatabaseError(error: unknown, doing: string): SystemError {
  if (isSystemError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const state = sqlState(error);
  const message = `Kea host database, ${doing}: ${detail}${state ? ` (SQLSTATE ${state})` : ''}`;
  if (state && (PERMANENT_SQLSTATE_CLASSES as readonly string[]).includes(state.slice(0, 2)))
    return systemRejected('dhcp', message, error);
  return systemUnavailable('dhcp', message, error);
}
