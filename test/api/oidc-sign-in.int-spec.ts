import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { OidcVerifier } from '../../apps/api/src/auth/oidc-verifier';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';

const VIEWER = '{ viewer { login isServiceDesk unitAdminOf } }';
const AUDIENCE = 'switchboard';

/** A stand-in identity provider: a discovery document and a key set, served over real HTTP. */
class TestIdentityProvider {
  /** Paths asked for, in order. */
  readonly hits: string[] = [];
  /** While true, every answer is a 503, as during an outage of the identity provider. */
  outage = false;
  issuer = '';
  private server?: Server;

  private constructor(readonly signingKey: CryptoKey) {}

  static async start(): Promise<TestIdentityProvider> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    const provider = new TestIdentityProvider(privateKey);
    const server = createServer((request, response) => {
      provider.hits.push(request.url ?? '');
      if (provider.outage) return void response.writeHead(503).end();
      const json = (body: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const { issuer } = provider;
      if (request.url === '/realms/lab/.well-known/openid-configuration')
        return json({ issuer, jwks_uri: `${issuer}/keys`, authorization_endpoint: `${issuer}/auth` });
      if (request.url === '/realms/lab/keys') return json({ keys: [jwk] });
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    provider.server = server;
    provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/lab`;
    return provider;
  }

  async token(
    claims: JWTPayload,
    options: { key?: CryptoKey; kid?: string; issuer?: string; audience?: string; expiresAt?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(options.expiresAt ?? now + 300)
      .sign(options.key ?? this.signingKey);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A site outside sandbox mode on the test provider, with one person in the directory's desk group. */
async function startSite(
  env: Record<string, string> = {},
): Promise<{ idp: TestIdentityProvider; api: ApiWorld; desk: string }> {
  const idp = await TestIdentityProvider.start();
  const api = await ApiWorld.start({
    SWITCHBOARD_SANDBOX: 'false',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: AUDIENCE,
    SIP_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    ...env,
  });
  const desk = (await seedPerson(api.world.sandbox)).login;
  await new SandboxDirectoryDriver(api.world.sandbox).createGroup({
    name: 'phone-service-desk',
    description: 'desk',
    ownerLogin: desk,
    members: [desk],
  });
  return { idp, api, desk };
}

describe('production sign-in with OIDC bearer tokens (SWITCHBOARD_SANDBOX=false)', () => {
  let idp: TestIdentityProvider;
  let api: ApiWorld;
  let desk: string;
  let user: string;

  beforeAll(async () => {
    ({ idp, api, desk } = await startSite());
    user = (await seedPerson(api.world.sandbox)).login;
  });

  afterAll(async () => {
    await api?.stop();
    await idp?.stop();
  });

  const withToken = (token: string, query = VIEWER) =>
    api.graphql<{ viewer: { login: string; isServiceDesk: boolean } }>(query, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('accepts a valid token, found through the discovery document, with roles from the directory', async () => {
    const asDesk = await withToken(await idp.token({ preferred_username: desk }));
    expect(asDesk.errors).toBeUndefined();
    expect(asDesk.data!.viewer).toEqual({ login: desk, isServiceDesk: true, unitAdminOf: [] });
    const asUser = await withToken(await idp.token({ preferred_username: user.toUpperCase() }));
    expect(asUser.data!.viewer).toMatchObject({ login: user, isServiceDesk: false });

    // The roles are real: the desk's queue opens for the desk only.
    const queue = '{ deskRequests(first: 1) { pageInfo { hasNextPage } } }';
    expect((await withToken(await idp.token({ preferred_username: desk }), queue)).errors).toBeUndefined();
    expect(errorCodes(await withToken(await idp.token({ preferred_username: user }), queue))).toEqual([
      'FORBIDDEN',
    ]);
    expect(idp.hits).toContain('/realms/lab/.well-known/openid-configuration');
    expect(idp.hits).toContain('/realms/lab/keys');
  });

  it.each([
    [
      'an expired token',
      () => idp.token({ preferred_username: 'ada' }, { expiresAt: Math.floor(Date.now() / 1000) - 120 }),
      'Your sign-in has expired. Sign in again.',
    ],
    [
      'a token for another audience',
      () => idp.token({ preferred_username: 'ada' }, { audience: 'another-app' }),
      'This sign-in token was issued for another application (its audience is not Switchboard). Sign in to Switchboard itself.',
    ],
    [
      'a token from another issuer',
      () => idp.token({ preferred_username: 'ada' }, { issuer: 'https://evil.example/realms/lab' }),
      'This sign-in token was not issued by the identity provider Switchboard trusts. Sign in through the organisation sign-in page.',
    ],
    [
      'a token with a bad signature',
      async () =>
        idp.token({ preferred_username: 'ada' }, { key: (await generateKeyPair('RS256')).privateKey }),
      "This sign-in token's signature is not valid: it was altered or not signed by the identity provider. Sign in again.",
    ],
    [
      'a token signed with an unknown key id',
      async () =>
        idp.token(
          { preferred_username: 'ada' },
          { key: (await generateKeyPair('RS256')).privateKey, kid: 'key-from-elsewhere' },
        ),
      'This sign-in token is signed with a key the identity provider does not publish (unknown key id). Sign in again.',
    ],
    [
      'a token without the login claim',
      () => idp.token({ email: 'ada@example.org' }),
      'Your sign-in token has no "preferred_username" claim saying who you are. Ask the identity provider\'s administrators to release it to this application.',
    ],
    [
      'a token whose login claim is not a login',
      () => idp.token({ preferred_username: 'ada lovelace*' }),
      'The "preferred_username" claim of your sign-in token is not a directory login. Ask the identity provider\'s administrators to map it to your login.',
    ],
    [
      'a malformed token',
      () => Promise.resolve('not.a-jwt.at-all'),
      'The bearer token is not a well-formed signed JWT. Sign in again.',
    ],
    [
      'a token with a shared-secret algorithm',
      () =>
        new SignJWT({ preferred_username: 'ada' })
          .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
          .setIssuer(idp.issuer)
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('a-secret-anyone-could-have-0123456789')),
      'This sign-in token is signed with an algorithm Switchboard does not accept. Sign in through the organisation sign-in page.',
    ],
  ])('refuses %s with UNAUTHENTICATED and a clear message', async (_label, makeToken, message) => {
    const response = await withToken(await makeToken());
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0].message).toBe(message);
    expect(response.data?.viewer ?? null).toBeNull();
  });

  it('refuses a credential that is not a bearer token', async () => {
    const response = await api.graphql(VIEWER, { headers: { authorization: 'Basic YWRhOnNlY3JldA==' } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0].message).toBe(
      'Send your sign-in token as "Authorization: Bearer <token>". Sign in again.',
    );
  });

  it('refuses the demo account selector outside sandbox mode, even beside a valid token', async () => {
    const response = await api.graphql(VIEWER, {
      user: desk,
      headers: { authorization: `Bearer ${await idp.token({ preferred_username: user })}` },
    });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0].message).toMatch(/works only in sandbox mode/);
  });

  it('refuses anonymous calls', async () => {
    expect(errorCodes(await api.graphql(VIEWER))).toEqual(['UNAUTHENTICATED']);
  });

  describe('the verifier on its own', () => {
    it('uses OIDC_JWKS_URL directly when it is set, without discovery', async () => {
      const before = idp.hits.length;
      const verifier = new OidcVerifier({
        issuer: idp.issuer,
        audience: AUDIENCE,
        jwksUrl: `${idp.issuer}/keys`,
        loginClaim: 'uid',
      });
      expect(await verifier.verify(await idp.token({ uid: 'grace' }))).toEqual({
        login: 'grace',
        groups: [],
      });
      expect(idp.hits.slice(before)).toEqual(['/realms/lab/keys']);
    });

    it('says the identity provider is unreachable during an outage, and tries again on the next sign-in', async () => {
      const verifier = new OidcVerifier({
        issuer: idp.issuer,
        audience: AUDIENCE,
        loginClaim: 'preferred_username',
      });
      const token = await idp.token({ preferred_username: 'ada' });
      idp.outage = true;
      try {
        expect(await verifier.verify(token)).toEqual({
          refused:
            'The identity provider could not be reached to check your sign-in. Try again in a moment; if it keeps happening, contact the service desk.',
        });
      } finally {
        idp.outage = false;
      }
      expect(await verifier.verify(token)).toEqual({ login: 'ada', groups: [] });
    });

    it('refuses a discovery document that names another issuer', async () => {
      const verifier = new OidcVerifier({
        issuer: `${idp.issuer}/../lab`,
        audience: AUDIENCE,
        loginClaim: 'preferred_username',
      });
      expect(await verifier.verify(await idp.token({ preferred_username: 'ada' }))).toEqual({
        refused: expect.stringMatching(/^The identity provider could not be reached/),
      });
    });
  });
});

describe('roles from a token claim (ROLES_SOURCE=claim)', () => {
  let idp: TestIdentityProvider;
  let api: ApiWorld;
  let inDirectoryDesk: string;

  beforeAll(async () => {
    // In the directory's desk group, so a lookup there would make them the desk: the claim must win.
    ({
      idp,
      api,
      desk: inDirectoryDesk,
    } = await startSite({ ROLES_SOURCE: 'claim', OIDC_GROUPS_CLAIM: 'roles' }));
  });

  afterAll(async () => {
    await api?.stop();
    await idp?.stop();
  });

  const as = async (claims: JWTPayload, query = VIEWER) =>
    api.graphql<{ viewer: { login: string; isServiceDesk: boolean; unitAdminOf: string[] } }>(query, {
      headers: { authorization: `Bearer ${await idp.token(claims)}` },
    });
  const queue = '{ deskRequests(first: 1) { pageInfo { hasNextPage } } }';

  it('gives the roles the claim names, on each request, and none the claim leaves out', async () => {
    const login = (await seedPerson(api.world.sandbox)).login;
    const withRoles = await as({
      preferred_username: login,
      roles: ['phone-service-desk', 'phone-admins-it'],
    });
    expect(withRoles.errors).toBeUndefined();
    expect(withRoles.data!.viewer).toEqual({ login, isServiceDesk: true, unitAdminOf: ['IT'] });
    expect(
      (await as({ preferred_username: login, roles: ['phone-service-desk'] }, queue)).errors,
    ).toBeUndefined();

    // The next token no longer names the desk group: the role is gone on that request.
    expect(errorCodes(await as({ preferred_username: login, roles: ['staff'] }, queue))).toEqual([
      'FORBIDDEN',
    ]);
    expect((await as({ preferred_username: login })).data!.viewer).toEqual({
      login,
      isServiceDesk: false,
      unitAdminOf: [],
    });
  });

  it('does not read the directory groups: a directory desk member without the claim is not the desk', async () => {
    const response = await as({ preferred_username: inDirectoryDesk });
    expect(response.data!.viewer).toMatchObject({ login: inDirectoryDesk, isServiceDesk: false });
    expect(errorCodes(await as({ preferred_username: inDirectoryDesk }, queue))).toEqual(['FORBIDDEN']);
  });
});
