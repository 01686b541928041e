import { useEffect, useRef, useState } from 'react';
import { ActForDialog } from './desk/act-for-dialog';
import { DeskConsolePage } from './desk/desk-console-page';
import { LegacyPage } from './pages/legacy-page';
import { PersonalNumberPage } from './pages/personal-number-page';
import { PhonesPage } from './pages/phones-page';
import { RequestPage } from './pages/request-page';
import { RequestsPage } from './pages/requests-page';
import { SharedNumbersPage } from './pages/shared-numbers-page';
import { Link, usePath } from './router';
import { useSession } from './session';
import { SessionEndedDialog, SIGN_IN_PATHS, SignInPage, SignInPathPage } from './sign-in-pages';
import { Button } from './ui/button';
import { messageOf } from './api/client';
import { ErrorMessage } from './ui/notice';
import { Loading } from './ui/spinner';

const NAV = [
  { to: '/', label: 'Personal number' },
  { to: '/shared', label: 'Shared numbers' },
  { to: '/legacy', label: 'Legacy numbers' },
  { to: '/phones', label: 'IP phones' },
  { to: '/requests', label: 'Requests' },
];

function Page({ path }: { path: string }) {
  const request = /^\/requests\/([^/]+)$/.exec(path);
  if (request) return <RequestPage id={decodeURIComponent(request[1])} />;
  switch (path) {
    case '/':
      return <PersonalNumberPage />;
    case '/shared':
      return <SharedNumbersPage />;
    case '/legacy':
      return <LegacyPage />;
    case '/phones':
      return <PhonesPage />;
    case '/requests':
      return <RequestsPage />;
    case '/desk':
      return <DeskConsolePage />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            There is nothing at <code>{path}</code>. <Link to="/">Go to your personal number</Link>.
          </p>
        </section>
      );
  }
}

/** Sandbox mode: the demo account's pages. Otherwise the sign-in pages until someone is signed in. */
function Content({ path }: { path: string }) {
  const session = useSession();
  if (session.settings?.sandbox === false) {
    if (SIGN_IN_PATHS.includes(path)) return <SignInPathPage path={path} />;
    if (!session.web) return session.error ? null : <Loading what="your sign-in" />;
    if (!session.web.signedIn) return <SignInPage />;
  }
  return session.me || session.error ? <Page path={path} /> : <Loading what="the portal" />;
}

export function App() {
  const path = usePath();
  const session = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, focus goes to the new page so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [path]);

  const nav = session.viewer?.isServiceDesk ? [...NAV, { to: '/desk', label: 'Service desk' }] : NAV;
  const isCurrent = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ☎
            </span>
            Switchboard <span className="brand-sub">phone resources</span>
          </Link>
          <AccountControls />
        </div>
        <nav aria-label="Sections" className="nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(item.to) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <OnBehalfBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="content">
        <ErrorMessage error={session.error} />
        <Content path={path} />
      </main>
      <SessionEndedDialog />
    </>
  );
}

/** A class and its code as the rule book writes them (EXTN/HONO), the way the API's refusals do. */
function personnelOf(person: { personnelClass: string; personnelCode?: string | null }): string {
  return person.personnelCode ? `${person.personnelClass}/${person.personnelCode}` : person.personnelClass;
}

function AccountControls() {
  const { settings, accounts, identity, viewer, chooseAccount, web, signOut } = useSession();
  const [actFor, setActFor] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  return (
    <div className="account">
      {settings?.sandbox ? (
        <div className="account-select">
          <label htmlFor="account-select">
            <span className="sandbox-tag">Sandbox</span> Demo account
          </label>
          <select
            id="account-select"
            value={identity.account ?? ''}
            onChange={(e) => chooseAccount(e.target.value)}
          >
            {accounts.map((a) => (
              <option key={a.login} value={a.login}>
                {`${a.name} (${a.login}) — ${a.isServiceDesk ? 'service desk' : a.eligible ? personnelOf(a) : `${personnelOf(a)}, not eligible`}`}
              </option>
            ))}
          </select>
        </div>
      ) : viewer && web?.signedIn ? (
        <>
          <span>
            Signed in as <strong>{viewer.name ?? viewer.login}</strong>
          </span>
          <Button
            variant="ghost"
            busy={signingOut}
            onClick={() => {
              setSigningOut(true);
              setSignOutError(null);
              signOut().catch((e: unknown) => {
                setSigningOut(false);
                setSignOutError(messageOf(e));
              });
            }}
          >
            Sign out
          </Button>
          <ErrorMessage error={signOutError} />
        </>
      ) : null}
      {viewer?.isServiceDesk && !identity.onBehalfOf ? (
        <Button variant="ghost" onClick={() => setActFor(true)}>
          Act for a user…
        </Button>
      ) : null}
      {actFor ? <ActForDialog onClose={() => setActFor(false)} /> : null}
    </div>
  );
}

function OnBehalfBanner() {
  const { identity, viewer, me, actFor } = useSession();
  if (!identity.onBehalfOf) return null;
  return (
    <div className="behalf-banner" role="region" aria-label="Acting on behalf of a user">
      <p>
        <strong>
          You are acting for {me?.name ?? identity.onBehalfOf} ({identity.onBehalfOf})
        </strong>{' '}
        as {viewer?.login ?? 'the service desk'}. Everything you do is done in their name and audited.
      </p>
      <Button variant="secondary" onClick={() => actFor(null)}>
        Stop acting for {identity.onBehalfOf}
      </Button>
    </div>
  );
}
