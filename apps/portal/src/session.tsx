import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Actor } from '../../../libs/domain/permissions';
import {
  graphql,
  messageOf,
  whenSessionEnds,
  type Document,
  type Identity,
  type VariablesArg,
} from './api/client';
import { MeDocument, PortalSettingsDocument, SandboxAccountsDocument } from './api/generated/session';
import type { Me, PortalSettings, SandboxAccount } from './api/types';
import { readWebSession, signOutOfSession, type WebSession } from './api/web-session';

const ACCOUNT_KEY = 'switchboard.account';
const ON_BEHALF_KEY = 'switchboard.onBehalfOf';

export interface Session {
  settings: PortalSettings | null;
  accounts: SandboxAccount[];
  identity: Identity;
  /** Who is signed in (never the person acted for). */
  viewer: Me | null;
  /** Whom the portal acts for: the viewer, or the person the service desk acts for. */
  me: Me | null;
  /** How the domain's permission rules see the person at the keyboard (libs/domain/permissions). */
  actor: Actor | null;
  error: string | null;
  /** Outside sandbox mode: the organisation sign-in session (null until read). */
  web: WebSession | null;
  /** The session ended while the page was open: the portal asks the person to sign in again. */
  sessionEnded: boolean;
  /** Reads the session again (after signing in again in another window); true when signed in. */
  recheckSession: () => Promise<boolean>;
  signOut: () => Promise<void>;
  /** Changes whenever the identity changes or data should be read again. */
  version: number;
  call: <T, V>(document: Document<T, V>, ...variables: VariablesArg<V>) => Promise<T>;
  chooseAccount: (login: string) => void;
  actFor: (login: string | null) => void;
  refresh: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

function stored(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function store(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<PortalSettings | null>(null);
  const [accounts, setAccounts] = useState<SandboxAccount[]>([]);
  const [account, setAccount] = useState<string | null>(() => stored(localStorage, ACCOUNT_KEY));
  const [onBehalfOf, setOnBehalfOf] = useState<string | null>(() => stored(sessionStorage, ON_BEHALF_KEY));
  const [viewer, setViewer] = useState<Me | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [web, setWeb] = useState<WebSession | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);

  useEffect(() => {
    whenSessionEnds(() => setSessionEnded(true));
    return () => whenSessionEnds(undefined);
  }, []);

  useEffect(() => {
    graphql(PortalSettingsDocument, {})
      .then(async ({ portalSettings }) => {
        setSettings(portalSettings);
        if (!portalSettings.sandbox) {
          setWeb(await readWebSession());
          return;
        }
        const { sandboxAccounts } = await graphql(SandboxAccountsDocument, {});
        setAccounts(sandboxAccounts);
        setAccount((current) =>
          current && sandboxAccounts.some((a) => a.login === current)
            ? current
            : (sandboxAccounts[0]?.login ?? null),
        );
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, []);

  // Outside sandbox mode the account selector is unused: the session cookie says who is signed in.
  const sandbox = settings?.sandbox ?? false;
  const csrfToken = web?.signedIn ? (web.csrfToken ?? null) : null;
  const identity = useMemo<Identity>(
    () => ({ account: sandbox ? account : null, onBehalfOf, csrfToken }),
    [sandbox, account, onBehalfOf, csrfToken],
  );
  const ready = sandbox ? !!account : !!web?.signedIn;

  useEffect(() => {
    if (!ready) return;
    let live = true;
    setError(null);
    const signedIn = graphql(MeDocument, {}, { ...identity, onBehalfOf: null });
    const actedFor = onBehalfOf ? graphql(MeDocument, {}, identity) : signedIn;
    Promise.all([signedIn, actedFor])
      .then(([v, m]) => {
        if (!live) return;
        setViewer(v.me);
        setMe(m.me);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setMe(null);
      });
    return () => {
      live = false;
    };
  }, [ready, identity, version]);

  const call = useCallback(
    <T, V>(document: Document<T, V>, ...[variables]: VariablesArg<V>) =>
      graphql(document, variables as V, identity),
    [identity],
  );
  const chooseAccount = useCallback((login: string) => {
    store(localStorage, ACCOUNT_KEY, login);
    store(sessionStorage, ON_BEHALF_KEY, null);
    setAccount(login);
    setOnBehalfOf(null);
    setViewer(null);
    setMe(null);
    setVersion((v) => v + 1);
  }, []);
  const actFor = useCallback((login: string | null) => {
    store(sessionStorage, ON_BEHALF_KEY, login);
    setOnBehalfOf(login);
    setMe(null);
    setVersion((v) => v + 1);
  }, []);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const recheckSession = useCallback(async () => {
    const now = await readWebSession();
    if (!now.signedIn) return false;
    // Signed in again (maybe as someone else): the new session's token, and fresh data.
    setWeb(now);
    setSessionEnded(false);
    setVersion((v) => v + 1);
    return true;
  }, []);
  const signOut = useCallback(async () => {
    const next = await signOutOfSession(csrfToken);
    window.location.assign(next);
  }, [csrfToken]);

  const actor = useMemo<Actor | null>(() => {
    if (!viewer || !me) return null;
    // The rules judge the person at the keyboard, with the eligibility of the person acted for.
    return {
      login: viewer.login,
      eligible: me.eligible,
      ineligibleReason: me.ineligibleReason ?? undefined,
      isServiceDesk: viewer.isServiceDesk,
      unitAdminOf: viewer.unitAdminOf,
    };
  }, [viewer, me]);

  const value: Session = {
    settings,
    accounts,
    identity,
    viewer,
    me,
    actor,
    error,
    web,
    sessionEnded,
    recheckSession,
    signOut,
    version,
    call,
    chooseAccount,
    actFor,
    refresh,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
