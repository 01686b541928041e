import { isSystemError, systemRejected, systemUnavailable, type SystemError } from '../system-error';

/** Fault strings LanDB answers for the cases the driver turns into outcomes rather than errors. */
export const LANDB_FAULT_PATTERNS = {
  deviceExists: /^Device (\S+) already exists$/i,
  deviceNotFound: /^Device (\S+) not found$/i,
  hardwareAddressInUse: /^Hardware address (\S+) is already registered on device (\S+)$/i,
  invalidToken: /invalid or expired authentication token/i,
  authenticationFailed: /^Authentication failed/i,
} as const;

/**
 * Fault strings that mean "not now": LanDB is an Oracle-backed service whose outages surface as
 * faults naming the database, a timeout or a retry. Anything else in a fault (validation, a clash)
 * is LanDB saying no, which retrying cannot change.
 */
const TRANSIENT_FAULT_PATTERNS = [
  /temporar/i, // "Database temporarily unavailable"
  /unavailable/i,
  /try again|retry/i,
  /time(d)?[ -]?out/i,
  /ORA-(03113|03114|03135|12170|12514|12528|12537|12541|12543|12571|00060)/, // lost connection, listener, deadlock
  /deadlock|too many (connections|sessions)|busy/i,
];

/** Network-level failures of the HTTP call itself. */
const TRANSIENT_NETWORK_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED', // axios: the call's timeout elapsed
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
];

interface SoapFailure {
  code?: unknown;
  message?: unknown;
  response?: { status?: unknown };
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown; faultstring?: unknown } } } };
}

/** The faultstring of a node-soap error, when the server answered a SOAP Fault. */
export function faultString(error: unknown): string | undefined {
  const text = (error as SoapFailure | null)?.root?.Envelope?.Body?.Fault?.faultstring;
  return typeof text === 'string' ? text : undefined;
}

export function isFault(error: unknown, pattern: RegExp): RegExpExecArray | null {
  const text = faultString(error);
  return text === undefined ? null : pattern.exec(text);
}

/** Classifies a failed LanDB call; `doing` says what for the message. */
export function landbError(error: unknown, doing: string): SystemError {
  if (isSystemError(error)) return error;
  const failure = (error ?? {}) as SoapFailure;
  const fault = faultString(error);
  if (fault !== undefined) {
    const message = `LanDB, ${doing}: ${fault}`;
    // Bad credentials are the deployment's problem, not the request's: park it until they are fixed.
    if (LANDB_FAULT_PATTERNS.authenticationFailed.test(fault))
      return systemUnavailable('network', `${message} (check LANDB_USER and LANDB_PASSWORD)`, error);
    // A token refused even after a fresh getAuthToken: LanDB's session side is wrong, not the request.
    if (LANDB_FAULT_PATTERNS.invalidToken.test(fault)) return systemUnavailable('network', message, error);
    return TRANSIENT_FAULT_PATTERNS.some((p) => p.test(fault))
      ? systemUnavailable('network', message, error)
      : systemRejected('network', message, error);
  }
  const status = typeof failure.response?.status === 'number' ? failure.response.status : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (status !== undefined && status < 500 && status !== 408 && status !== 429)
    return systemRejected('network', `LanDB, ${doing}: HTTP ${status} ${detail}`, error);
  if (status !== undefined)
    return systemUnavailable('network', `LanDB, ${doing}: HTTP ${status} without a SOAP answer`, error);
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const network = code !== undefined && TRANSIENT_NETWORK_CODES.includes(code);
  // An error that is neither a fault nor an HTTP answer never reached LanDB's logic: retry it.
  return systemUnavailable('network', `LanDB, ${doing}: ${network ? `${code} ` : ''}${detail}`, error);
}
