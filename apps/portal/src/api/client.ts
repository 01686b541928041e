import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * A generated document (api/generated/<area>.ts, from api/operations/<area>.graphql): its text, typed
 * with the answer and the variables it takes. Each generated file declares its own document class, so
 * calls accept any of them by this shape.
 */
export type Document<T, V> = DocumentTypeDecoration<T, V> & { toString(): string };

/** Headers the API reads: the sandbox's demo account, and the person the service desk acts for. */
export const ACCOUNT_HEADER = 'x-switchboard-user';
export const ON_BEHALF_HEADER = 'x-switchboard-on-behalf-of';
/** The signed-in session's CSRF token (from /auth/session), sent with every call (the API needs it on mutations). */
export const CSRF_HEADER = 'x-csrf-token';

/** An error the API answered with; its message is written for people and shown as it is. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Identity {
  /** The demo account (sandbox) the portal signs in as. */
  account: string | null;
  /** Set while a service-desk agent acts for this person. */
  onBehalfOf: string | null;
  /** Signed in with the organisation's provider: the session's CSRF token (the cookie itself is HttpOnly). */
  csrfToken?: string | null;
}

let onSessionEnded: (() => void) | undefined;

/**
 * Called when the API refuses a signed-in session (expired, signed out elsewhere): the portal then
 * tells the person and offers to sign in again, whichever page or form made the call.
 */
export function whenSessionEnds(handler: (() => void) | undefined): void {
  onSessionEnded = handler;
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A document's variables as call arguments: optional when it has none, or none required. */
export type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/**
 * One GraphQL call with a generated document (api/generated), so its variables and its answer
 * have the schema's types. Throws ApiError with the API's own message, never a stack or a raw status.
 */
export async function graphql<T, V>(
  document: Document<T, V>,
  variables: V,
  identity: Identity = { account: null, onBehalfOf: null },
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (identity.account) headers[ACCOUNT_HEADER] = identity.account;
  if (identity.onBehalfOf) headers[ON_BEHALF_HEADER] = identity.onBehalfOf;
  if (identity.csrfToken) headers[CSRF_HEADER] = identity.csrfToken;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('The portal cannot reach the Switchboard API. Check your connection and try again.');
  }
  let body: GraphqlBody<T>;
  try {
    body = (await response.json()) as GraphqlBody<T>;
  } catch {
    throw new ApiError(
      `The Switchboard API answered with an error (HTTP ${response.status}). Try again shortly.`,
    );
  }
  const first = body.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED' && identity.csrfToken) onSessionEnded?.();
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiError('The Switchboard API returned nothing. Try again shortly.');
  return body.data;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
