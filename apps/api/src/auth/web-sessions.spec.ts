import { loadConfig } from '../../../../libs/config/app-config';
import type { WebSessionRow, WebSessionStore } from '../../../../libs/systems/inventory/web-session-store';
import { ProviderError, type OidcRelyingParty, type ProviderTokens } from './oidc-relying-party';
import { EXPIRED, idOf, NOT_VALID, safeReturnTo, WebSessions } from './web-sessions';

/** The store's contract on a Map (the real one is exercised by the portal's browser test). */
class MapStore {
  readonly rows = new Map<string, WebSessionRow>();
  insert = (row: WebSessionRow) => Promise.resolve(void this.rows.set(row.id, { ...row }));
  find = (id: string) => Promise.resolve(this.rows.get(id) ?? null);
  take = (id: string) => {
    const row = this.rows.get(id) ?? null;
    this.rows.delete(id);
    return Promise.resolve(row);
  };
  update = (id: string, changes: Partial<WebSessionRow>) => {
    const row = this.rows.get(id);
    if (row) this.rows.set(id, { ...row, ...changes });
    return Promise.resolve();
  };
  remove = (id: string) => Promise.resolve(void this.rows.delete(id));
  removeExpired = () => Promise.resolve(0);
}

describe('portal sessions (WebSessions)', () => {
  let now: Date;
  let store: MapStore;
  let refresh: jest.Mock<Promise<ProviderTokens>, [string]>;
  let sessions: WebSessions;

  const config = loadConfig({
    OIDC_ISSUER: 'https://idp.example.org',
    OIDC_CLIENT_ID: 'switchboard',
    SESSION_IDLE_TIMEOUT_MINUTES: '30',
    SESSION_MAX_AGE_HOURS: '8',
  });
  const tokens = (claims: Record<string, unknown>, ttlS = 300): ProviderTokens => ({
    claims,
    idToken: 'id-token',
    refreshToken: 'refresh-1',
    expiresAt: new Date(now.getTime() + ttlS * 1000),
  });

  beforeEach(() => {
    now = new Date('2026-12-07T09:00:00Z');
    store = new MapStore();
    refresh = jest.fn();
    const provider = {
      beginSignIn: (returnTo: string) =>
        Promise.resolve({
          url: new URL('https://idp.example.org/auth?x=1'),
          pending: { codeVerifier: 'v', state: 's', nonce: 'n', returnTo },
        }),
      finishSignIn: () => Promise.resolve(tokens({ preferred_username: 'Ada' })),
      refresh,
      endSessionUrl: () => Promise.resolve(new URL('https://idp.example.org/logout')),
    } as unknown as OidcRelyingParty;
    sessions = new WebSessions(config, store as unknown as WebSessionStore, provider, () => now);
  });

  async function signedIn(): Promise<string> {
    const { cookie } = await sessions.beginSignIn('/phones');
    const result = await sessions.finishSignIn(
      cookie,
      new URL('https://portal/auth/callback?code=c&state=s'),
    );
    if (!('cookie' in result)) throw new Error(result.detail);
    expect(result.returnTo).toBe('/phones');
    return result.cookie;
  }

  const advance = (ms: number) => (now = new Date(now.getTime() + ms));

  it('opens a session under a new cookie, stored only by its hash, with tokens sealed', async () => {
    const cookie = await signedIn();
    const row = store.rows.get(idOf(cookie))!;
    expect(row).toMatchObject({ state: 'signed-in', login: 'ada' });
    expect(JSON.stringify(row)).not.toContain(cookie);
    expect(row.refreshToken).not.toContain('refresh-1');
    expect(await sessions.check(cookie)).toMatchObject({ session: { login: 'ada' } });
  });

  it('uses a sign-in once: a second callback with the same cookie is refused', async () => {
    const { cookie } = await sessions.beginSignIn('/');
    const url = new URL('https://portal/auth/callback?code=c&state=s');
    expect(await sessions.finishSignIn(cookie, url)).toHaveProperty('cookie');
    expect(await sessions.finishSignIn(cookie, url)).toMatchObject({ problem: 'expired' });
  });

  it('refuses an unknown cookie, an idle session and one past its absolute end', async () => {
    expect(await sessions.check('forged')).toEqual({ refused: NOT_VALID });
    const idle = await signedIn();
    advance(31 * 60_000);
    expect(await sessions.check(idle)).toEqual({ refused: EXPIRED });
    expect(store.rows.has(idOf(idle))).toBe(false);

    refresh.mockImplementation(() => Promise.resolve(tokens({ preferred_username: 'ada' })));
    const busy = await signedIn();
    for (let minutes = 0; minutes < 8 * 60; minutes += 20) {
      advance(20 * 60_000);
      const check = await sessions.check(busy);
      if (minutes + 20 < 8 * 60) expect(check).toHaveProperty('session');
      else expect(check).toEqual({ refused: EXPIRED });
    }
  });

  it('refreshes once the access token runs out; a refused refresh ends the session, an outage does not', async () => {
    const cookie = await signedIn();
    refresh.mockResolvedValueOnce({
      ...tokens({ preferred_username: 'ada' }, 600),
      refreshToken: 'refresh-2',
    });
    advance(280_000);
    expect(await sessions.check(cookie)).toHaveProperty('session');
    expect(refresh).toHaveBeenCalledWith('refresh-1');

    advance(590_000);
    refresh.mockRejectedValueOnce(new ProviderError({ kind: 'unavailable', detail: 'ECONNREFUSED' }));
    expect(await sessions.check(cookie)).toEqual({ refused: expect.stringMatching(/could not be reached/) });
    expect(store.rows.has(idOf(cookie))).toBe(true);

    refresh.mockRejectedValueOnce(new ProviderError({ kind: 'refused', detail: 'invalid_grant' }));
    expect(await sessions.check(cookie)).toEqual({ refused: EXPIRED });
    expect(refresh).toHaveBeenLastCalledWith('refresh-2');
    expect(store.rows.has(idOf(cookie))).toBe(false);
  });

  it('signs out here and at the provider', async () => {
    const cookie = await signedIn();
    expect(await sessions.signOut(cookie)).toBe('https://idp.example.org/logout');
    expect(await sessions.check(cookie)).toEqual({ refused: NOT_VALID });
    expect(await sessions.signOut(undefined)).toBe('/signed-out');
  });

  it.each([
    ['/requests/42?x=1', '/requests/42?x=1'],
    ['//evil.example.org/', '/'],
    ['/\\evil.example.org', '/'],
    ['https://evil.example.org/', '/'],
    ['/auth/logout', '/'],
    [undefined, '/'],
  ])('goes back only to a local portal path: %s → %s', (given, expected) => {
    expect(safeReturnTo(given)).toBe(expected);
  });
});
