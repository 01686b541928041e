import { ApiError, CSRF_HEADER } from './client';

/** What /auth/session says: whether the organisation sign-in is set up, and who is signed in. */
export interface WebSession {
  signInAvailable: boolean;
  signedIn: boolean;
  login?: string;
  csrfToken?: string;
  expiresAt?: string;
  /** Why a session cookie the browser sent no longer works. */
  problem?: string;
}

export async function readWebSession(): Promise<WebSession> {
  let response: Response;
  try {
    response = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('The portal cannot reach the Switchboard API. Check your connection and try again.');
  }
  if (!response.ok)
    throw new ApiError(`The Switchboard API answered HTTP ${response.status}. Try again shortly.`);
  return (await response.json()) as WebSession;
}

/** The provider's sign-in page, coming back to `returnTo` afterwards. */
export function signInUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Ends the session; resolves with where to go next (the provider's logout page, or /signed-out). */
export async function signOutOfSession(csrfToken: string | null | undefined): Promise<string> {
  const response = await fetch('/auth/logout', {
    method: 'POST',
    headers: csrfToken ? { [CSRF_HEADER]: csrfToken } : {},
  });
  const body = (await response.json().catch(() => ({}))) as { redirectTo?: string; message?: string };
  if (!response.ok || !body.redirectTo)
    throw new ApiError(body.message ?? `Signing out failed (HTTP ${response.status}). Try again.`);
  return body.redirectTo;
}
