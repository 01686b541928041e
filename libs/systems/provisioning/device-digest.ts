import { createHmac, timingSafeEqual } from 'node:crypto';
import { buildWWWAuthenticateHeader, DIGEST, parseAuthorizationHeader } from 'http-auth-utils';

/**
 * HTTP digest (RFC 2617, MD5, qop=auth) per device, a second factor next to the secret in the boot
 * URL (docs/provisioning.md, "Digest"). The user name is the phone's MAC; its password is derived
 * from a server key and the phone's current per-device secret, so it needs no storage, is new
 * whenever the secret is (a new registration), and cannot be computed from the URL alone. Nonces are
 * stateless (a time and an HMAC), so every replica checks every other's. Header parsing and the
 * response hash are http-auth-utils'; the comparisons are constant-time here.
 */

export const DIGEST_REALM = 'switchboard-provisioning';
/** How long a challenge's nonce is accepted; an older one gets a new challenge with `stale=true`. */
export const NONCE_LIFETIME_MS = 5 * 60_000;
const PASSWORD_LENGTH = 24;

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

const sameText = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length === y.length && timingSafeEqual(x, y);
};

export type DigestVerdict = { ok: true } | { ok: false; reason: string; stale?: boolean };

export class DeviceDigest {
  private readonly nonceKey: Buffer;

  /**
   * `keys`: the current key first, then previous ones (a key rotation): a phone still holding a
   * password derived from a previous key is let in, and its next line file carries the current one.
   */
  constructor(
    private readonly keys: readonly Buffer[],
    private readonly now: () => number = Date.now,
  ) {
    if (keys.length === 0) throw new Error('DeviceDigest needs a key');
    this.nonceKey = hmac(keys[0], 'provisioning-digest-nonce');
  }

  /** The password a phone is given in its line file (`device.prov.password` on a Polycom). */
  passwordFor(mac: string, provisioningSecret: string, key = this.keys[0]): string {
    return hmac(key, `provisioning-digest:${mac}:${provisioningSecret}`)
      .toString('base64url')
      .slice(0, PASSWORD_LENGTH);
  }

  /** A nonce for this phone: `<time, base 36>.<HMAC of the time and the MAC>`. */
  nonce(mac: string): string {
    const time = this.now().toString(36);
    return `${time}.${hmac(this.nonceKey, `${time}.${mac}`).toString('base64url').slice(0, 27)}`;
  }

  private nonceState(nonce: string, mac: string): 'fresh' | 'stale' | 'forged' {
    const [time, tag, extra] = nonce.split('.');
    if (!time || !tag || extra !== undefined) return 'forged';
    const expected = hmac(this.nonceKey, `${time}.${mac}`).toString('base64url').slice(0, 27);
    if (!sameText(tag, expected)) return 'forged';
    const age = this.now() - parseInt(time, 36);
    return age >= 0 && age <= NONCE_LIFETIME_MS ? 'fresh' : 'stale';
  }

  /** `WWW-Authenticate` for a 401: a fresh nonce for this phone; `stale` when only the nonce was old. */
  challenge(mac: string, stale = false): string {
    return buildWWWAuthenticateHeader(DIGEST, {
      realm: DIGEST_REALM,
      nonce: this.nonce(mac),
      qop: 'auth',
      ...(stale ? { stale: 'true' as const } : {}),
    });
  }

  /**
   * Checks an `Authorization` header for a request of the phone `mac` (whose current secret is
   * `provisioningSecret`) to `uri`, the request target exactly as sent.
   */
  verify(input: {
    header: string;
    method: string;
    uri: string;
    mac: string;
    provisioningSecret: string;
  }): DigestVerdict {
    let data: ReturnType<typeof DIGEST.parseAuthorizationRest>;
    try {
      const parsed = parseAuthorizationHeader(input.header, [DIGEST]);
      data = parsed.data;
    } catch {
      return { ok: false, reason: 'malformed or non-digest Authorization header' };
    }
    if (!sameText(data.username, input.mac)) return { ok: false, reason: 'digest user is not this phone' };
    if (data.realm !== DIGEST_REALM) return { ok: false, reason: 'digest realm is not ours' };
    if (data.uri !== input.uri) return { ok: false, reason: 'digest uri is not the request target' };
    const { qop, nc, cnonce } = data;
    if (qop !== 'auth' || !nc || !cnonce)
      return { ok: false, reason: 'digest without qop=auth, nc and cnonce' };
    if (data.algorithm !== undefined && data.algorithm.toUpperCase() !== 'MD5')
      return { ok: false, reason: `digest algorithm ${data.algorithm} is not MD5` };
    const nonce = this.nonceState(data.nonce, input.mac);
    if (nonce === 'forged') return { ok: false, reason: 'digest nonce is not one we issued to this phone' };
    const matches = this.keys.some((key) => {
      const expected = DIGEST.computeHash({
        username: data.username,
        realm: DIGEST_REALM,
        password: this.passwordFor(input.mac, input.provisioningSecret, key),
        method: input.method,
        uri: data.uri,
        nonce: data.nonce,
        nc,
        cnonce,
        qop,
        algorithm: 'md5',
      });
      return sameText(expected, data.response.toLowerCase());
    });
    if (!matches) return { ok: false, reason: 'digest response does not match the phone’s password' };
    // A right answer to an old nonce: the phone knows the password, it only needs a new nonce.
    if (nonce === 'stale') return { ok: false, reason: 'digest nonce expired', stale: true };
    return { ok: true };
  }
}

/** Per-device digest state, as the inventory keeps it (ip_phones). */
export interface DigestState {
  /** When the phone first downloaded a line file with its digest credentials. */
  deliveredAt: Date | null;
  /** When it first authenticated by digest. */
  verifiedAt: Date | null;
}

/**
 * Whether a request of this phone must carry a valid digest. The migration path for phones in the
 * field: a phone that has not yet been given its credentials is served on the secret alone (its
 * line file gives them); once given, it has `graceMs` to apply them (a Polycom reboots with new
 * `device.*` settings); after that, or as soon as it has once authenticated by digest, every
 * request must.
 */
export function digestRequired(state: DigestState, now: Date, graceMs: number): boolean {
  if (state.verifiedAt) return true;
  return state.deliveredAt !== null && now.getTime() - state.deliveredAt.getTime() >= graceMs;
}
