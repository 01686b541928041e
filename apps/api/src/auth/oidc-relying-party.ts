import { Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../../../libs/config/sign-in-config';

/** What the API keeps between the redirect to the provider and its answer. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** The portal path to go back to. */
  returnTo: string;
}

/** The provider's answer, reduced to what a session keeps. */
export interface ProviderTokens {
  claims: Record<string, unknown>;
  idToken?: string;
  refreshToken?: string;
  /** When the access token runs out (the session refreshes then). */
  expiresAt?: Date;
}

/** Why signing in or refreshing failed, in categories the portal explains to the person. */
export type ProviderFailure =
  | { kind: 'unavailable'; detail: string }
  | { kind: 'refused'; detail: string }
  | { kind: 'invalid'; detail: string };

export class ProviderError extends Error {
  constructor(readonly failure: ProviderFailure) {
    super(`${failure.kind}: ${failure.detail}`);
    this.name = 'ProviderError';
  }
}

const TIMEOUT_S = 5;
const NOT_AN_ANSWER = new Set(['OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_RESPONSE_IS_NOT_CONFORM']);

/**
 * The portal's side of OpenID Connect, all through openid-client: discovery, the authorization
 * request with PKCE (S256), state and nonce, the code exchange with ID-token validation, refresh,
 * and RP-initiated logout. Nothing here parses a token or builds a protocol message by hand.
 */
export class OidcRelyingParty {
  private readonly logger = new Logger(OidcRelyingParty.name);
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly settings: OidcConfig & { client: NonNullable<OidcConfig['client']> },
    /** Where the provider sends people back: `<public URL>/auth/callback`. */
    readonly redirectUri: string,
    /** Where the provider sends people after signing out: `<public URL>/signed-out`. */
    readonly postLogoutRedirectUri: string,
  ) {}

  async beginSignIn(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.discovered();
    const pending: PendingSignIn = {
      codeVerifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.client.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Checks the provider's redirect (state, errors), exchanges the code, validates the ID token. */
  async finishSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderTokens> {
    const config = await this.discovered();
    try {
      const response = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      return tokensOf(response);
    } catch (error) {
      throw new ProviderError(classify(error));
    }
  }

  async refresh(refreshToken: string): Promise<ProviderTokens> {
    const config = await this.discovered();
    try {
      return tokensOf(await oidc.refreshTokenGrant(config, refreshToken));
    } catch (error) {
      throw new ProviderError(classify(error));
    }
  }

  /** The provider's logout page for this ID token, when it offers RP-initiated logout. */
  async endSessionUrl(idToken: string | undefined): Promise<URL | undefined> {
    let config: oidc.Configuration;
    try {
      config = await this.discovered();
    } catch {
      return undefined;
    }
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: this.postLogoutRedirectUri,
      ...(idToken ? { id_token_hint: idToken } : {}),
    });
  }

  /** Discovery, cached once it worked; a failure is tried again on the next sign-in. */
  private async discovered(): Promise<oidc.Configuration> {
    try {
      return await (this.configuration ??= this.discover());
    } catch (error) {
      this.configuration = undefined;
      const failure = classify(error);
      this.logger.warn(`OIDC discovery failed: ${failure.detail}`);
      throw new ProviderError({ kind: 'unavailable', detail: failure.detail });
    }
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, client } = this.settings;
    const issuerUrl = new URL(issuer);
    const config = await oidc.discovery(
      issuerUrl,
      client.id,
      undefined,
      client.secret ? oidc.ClientSecretBasic(client.secret) : oidc.None(),
      {
        timeout: TIMEOUT_S,
        // Plain HTTP only to a provider on this machine (the tests' own); anywhere else, HTTPS.
        execute: isLoopback(issuerUrl) ? [oidc.allowInsecureRequests] : [],
      },
    );
    config.timeout = TIMEOUT_S;
    return config;
  }
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function tokensOf(response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): ProviderTokens {
  const expiresIn = response.expiresIn();
  return {
    claims: { ...(response.claims() ?? {}) },
    idToken: response.id_token,
    refreshToken: response.refresh_token,
    expiresAt: expiresIn === undefined ? undefined : new Date(Date.now() + expiresIn * 1000),
  };
}

/** The provider said no (an OAuth error), could not be reached, or answered something we refuse. */
export function classify(error: unknown): ProviderFailure {
  if (error instanceof ProviderError) return error.failure;
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
    const detail = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
    // A 5xx with an OAuth body is still the provider failing, not refusing the person.
    const status = error instanceof oidc.ResponseBodyError ? error.status : 400;
    return status >= 500 ? { kind: 'unavailable', detail } : { kind: 'refused', detail };
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const code = (error as { code?: unknown } | null)?.code;
  // openid-client's own checks of what the provider sent (state, nonce, signature, issuer ...);
  // an answer that is not JSON at all (an error page of a proxy) is the provider being down.
  if (typeof code === 'string' && code.startsWith('OAUTH_') && !NOT_AN_ANSWER.has(code))
    return { kind: 'invalid', detail: `${code}: ${message}` };
  return { kind: 'unavailable', detail: `${message}${cause}` };
}
