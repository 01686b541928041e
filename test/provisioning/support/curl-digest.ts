import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { POLYCOM_USER_AGENT, type PhoneResponse } from './phone-http';
import type { PhoneTransport } from './polycom-phone';

const run = promisify(execFile);

/**
 * curl, a real HTTP client, performing digest with these credentials (it sends the request, reads
 * the server's challenge and answers it, as a phone with provisioning-server credentials does).
 */
export function curl(
  url: string,
  options: { method: string; body?: string; user: string; password: string },
) {
  return run('curl', [
    '--silent', '--show-error', '--digest', '--user', `${options.user}:${options.password}`,
    '--user-agent', POLYCOM_USER_AGENT, '--request', options.method,
    ...(options.body !== undefined ? ['--data-binary', options.body] : []),
    '--write-out', '\n%{http_code}', url,
  ]).then(({ stdout }): PhoneResponse => {
    const at = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(at + 1)), body: stdout.slice(0, at), headers: {} };
  }); // prettier-ignore
}

/** The phone's requests under its boot path `base`, made by curl performing digest as `user`. */
export const overCurlDigest =
  (url: string, base: string, user: string, password: string): PhoneTransport =>
  (method, file, body) =>
    curl(`${url}${base}${file}`, { method, body, user, password });
