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
import { Button } from './ui/button';
import { ErrorMessage, Notice } from './ui/notice';
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
        {session.settings?.sandbox === false && !session.identity.account ? (
          <Notice tone="warning" title="Sign-in needed">
            This portal signs you in with your organisation account; the demo account selector exists only in
            sandbox mode.
          </Notice>
        ) : null}
        <ErrorMessage error={session.error} />
        {session.me || session.error ? <Page path={path} /> : <Loading what="the portal" />}
      </main>
    </>
  );
}

function AccountControls() {
  const { settings, accounts, identity, viewer, chooseAccount } = useSession();
  const [actFor, setActFor] = useState(false);
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
                {`${a.name} (${a.login}) — ${a.isServiceDesk ? 'service desk' : a.eligible ? a.personnelClass : `${a.personnelClass}, not eligible`}`}
              </option>
            ))}
          </select>
        </div>
      ) : viewer ? (
        <span>
          Signed in as <strong>{viewer.name ?? viewer.login}</strong>
        </span>
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
