import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { sealSecret, unsealSecret } from '../../../../libs/systems/pbx/sip-credentials';
import type { WebSessionRow, WebSessionStore } from '../../../../libs/systems/inventory/web-session-store';
import { groupsFromClaims, loginFromClaims } from './oidc-verifier';
import {
  ProviderError,
  type OidcRelyingParty,
  type PendingSignIn,
  type ProviderTokens,
} from './oidc-relying-party';

/** A signed-in session, as each request sees it after the checks. */
export interface ActiveSession {
  login: string;
  csrfToken: string;
  /** Groups from the latest tokens (roles from a claim). */
  groups: string[];
  expiresAt: Date;
}

export type SessionCheck = { session: ActiveSession } | { refused: string };

/** Why a sign-in ended on the problem page; the portal explains each (apps/portal sign-in pages). */
export type SignInProblem = 'unavailable' | 'refused' | 'invalid' | 'expired' | 'not-a-login';

export type SignInResult = { cookie: string; returnTo: string } | { problem: SignInProblem; detail: string };

/** The Nest token of the portal's sessions: null when no OIDC client is configured (OIDC_CLIENT_ID). */
export const WEB_SESSIONS = Symbol('WEB_SESSIONS');

const SIGN_IN_TTL_MS = 10 * 60_000;
/** lastSeenAt is written at most this often: the idle timeout needs minutes, not every request. */
const TOUCH_EVERY_MS = 60_000;
/** Refresh a little before the access token runs out, so a request never rides on a dead one. */
const REFRESH_EARLY_MS = 30_000;

export const EXPIRED = 'Your session has expired. Sign in again.';
export const NOT_VALID =
  'Your session is not valid (it ended, was signed out, or the cookie was altered). Sign in again.';

/** A random cookie value, and the row id that stands for it (its SHA-256, never the value itself). */
function newSecret(): { value: string; id: string } {
  const value = randomBytes(32).toString('base64url');
  return { value, id: idOf(value) };
}

export function idOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A local portal path only: an open redirect to another site would help phishing. */
export function safeReturnTo(path: unknown): string {
  return typeof path === 'string' && /^\/(?![/\\])[^\s]*$/.test(path) && !path.startsWith('/auth/')
    ? path
    : '/';
}

/**
 * The portal's sessions (backend-for-frontend): the provider's tokens stay in the inventory database,
 * sealed with the inventory's secret key; the browser holds a random cookie. Each request checks the
 * session's idle and absolute ends, refreshes the provider's tokens when they run out (a refused
 * refresh ends the session: the provider no longer vouches for the person), and every mutation must
 * carry the session's CSRF token.
 */
export class WebSessions {
  private readonly logger = new Logger(WebSessions.name);

  constructor(
    private readonly config: AppConfig,
    private readonly store: WebSessionStore,
    private readonly provider: OidcRelyingParty,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async beginSignIn(returnTo: string): Promise<{ cookie: string; url: URL }> {
    const { url, pending } = await this.provider.beginSignIn(safeReturnTo(returnTo));
    const secret = newSecret();
    const now = this.now();
    await this.store.removeExpired(now);
    await this.store.insert({
      id: secret.id,
      state: 'signing-in',
      login: null,
      csrfToken: randomBytes(24).toString('base64url'),
      signIn: this.seal(JSON.stringify(pending)),
      idToken: null,
      refreshToken: null,
      groups: null,
      tokensExpireAt: null,
      expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
      lastSeenAt: now,
      createdAt: now,
    });
    return { cookie: secret.value, url };
  }

  /** The provider's redirect back: a new session (a new cookie value, so none fixed in advance). */
  async finishSignIn(signInCookie: string | undefined, callbackUrl: URL): Promise<SignInResult> {
    const row = signInCookie ? await this.store.take(idOf(signInCookie)) : null;
    const pending = row?.state === 'signing-in' && row.signIn ? this.openPending(row.signIn) : undefined;
    if (!row || !pending || row.expiresAt <= this.now()) {
      return {
        problem: 'expired',
        detail: 'no sign-in under way in this browser (it took too long, or the link was reused)',
      };
    }
    let tokens: ProviderTokens;
    try {
      tokens = await this.provider.finishSignIn(callbackUrl, pending);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { problem: error.failure.kind, detail: error.failure.detail };
    }
    const login = loginFromClaims(tokens.claims, this.config.oidc!.loginClaim);
    if ('refused' in login) return { problem: 'not-a-login', detail: login.refused };
    const secret = newSecret();
    const now = this.now();
    await this.store.insert({
      id: secret.id,
      state: 'signed-in',
      login: login.login,
      csrfToken: randomBytes(24).toString('base64url'),
      signIn: null,
      ...this.tokenColumns(tokens, undefined),
      expiresAt: new Date(now.getTime() + this.config.session.maxAgeMs),
      lastSeenAt: now,
      createdAt: now,
    });
    return { cookie: secret.value, returnTo: pending.returnTo };
  }

  /** Every request with a session cookie comes through here. */
  async check(cookie: string): Promise<SessionCheck> {
    const id = idOf(cookie);
    let row = await this.store.find(id);
    if (!row || row.state !== 'signed-in' || !row.login) return { refused: NOT_VALID };
    const now = this.now();
    if (
      row.expiresAt <= now ||
      row.lastSeenAt.getTime() + this.config.session.idleTimeoutMs <= now.getTime()
    ) {
      await this.store.remove(id);
      return { refused: EXPIRED };
    }
    if (row.tokensExpireAt && row.tokensExpireAt.getTime() - REFRESH_EARLY_MS <= now.getTime()) {
      const refreshed = await this.refresh(row);
      if ('refused' in refreshed) return refreshed;
      row = refreshed.row;
    } else if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.store.update(id, { lastSeenAt: now });
    }
    return {
      session: {
        login: row.login!,
        csrfToken: row.csrfToken,
        groups: row.groups ? (JSON.parse(row.groups) as string[]) : [],
        expiresAt: row.expiresAt,
      },
    };
  }

  /** Ends the session here and says where to send the browser (the provider's logout, if it has one). */
  async signOut(cookie: string | undefined): Promise<string> {
    const row = cookie ? await this.store.find(idOf(cookie)) : null;
    if (row) await this.store.remove(row.id);
    const idToken = row?.idToken ? this.open(row.idToken) : undefined;
    const url = row?.state === 'signed-in' ? await this.provider.endSessionUrl(idToken) : undefined;
    return url?.href ?? '/signed-out';
  }

  private async refresh(row: WebSessionRow): Promise<{ row: WebSessionRow } | { refused: string }> {
    const refreshToken = row.refreshToken ? this.open(row.refreshToken) : undefined;
    if (!refreshToken) {
      await this.store.remove(row.id);
      return { refused: EXPIRED };
    }
    try {
      const tokens = await this.provider.refresh(refreshToken);
      const changes = { ...this.tokenColumns(tokens, row), lastSeenAt: this.now() };
      await this.store.update(row.id, changes);
      return { row: { ...row, ...changes } };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      // Two requests may refresh at once and the provider rotate the token: the other one won.
      const again = await this.store.find(row.id);
      if (again?.tokensExpireAt && row.tokensExpireAt && again.tokensExpireAt > row.tokensExpireAt)
        return { row: again };
      if (error.failure.kind === 'unavailable') {
        this.logger.warn(`token refresh for ${row.login}: provider unavailable (${error.failure.detail})`);
        return {
          refused:
            'The identity provider could not be reached to renew your sign-in. Try again in a moment; if it keeps happening, contact the service desk.',
        };
      }
      this.logger.log(`token refresh for ${row.login} refused: ${error.failure.detail}; session ended`);
      await this.store.remove(row.id);
      return { refused: EXPIRED };
    }
  }

  private tokenColumns(tokens: ProviderTokens, previous: WebSessionRow | undefined) {
    const groups =
      this.config.roles.source === 'claim' && tokens.idToken
        ? JSON.stringify(groupsFromClaims(tokens.claims, this.config.roles.groupsClaim))
        : (previous?.groups ?? null);
    return {
      // A refresh answer may leave out the ID token or a new refresh token: keep the ones we have.
      idToken: tokens.idToken ? this.seal(tokens.idToken) : (previous?.idToken ?? null),
      refreshToken: tokens.refreshToken ? this.seal(tokens.refreshToken) : (previous?.refreshToken ?? null),
      groups,
      tokensExpireAt: tokens.expiresAt ?? null,
    };
  }

  private openPending(sealed: string): PendingSignIn | undefined {
    const text = this.open(sealed);
    return text ? (JSON.parse(text) as PendingSignIn) : undefined;
  }

  private seal(text: string): string {
    return sealSecret(this.config.sip.secretKey, text);
  }

  /** A value sealed under another key (after a rotation) just ends that session. */
  private open(sealed: string): string | undefined {
    try {
      return unsealSecret(this.config.sip.secretKey, sealed);
    } catch {
      return undefined;
    }
  }
}
