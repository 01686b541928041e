import type { PhoneTransport } from './polycom-phone';

/**
 * A Yealink phone's auto-provisioning as its guide documents it (firmware V81 and later), played
 * through `request`:
 *
 * 1. GET `<mac>.boot`, then `y000000000000.boot` (boot files; when neither exists the phone uses
 *    the CFG files, as here);
 * 2. GET the common file `y000000000000.cfg`, then the per-phone file `<mac>.cfg` (lower-case MAC);
 *    each starts with the line `#!version:1.0.0.1`, and a value in the per-phone file wins;
 * 3. with `static.auto_provision.custom.sync = 1`: GET its own changes, `<mac>-local.cfg` (404 on a
 *    first boot), and PUT that file when a setting changes on the phone.
 */

export interface YealinkBoot {
  requests: Array<{ method: string; file: string; status: number }>;
  parameters: Record<string, string>;
}

export class YealinkBootError extends Error {}

const VERSION_LINE = '#!version:1.0.0.1';

/** `key = value` lines of a Yealink CFG file (comments `#…` skipped; the version line checked). */
export function yealinkParameters(text: string, file: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== VERSION_LINE) throw new YealinkBootError(`${file} does not start with ${VERSION_LINE}`);
  const out: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at < 0) throw new YealinkBootError(`${file}: "${line}" is not key = value`);
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

export async function bootYealink(
  mac: string,
  request: PhoneTransport,
  options: { changedOnPhone?: string } = {},
): Promise<YealinkBoot> {
  const requests: YealinkBoot['requests'] = [];
  const call = async (method: 'GET' | 'PUT', file: string, body?: string) => {
    const answer = await request(method, file, body);
    requests.push({ method, file, status: answer.status });
    return answer;
  };
  for (const boot of [`${mac}.boot`, 'y000000000000.boot']) {
    const answer = await call('GET', boot);
    if (answer.status === 200)
      throw new YealinkBootError(`${boot} exists: this player plays the CFG files only`);
  }
  const parameters: Record<string, string> = {};
  for (const file of ['y000000000000.cfg', `${mac}.cfg`]) {
    const answer = await call('GET', file);
    if (answer.status !== 200) throw new YealinkBootError(`${file} answered ${answer.status}`);
    Object.assign(parameters, yealinkParameters(answer.body, file));
  }
  if (parameters['static.auto_provision.custom.sync'] === '1') {
    const local = await call('GET', `${mac}-local.cfg`);
    if (local.status !== 200 && local.status !== 404)
      throw new YealinkBootError(`${mac}-local.cfg answered ${local.status}`);
    if (options.changedOnPhone !== undefined) {
      const stored = await call('PUT', `${mac}-local.cfg`, `${VERSION_LINE}\n${options.changedOnPhone}\n`);
      if (stored.status !== 201) throw new YealinkBootError(`the upload answered ${stored.status}`);
    }
  }
  return { requests, parameters };
}
