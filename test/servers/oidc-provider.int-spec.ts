import * as client from 'openid-client';
import { startOidcProvider, type OidcProviderHandle } from './oidc-provider';

// The test identity provider itself, before the sign-in tests lean on it: discovery through a
// maintained client, the endpoints the portal's sign-in needs, and its outage switch.
describe('the test OpenID Provider (oidc-provider)', () => {
  let idp: OidcProviderHandle;

  beforeAll(async () => {
    idp = await startOidcProvider({ relyingPartyUrl: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await idp?.stop();
  });

  const discover = () =>
    client.discovery(new URL(idp.issuer), idp.clientId, idp.clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });

  it('publishes a discovery document with the endpoints of code flow, PKCE, refresh and logout', async () => {
    const metadata = (await discover()).serverMetadata();
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.authorization_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(metadata.token_endpoint).toBeDefined();
    expect(metadata.end_session_endpoint).toBeDefined();
    expect(metadata.code_challenge_methods_supported).toContain('S256');
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token']),
    );
  });

  it('sends its sign-in page for an authorization request with PKCE', async () => {
    const config = await discover();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:9/auth/callback',
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state: client.randomState(),
    });
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const interaction = await fetch(new URL(first.headers.get('location')!, idp.issuer), {
      headers: {
        cookie: first.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
    });
    expect(interaction.status).toBe(200);
    expect(await interaction.text()).toContain('name="login"');
  });

  it('answers 503 to everything during an outage', async () => {
    idp.outage = true;
    try {
      await expect(discover()).rejects.toThrow();
    } finally {
      idp.outage = false;
    }
    await expect(discover()).resolves.toBeDefined();
  });
});
