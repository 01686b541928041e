import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '../../../../libs/config/app-config';

export type OidcSettings = NonNullable<AppConfig['oidc']>;

/**
 * A verified token names a login (and the groups it claims); a refused one says why, in words for
 * the person signing in.
 */
export type TokenCheck = { login: string; groups: string[] } | { refused: string };

const LOGIN = /^[a-z][a-z0-9._-]{0,63}$/;
// Asymmetric algorithms only: a shared-secret (HS*) token could be minted by anyone holding the secret.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const FETCH_TIMEOUT_MS = 5000;
/** Clocks drift a little between the identity provider and us. */
const CLOCK_TOLERANCE_S = 30;

const UNREACHABLE =
  'The identity provider could not be reached to check your sign-in. Try again in a moment; if it keeps happening, contact the service desk.';

/**
 * Verifies OIDC bearer tokens (signed JWTs) against the issuer's published keys: signature, issuer,
 * audience, expiry and not-before, then takes the login from the configured claim. The key set comes
 * from OIDC_JWKS_URL, or from the issuer's discovery document; jose caches it and refetches when a
 * token names a key id it has not seen (key rotation).
 */
export class OidcVerifier {
  private readonly logger = new Logger(OidcVerifier.name);
  private keys: Promise<JWTVerifyGetKey> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    /** The claim with the person's groups (read when roles come from a claim). */
    private readonly groupsClaim = 'groups',
  ) {}

  async verify(token: string): Promise<TokenCheck> {
    let keys: JWTVerifyGetKey;
    try {
      keys = await (this.keys ??= this.loadKeySet());
    } catch (error) {
      // Not cached: the next sign-in tries the discovery again.
      this.keys = undefined;
      this.logger.warn(`OIDC discovery failed: ${messageOf(error)}`);
      return { refused: UNREACHABLE };
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      const login = loginFromClaims(payload, this.settings.loginClaim);
      if ('refused' in login) return login;
      return { login: login.login, groups: groupsFromClaims(payload, this.groupsClaim) };
    } catch (error) {
      const refused = describeRejection(error);
      if (refused === UNREACHABLE) this.logger.warn(`OIDC key set unavailable: ${messageOf(error)}`);
      return { refused };
    }
  }

  private async loadKeySet(): Promise<JWTVerifyGetKey> {
    const url = this.settings.jwksUrl ?? (await this.discoverJwksUrl());
    return createRemoteJWKSet(new URL(url), { timeoutDuration: FETCH_TIMEOUT_MS });
  }

  /** OpenID Connect Discovery: the issuer publishes where its keys are. */
  private async discoverJwksUrl(): Promise<string> {
    const issuer = this.settings.issuer;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // The document must be the configured issuer's own, or its keys would vouch for someone else.
    if (document.issuer !== issuer)
      throw new Error(`${url} describes issuer ${String(document.issuer)}, not ${issuer}`);
    if (typeof document.jwks_uri !== 'string' || !URL.canParse(document.jwks_uri))
      throw new Error(`${url} has no valid jwks_uri`);
    return document.jwks_uri;
  }
}

/** The directory login in a token's claims (ID token or access token), or why there is none. */
export function loginFromClaims(
  claims: Record<string, unknown>,
  claim: string,
): { login: string } | { refused: string } {
  const value = claims[claim];
  if (typeof value !== 'string' || value.trim() === '') {
    return {
      refused: `Your sign-in token has no "${claim}" claim saying who you are. Ask the identity provider's administrators to release it to this application.`,
    };
  }
  const login = value.trim().toLowerCase();
  if (!LOGIN.test(login)) {
    return {
      refused: `The "${claim}" claim of your sign-in token is not a directory login. Ask the identity provider's administrators to map it to your login.`,
    };
  }
  return { login };
}

/** The groups a token claims: a list of names (a single name counts as one); anything else as none. */
export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What went wrong with a token, said so that the person (or their admin) can act on it. */
export function describeRejection(error: unknown): string {
  const { code, claim } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    claim?: unknown;
  };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'Your sign-in has expired. Sign in again.';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud')
        return 'This sign-in token was issued for another application (its audience is not Switchboard). Sign in to Switchboard itself.';
      if (claim === 'iss')
        return 'This sign-in token was not issued by the identity provider Switchboard trusts. Sign in through the organisation sign-in page.';
      if (claim === 'nbf' || claim === 'iat')
        return 'This sign-in token is not valid yet. Check that your computer clock is right, then sign in again.';
      return `This sign-in token's "${typeof claim === 'string' ? claim.slice(0, 32) : 'unknown'}" claim is not acceptable. Sign in again.`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return "This sign-in token's signature is not valid: it was altered or not signed by the identity provider. Sign in again.";
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'This sign-in token is signed with a key the identity provider does not publish (unknown key id). Sign in again.';
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'This sign-in token does not say which of the identity provider’s keys signed it. Sign in again.';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'This sign-in token is signed with an algorithm Switchboard does not accept. Sign in through the organisation sign-in page.';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'The bearer token is not a well-formed signed JWT. Sign in again.';
    default:
      // The key set could not be fetched or read (timeout, HTTP error, bad JSON, network).
      return UNREACHABLE;
  }
}
