import { SECRET_PATTERN } from './device-auth';

/**
 * What a phone may ask the provisioning server for: `/p/<secret>/<file>`, the boot URL DHCP gave it
 * (see boot-url.ts) followed by a file name. Anything else is refused before any lookup, so odd
 * input never reaches the database or the file system.
 */

export interface ProvisioningPath {
  secret: string;
  fileName: string;
}

// A file name is one path segment of these characters, not starting with a dot. Phones ask for
// plain names, so a percent sign (an encoded slash or dot) is refused rather than decoded.
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/** Splits a request target into the secret and the file name; null when it is not of that form. */
export function parseProvisioningPath(target: string): ProvisioningPath | null {
  const path = target.split('?', 1)[0];
  const match = /^\/p\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) return null;
  const [, secret, fileName] = match;
  if (!SECRET_PATTERN.test(secret) || !FILE_NAME.test(fileName) || fileName.includes('..')) return null;
  return { secret, fileName };
}

/**
 * What a phone uploads: its settings overrides and its logs (Polycom: `<mac>-phone.cfg`,
 * `<mac>-web.cfg`, `<mac>-app.log`; Yealink: `<mac>-local.cfg`).
 */
const UPLOAD_NAME = /^([0-9a-fA-F]{12})-(phone\.cfg|web\.cfg|local\.cfg|[a-z0-9]{1,32}\.log)$/;

/** The phone's MAC and the canonical file name when `fileName` is an upload name; else null. */
export function parseUploadName(fileName: string): { mac: string; fileName: string } | null {
  const match = UPLOAD_NAME.exec(fileName);
  if (!match) return null;
  const mac = match[1].toLowerCase();
  return { mac, fileName: `${mac}-${match[2]}` };
}
