import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from '../support/free-port';

/**
 * A real OpenID Provider for tests: `oidc-provider` (the certified Node implementation) on a loopback
 * port, with its development sign-in pages (any password; the login typed is the account), one
 * confidential client for Switchboard, refresh tokens, and RP-initiated logout. Every grant and
 * every token request is counted, so a test can see a refresh happen.
 */

export interface TestAccount {
  name?: string;
  /** The `groups` claim (released with the `groups` scope). */
  groups?: string[];
}

export interface OidcProviderOptions {
  /** The relying party's base URL: its redirect URI is `<base>/auth/callback`. */
  relyingPartyUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** Access-token lifetime in seconds (short ones make the relying party refresh). */
  accessTokenTtlS?: number;
  /** Where to listen; 127.0.0.1 and a free port by default (start:real and compose pick their own). */
  host?: string;
  port?: number;
  /** The issuer URL, when people and the apps reach the provider by another name than host:port. */
  issuer?: string;
}

export interface OidcProviderHandle {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Accounts by login; a login not here signs in with no extra claims. Change freely during a test. */
  readonly accounts: Map<string, TestAccount>;
  /** Token endpoint successes by grant type (authorization_code, refresh_token). */
  readonly grants: Record<string, number>;
  /** Ends every grant of `login`, so its refresh tokens stop working (as when an account is disabled). */
  revokeGrantsOf(login: string): Promise<void>;
  /** While true, every request is answered 503, as during an outage. */
  outage: boolean;
  /** While true, only the token endpoint answers 503: its pages work, the code exchange fails. */
  tokenOutage: boolean;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderHandle> {
  const host = options.host ?? HOST;
  const port = options.port ?? (await freePort(host));
  const issuer = options.issuer ?? `http://${host}:${port}`;
  const clientId = options.clientId ?? 'switchboard';
  const clientSecret = options.clientSecret ?? 'switchboard-test-secret';
  const accounts = new Map<string, TestAccount>();
  const grants: Record<string, number> = {};
  const grantsOf = new Map<string, Set<string>>();
  const base = options.relyingPartyUrl.replace(/\/$/, '');

  // A key of its own per run, so that no token from another run (or another copy) verifies.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const configuration: Configuration = {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: `test-${port}`, use: 'sig', alg: 'RS256' }] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${base}/auth/callback`],
        post_logout_redirect_uris: [`${base}/signed-out`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name'],
      groups: ['groups'],
    },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const account = accounts.get(sub) ?? {};
        return { sub, preferred_username: sub, name: account.name ?? sub, groups: account.groups ?? [] };
      },
    }),
    // A refresh token for every grant, not only for offline_access (as Keycloak and Entra ID do).
    issueRefreshToken: () => true,
    // Release the claims in the ID token too: relying parties read the login from it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenTtlS ?? 600,
      IdToken: 600,
      RefreshToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    cookies: { keys: ['test-only-cookie-key'] },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('grant.success', (ctx) => {
    const grantType = String((ctx.oidc.params?.grant_type as string | undefined) ?? 'unknown');
    grants[grantType] = (grants[grantType] ?? 0) + 1;
  });
  provider.on('grant.saved', (grant) => {
    const login = String(grant.accountId);
    if (!grantsOf.has(login)) grantsOf.set(login, new Set());
    grantsOf.get(login)!.add(String(grant.jti));
  });

  const callback = provider.callback();
  const handle = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    grants,
    outage: false,
    tokenOutage: false,
    async revokeGrantsOf(login: string): Promise<void> {
      for (const id of grantsOf.get(login) ?? []) {
        const grant = await provider.Grant.find(id);
        await grant?.destroy();
        // Refresh tokens live on their own in the adapter: revoke them by grant id.
        await provider.RefreshToken.revokeByGrantId(id);
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies Omit<OidcProviderHandle, 'stop'> & { stop(): Promise<void> };
  const server: Server = createServer((request, response) => {
    if (handle.outage || (handle.tokenOutage && request.url?.startsWith('/token'))) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      return;
    }
    void callback(request, response);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return handle;
}
