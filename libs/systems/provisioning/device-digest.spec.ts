import { buildAuthorizationHeader, DIGEST, parseWWWAuthenticateHeader } from 'http-auth-utils';
import { DeviceDigest, DIGEST_REALM, digestRequired, NONCE_LIFETIME_MS } from './device-digest';

const KEY = Buffer.alloc(32, 7);
const OLD_KEY = Buffer.alloc(32, 9);
const MAC = '0004f2a1b2c3';
const SECRET = 'S'.repeat(43);
const URI = `/p/${SECRET}/phone${MAC}.cfg`;

/** What a client that knows `password` answers to `challenge` (http-auth-utils on the client side). */
function answer(
  challenge: string,
  options: { password: string; user?: string; uri?: string; method?: string; realm?: string },
): string {
  const { data } = parseWWWAuthenticateHeader(challenge, [DIGEST]);
  const fields = {
    username: options.user ?? MAC,
    realm: options.realm ?? data.realm,
    nonce: data.nonce,
    uri: options.uri ?? URI,
    qop: 'auth',
    nc: '00000001',
    cnonce: '0a4f113b',
  };
  const response = DIGEST.computeHash({
    ...fields,
    password: options.password,
    method: options.method ?? 'GET',
    algorithm: 'md5',
  });
  return buildAuthorizationHeader(DIGEST, { ...fields, response });
}

describe('per-device HTTP digest', () => {
  let clock = 1_800_000_000_000;
  const digest = new DeviceDigest([KEY], () => clock);
  const password = digest.passwordFor(MAC, SECRET);
  const verify = (header: string, extra: { method?: string; uri?: string; mac?: string } = {}) =>
    digest.verify({
      header,
      method: extra.method ?? 'GET',
      uri: extra.uri ?? URI,
      mac: extra.mac ?? MAC,
      provisioningSecret: SECRET,
    });

  it('challenges with our realm, qop=auth and a nonce', () => {
    const { type, data } = parseWWWAuthenticateHeader(digest.challenge(MAC), [DIGEST]);
    expect(type).toBe('Digest');
    expect(data).toMatchObject({ realm: DIGEST_REALM, qop: 'auth' });
    expect(data.nonce).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{27}$/);
  });

  it('derives a password per phone and per secret, which the URL alone does not give', () => {
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(digest.passwordFor(MAC, 'T'.repeat(43))).not.toBe(password);
    expect(digest.passwordFor('0004f2a1b2c4', SECRET)).not.toBe(password);
    expect(new DeviceDigest([OLD_KEY]).passwordFor(MAC, SECRET)).not.toBe(password);
  });

  it('admits the right answer to its challenge', () => {
    expect(verify(answer(digest.challenge(MAC), { password }))).toEqual({ ok: true });
  });

  it.each([
    ['a wrong password', { password: 'guess' }, {}, 'does not match'],
    ['another user', { password, user: '0004f2a1b2c4' }, {}, 'not this phone'],
    ['another realm', { password, realm: 'elsewhere' }, {}, 'realm'],
    ['another uri than the request', { password, uri: `/p/${SECRET}/${MAC}.cfg` }, {}, 'uri'],
    ['another method', { password, method: 'PUT' }, {}, 'does not match'],
    [
      'an answer from this phone’s URL by another phone',
      { password },
      { mac: '0004f2a1b2c4' },
      'not this phone',
    ],
  ])('refuses %s', (_case, client, request, reason) => {
    const verdict = verify(answer(digest.challenge(MAC), client), request);
    expect(verdict).toMatchObject({ ok: false });
    expect(verdict.ok === false && verdict.reason).toContain(reason);
  });

  it('refuses a nonce it did not issue and headers that are not digest', () => {
    const forged = answer(digest.challenge(MAC), { password }).replace(/nonce="[^"]+"/, 'nonce="abc.def"');
    expect(verify(forged)).toMatchObject({ ok: false, reason: expect.stringContaining('nonce') });
    expect(verify('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toMatchObject({ ok: false });
    expect(verify('Digest username="x"')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('malformed'),
    });
    const withoutQop = answer(digest.challenge(MAC), { password }).replace(/, qop="auth", nc="00000001"/, '');
    expect(verify(withoutQop)).toMatchObject({ ok: false });
  });

  it('asks again with stale=true when the right answer comes to an expired nonce', () => {
    const header = answer(digest.challenge(MAC), { password });
    clock += NONCE_LIFETIME_MS + 1;
    expect(verify(header)).toEqual({ ok: false, reason: 'digest nonce expired', stale: true });
    expect(verify(answer(digest.challenge(MAC), { password }))).toEqual({ ok: true });
  });

  it('during a key rotation, admits a password derived from a previous key', () => {
    const rotated = new DeviceDigest([Buffer.alloc(32, 1), KEY], () => clock);
    expect(rotated.passwordFor(MAC, SECRET)).not.toBe(password);
    const header = answer(rotated.challenge(MAC), { password });
    expect(rotated.verify({ header, method: 'GET', uri: URI, mac: MAC, provisioningSecret: SECRET })).toEqual(
      {
        ok: true,
      },
    );
  });
});

describe('when digest is required (the migration path)', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const HOUR = 3_600_000;

  it('not before the phone was given its credentials', () => {
    expect(digestRequired({ deliveredAt: null, verifiedAt: null }, now, HOUR)).toBe(false);
  });
  it('not during the grace after they were given', () => {
    expect(digestRequired({ deliveredAt: ago(HOUR - 1), verifiedAt: null }, now, HOUR)).toBe(false);
  });
  it('once the grace is over', () => {
    expect(digestRequired({ deliveredAt: ago(HOUR), verifiedAt: null }, now, HOUR)).toBe(true);
  });
  it('as soon as the phone has once authenticated by digest, grace or not', () => {
    expect(digestRequired({ deliveredAt: ago(1), verifiedAt: ago(1) }, now, HOUR)).toBe(true);
  });
});
