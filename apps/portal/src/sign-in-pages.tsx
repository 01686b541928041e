import { useEffect, useRef, useState } from 'react';
import { messageOf } from './api/client';
import { signInUrl } from './api/web-session';
import { useSession } from './session';
import { Button } from './ui/button';
import { Dialog } from './ui/dialog';
import { ErrorMessage, Notice } from './ui/notice';

/** Portal paths that belong to signing in and out: they show without a session. */
export const SIGN_IN_PATHS = ['/signed-out', '/sign-in-problem', '/signed-in-again'];

/** What each reason of /sign-in-problem?reason=… means for the person (reasons from the API's sign-in). */
const PROBLEMS: Record<string, { title: string; text: string }> = {
  unavailable: {
    title: 'The sign-in service cannot be reached',
    text: 'The organisation’s sign-in service did not answer, so you are not signed in. Try again in a few minutes; if it keeps happening, contact the service desk.',
  },
  refused: {
    title: 'You were not signed in',
    text: 'The sign-in service did not sign you in: you cancelled, or it refused this application for your account. If you think you should have access, contact the service desk.',
  },
  invalid: {
    title: 'The sign-in could not be verified',
    text: 'The sign-in service’s answer did not pass Switchboard’s checks, so you are not signed in. Try again; if it keeps happening, contact the service desk.',
  },
  expired: {
    title: 'That sign-in link has expired',
    text: 'The sign-in took too long, or the page was reloaded after it finished. Start again.',
  },
  'not-a-login': {
    title: 'Your account has no directory login',
    text: 'The sign-in service does not say which directory login your account is, so Switchboard cannot know whose numbers to show. Contact the service desk.',
  },
  'not-configured': {
    title: 'Sign-in is not set up here',
    text: 'This Switchboard server has no sign-in service configured. Contact the service desk.',
  },
};

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function SignInPage() {
  const { web } = useSession();
  return (
    <section>
      <h1>Sign in</h1>
      {web?.problem ? <Notice tone="warning">{web.problem}</Notice> : null}
      <p>Switchboard signs you in with your organisation account.</p>
      <p>
        <a className="btn btn-primary" href={signInUrl(currentPath())}>
          Sign in with your organisation account
        </a>
      </p>
    </section>
  );
}

export function SignInPathPage({ path }: { path: string }) {
  if (path === '/signed-out') {
    return (
      <section>
        <h1>You are signed out</h1>
        <p>Your Switchboard session has ended. Close the browser if this is a shared computer.</p>
        <p>
          <a href={signInUrl('/')}>Sign in again</a>
        </p>
      </section>
    );
  }
  if (path === '/signed-in-again') return <SignedInAgain />;
  const reason = new URLSearchParams(window.location.search).get('reason') ?? '';
  const problem = PROBLEMS[reason] ?? {
    title: 'Sign-in did not work',
    text: 'Something went wrong while signing you in. Try again; if it keeps happening, contact the service desk.',
  };
  return (
    <section>
      <h1>{problem.title}</h1>
      <Notice tone="error">{problem.text}</Notice>
      <p>
        <a href={signInUrl('/')}>Try to sign in again</a>
      </p>
    </section>
  );
}

/** The end of a sign-in done in a separate window: the page that opened it carries on. */
function SignedInAgain() {
  useEffect(() => {
    if (window.opener) window.close();
  }, []);
  return (
    <section>
      <h1>You are signed in again</h1>
      <p>You can close this window and go back to what you were doing.</p>
    </section>
  );
}

/**
 * The session ended while a page was open (expiry, sign-out in another tab). The page stays as it
 * is, forms and all: signing in again happens in a separate window, and then the person sends the
 * form again.
 */
export function SessionEndedDialog() {
  const { sessionEnded, recheckSession } = useSession();
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearInterval(timer.current), []);
  if (!sessionEnded) return null;

  const signInAgain = () => {
    setError(null);
    const popup = window.open(
      signInUrl('/signed-in-again'),
      'switchboard-sign-in',
      'popup,width=520,height=700',
    );
    if (!popup) {
      setError('Your browser blocked the sign-in window. Allow pop-ups for this site and try again.');
      return;
    }
    setWaiting(true);
    window.clearInterval(timer.current);
    timer.current = window.setInterval(() => {
      recheckSession()
        .then((signedIn) => {
          if (!signedIn && !popup.closed) return;
          window.clearInterval(timer.current);
          setWaiting(false);
        })
        .catch((e: unknown) => setError(messageOf(e)));
    }, 1000);
  };

  return (
    <Dialog title="Your session has expired" onClose={() => undefined}>
      <p>
        You were signed out while this page was open. Nothing you typed is lost: sign in again, then send the
        form again.
      </p>
      <ErrorMessage error={error} />
      <Button variant="primary" busy={waiting} onClick={signInAgain} data-autofocus>
        {waiting ? 'Waiting for the sign-in window…' : 'Sign in again'}
      </Button>
    </Dialog>
  );
}
