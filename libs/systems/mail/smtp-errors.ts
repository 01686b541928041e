import { systemRejected, systemUnavailable, type SystemError } from '../system-error';

/** nodemailer's codes for a connection that failed or timed out: try again later. */
const TRANSIENT_CODES = {
  ECONNECTION: 'could not connect, or the server closed the connection',
  ETIMEDOUT: 'connection, greeting or socket timeout',
  ESOCKET: 'socket error',
  EDNS: 'the host name did not resolve',
  ECONNREFUSED: 'nothing listens on the port',
  ECONNRESET: 'the connection dropped',
  // Our own credentials or TLS setup: a configuration problem for a person, so retry (then fail the
  // best-effort step visibly) rather than give up at once.
  EAUTH: 'authentication failed',
  ETLS: 'TLS negotiation failed',
} as const;

/** nodemailer's codes for a message it refused to send (no server involved): never retried. */
const PERMANENT_CODES = {
  EENVELOPE: 'no recipients, or an invalid address',
  EMESSAGE: 'the message could not be built',
} as const;

/**
 * RFC 5321 4.2.1: 4yz replies are transient ("451 try again later"), 5yz permanent ("550 no such
 * user"). The reply code wins over nodemailer's error code.
 */
export function classifySmtpError(error: unknown): SystemError {
  const { code, responseCode, message } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const text = `SMTP: ${typeof message === 'string' ? message : String(error)}`;
  if (typeof responseCode === 'number') {
    if (responseCode >= 400 && responseCode < 500) return systemUnavailable('mail', text);
    if (responseCode >= 500) return systemRejected('mail', text);
  }
  if (typeof code === 'string' && code in PERMANENT_CODES) return systemRejected('mail', text);
  if (typeof code === 'string' && code in TRANSIENT_CODES) return systemUnavailable('mail', text);
  return systemUnavailable('mail', text);
}
