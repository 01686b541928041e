import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';

/**
 * How the provisioning server decides whether a request may read or write a phone's files
 * (docs/provisioning.md has the threat model). Pure functions, so every case is unit-tested.
 */

/** A per-device secret as `newProvisioningSecret` makes it: 32 random bytes in base64url. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The first characters of a secret, used as a database lookup key (66 bits). Only this part is
 * compared by the database, whose comparison may take longer for longer matching prefixes; the whole
 * secret is then compared in constant time, so timing can reveal at most the selector, which alone
 * opens nothing (the "selector/verifier" split).
 */
export const SECRET_SELECTOR_LENGTH = 11;

export function secretSelector(secret: string): string {
  return secret.slice(0, SECRET_SELECTOR_LENGTH);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether `presented` equals `stored`, in time that depends on neither: both are hashed first, so
 * even their lengths are compared without a shortcut.
 */
export function secretsMatch(stored: string, presented: string): boolean {
  return timingSafeEqual(digest(stored), digest(presented));
}

/** The identity of the device a secret belongs to, as far as the decision needs it. */
export interface DeviceIdentity {
  mac: string;
  /** The address of its DHCP reservation; null when none was recorded. */
  ipAddress: string | null;
}

export type AccessDecision =
  | { allow: true }
  | {
      allow: false;
      /** 404: nothing here for you (unknown secret, another phone's file); 403: right secret, wrong place. */
      status: 403 | 404;
      /** For the server's log, never for the response body. */
      reason: string;
    };

/** `::ffff:10.0.0.7` (an IPv4 client on a dual-stack socket) is `10.0.0.7`. */
export function normaliseAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped && isIPv4(mapped[1]) ? mapped[1] : address.toLowerCase();
}

/**
 * The decision for one request, after the secret in its path was looked up (`device` is null when
 * no live phone has that secret).
 * - `fileMac`: the MAC named by the file (`<mac>.cfg`, `phone<mac>.cfg`, `<mac>-phone.cfg`), null for a family-wide
 *   file such as the master `000000000000.cfg`;
 * - `sourceAddress`: the TCP peer; `checkSource`: whether it must be the reservation's address.
 */
export function decideAccess(input: {
  device: DeviceIdentity | null;
  fileMac: string | null;
  sourceAddress: string | undefined;
  checkSource: boolean;
}): AccessDecision {
  const { device, fileMac } = input;
  if (!device) return { allow: false, status: 404, reason: 'no live phone has this secret' };
  if (fileMac !== null && fileMac !== device.mac) {
    return {
      allow: false,
      status: 404,
      reason: `the secret of ${device.mac} asked for a file of ${fileMac}`,
    };
  }
  if (input.checkSource) {
    const source = normaliseAddress(input.sourceAddress);
    if (!device.ipAddress) {
      return {
        allow: false,
        status: 403,
        reason: `${device.mac} has no reserved address to check the source against`,
      };
    }
    if (source !== normaliseAddress(device.ipAddress)) {
      return {
        allow: false,
        status: 403,
        reason: `the secret of ${device.mac} was used from ${source ?? 'an unknown address'}, not from its reserved address ${device.ipAddress}`,
      };
    }
  }
  return { allow: true };
}
