import { errorCodes, postGraphql, type GraphqlResponse } from '../../support/api-client';
import { sendRequest, type GraphqlCaller, type PreparedRequest } from './request-mix';

const MY_REQUESTS = `{ myRequests { id kind } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a call failed because no API process answered: refused while it was down, or cut when it
 * was killed mid-request. Node's fetch reports both as a TypeError ("fetch failed" with the socket
 * error as its cause, "terminated" for a body cut short); anything else is a real failure.
 */
export function isConnectionError(error: unknown): boolean {
  // By name: fetch throws Node's own TypeError, not the one of Jest's sandbox (instanceof fails).
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'TypeError' && (message === 'fetch failed' || message === 'terminated');
}

/** What the client saw of the API's kills while sending requests. */
export interface LostSends {
  /** Mutations whose HTTP call failed: the API may or may not have accepted them. */
  lost: number;
  /** Of the lookups that followed: the request was there (accepted before the kill), not sent again. */
  foundAccepted: number;
  /** The request was not there: sent again. */
  resent: number;
  /** A resend refused REQUEST_IN_PROGRESS (the lost attempt's locks, until they go stale): waited. */
  waitedOnLocks: number;
}

/**
 * A client of an API process that may be killed at any moment, as a careful portal would be.
 *
 * Reads are retried until the API answers again. A mutation is not: the API has no client request id
 * (it gives each accepted request a fresh id, and a new shared number takes a fresh lock), so sending
 * it again after a call that died could make a second request. After a lost call the client first
 * lists the person's requests (`myRequests`); each prepared request is made by a person of its own,
 * so a request there is this one, accepted before the kill, and it is followed instead of re-sent.
 */
export class CrashTolerantClient implements GraphqlCaller {
  readonly lostSends: LostSends = { lost: 0, foundAccepted: 0, resent: 0, waitedOnLocks: 0 };
  private sendWaiters: Array<() => void> = [];

  constructor(
    private readonly url: string,
    /** How long the API may stay unreachable before a call gives up. */
    private readonly downMs = 300_000,
  ) {}

  /** Resolves when the next mutation call starts, or after `timeoutMs` (there may be none left); for aimed kills. */
  nextSend(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.sendWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** A read, safe to repeat: retried while the API is down. */
  async graphql<T = Record<string, unknown>>(
    query: string,
    options: { variables?: Record<string, unknown>; user?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphqlResponse<T>> {
    const deadline = Date.now() + this.downMs;
    for (;;) {
      try {
        return await postGraphql<T>(this.url, query, options);
      } catch (error) {
        if (!isConnectionError(error) || Date.now() > deadline) throw error;
        await sleep(250);
      }
    }
  }

  /** Sends the request once, whatever the kills; returns the id of the request the API accepted. */
  async submit(request: PreparedRequest): Promise<string> {
    const once: GraphqlCaller = { graphql: (query, options) => postGraphql(this.url, query, options) };
    const deadline = Date.now() + this.downMs;
    /** A call was lost: the API may hold the request. */
    let lost = false;
    /** The last call was lost: look before sending again. */
    let look = false;
    for (;;) {
      if (look) {
        look = false;
        const existing = await this.requestsOf(request);
        if (existing) {
          this.lostSends.foundAccepted += 1;
          return existing;
        }
        this.lostSends.resent += 1;
      }
      let outcome: Awaited<ReturnType<typeof sendRequest>>;
      for (const wake of this.sendWaiters.splice(0)) wake();
      try {
        outcome = await sendRequest(once, request);
      } catch (error) {
        if (!isConnectionError(error) || Date.now() > deadline) throw error;
        this.lostSends.lost += 1;
        lost = look = true;
        await sleep(250);
        continue;
      }
      if (outcome.accepted) return outcome.id;
      // A lost call that took the resource locks and died before recording the request leaves them
      // held; RequestLauncher frees such locks once they are a minute old and have no live workflow.
      // This refusal was an answer, so nothing was accepted: send again without looking.
      if (lost && errorCodes(outcome.response).includes('REQUEST_IN_PROGRESS') && Date.now() < deadline) {
        this.lostSends.waitedOnLocks += 1;
        await sleep(3000);
        continue;
      }
      throw new Error(
        `request #${request.index} (${request.kind}) refused${lost ? ' after a call lost to an API kill' : ''}: ` +
          JSON.stringify(outcome.response.errors),
      );
    }
  }

  /** The id of the person's request, if the API has one; more than one, or another kind, is a bug. */
  private async requestsOf(request: PreparedRequest): Promise<string | undefined> {
    const response = await this.graphql<{ myRequests: Array<{ id: string; kind: string }> }>(MY_REQUESTS, {
      user: request.login,
    });
    if (!response.data) throw new Error(`myRequests of ${request.login}: ${JSON.stringify(response.errors)}`);
    const found = response.data.myRequests;
    if (found.length > 1 || (found.length === 1 && found[0].kind !== request.kind))
      throw new Error(`request #${request.index} (${request.kind}) was made twice: ${JSON.stringify(found)}`);
    return found[0]?.id;
  }
}
