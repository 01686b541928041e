import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { OidcVerifier } from './oidc-verifier';

const AUDIENCE = 'switchboard';

/** A key set served over real HTTP, whose keys the test rotates; it counts the fetches. */
class KeySetServer {
  keys: JWK[] = [];
  fetches = 0;
  url = '';
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((_request, response) => {
      this.fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/keys`;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

async function signingKey(kid: string): Promise<{ kid: string; privateKey: CryptoKey; jwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

const ISSUER = 'https://id.example.org/realms/lab';

function token(
  key: { kid: string; privateKey: CryptoKey },
  times: { notBefore?: number; expiresAt?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ preferred_username: 'ada' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(times.expiresAt ?? now + 300);
  if (times.notBefore !== undefined) jwt.setNotBefore(times.notBefore);
  return jwt.sign(key.privateKey);
}

const verifierFor = (jwksUrl: string) =>
  new OidcVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl, loginClaim: 'preferred_username' });

describe('OIDC bearer verification: key rotation, nbf and the clock tolerance (jose, real HTTP key set)', () => {
  const server = new KeySetServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  afterEach(() => jest.restoreAllMocks());

  it('refetches the key set when a token names a key id it has not seen, once its 30 s cooldown has passed', async () => {
    const first = await signingKey('key-1');
    const second = await signingKey('key-2');
    server.keys = [first.jwk];
    server.fetches = 0;
    const verifier = verifierFor(server.url);

    expect(await verifier.verify(await token(first))).toEqual({ login: 'ada', groups: [] });
    expect(server.fetches).toBe(1);

    // The provider rotates to a new key. Right after a fetch, jose does not fetch again (its
    // cooldown), so a token from the new key is refused as an unknown key id ...
    server.keys = [first.jwk, second.jwk];
    const rotated = await token(second);
    expect(await verifier.verify(rotated)).toEqual({
      refused: expect.stringContaining('unknown key id'),
    });
    expect(server.fetches).toBe(1);

    // ... and 31 s later the unknown key id makes it fetch the key set again and accept the token.
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
    expect(await verifier.verify(rotated)).toEqual({ login: 'ada', groups: [] });
    expect(server.fetches).toBe(2);
    // A known key id needs no fetch.
    expect(await verifier.verify(await token(first))).toEqual({ login: 'ada', groups: [] });
    expect(server.fetches).toBe(2);
  });

  it('refuses a token signed with a key the provider does not publish', async () => {
    const published = await signingKey('key-1');
    const stranger = await signingKey('key-9');
    server.keys = [published.jwk];
    server.fetches = 0;
    const verifier = verifierFor(server.url);
    expect(await verifier.verify(await token(stranger))).toEqual({
      refused: expect.stringContaining('unknown key id'),
    });
    expect(server.fetches).toBe(1);
  });

  describe('not-before and expiry, within and beyond the 30 s clock tolerance', () => {
    let key: { kid: string; privateKey: CryptoKey; jwk: JWK };
    let verifier: OidcVerifier;
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      key = await signingKey('key-clock');
      server.keys = [key.jwk];
      verifier = verifierFor(server.url);
    });

    it('accepts a token valid from 20 s in the future (the provider’s clock runs ahead)', async () => {
      expect(await verifier.verify(await token(key, { notBefore: now() + 20 }))).toEqual({
        login: 'ada',
        groups: [],
      });
    });

    it('refuses a token valid only from 60 s in the future, saying it is not valid yet', async () => {
      expect(await verifier.verify(await token(key, { notBefore: now() + 60 }))).toEqual({
        refused: expect.stringContaining('not valid yet'),
      });
    });

    it('accepts a token expired 20 s ago, and refuses one expired 60 s ago as expired', async () => {
      expect(await verifier.verify(await token(key, { expiresAt: now() - 20 }))).toEqual({
        login: 'ada',
        groups: [],
      });
      expect(await verifier.verify(await token(key, { expiresAt: now() - 60 }))).toEqual({
        refused: 'Your sign-in has expired. Sign in again.',
      });
    });
  });
});
