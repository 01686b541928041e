import { SandboxDirectoryDriver } from '../../../libs/systems/directory/sandbox-directory.driver';
import { managersGroupOf } from '../../../libs/contracts/numbers';
import type { GraphqlResponse } from '../../support/api-client';
import type { ApiWorld } from '../../support/api-world';
import { seedPerson } from '../../support/factories';
import { GQL } from '../../support/number-api';
import { PHONE_GQL, colon } from '../../support/phone-api';
import { randomMac, seedActiveNumber } from '../../support/phone-fixtures';
import type { World } from '../../support/world';
import type { ParkedRequestView } from './invariant';
import type { SeededRandom } from './seeded-random';

/** The kinds of request the reliability suites send, as a person does through the portal. */
export const REQUEST_KINDS = [
  'NEW_PERSONAL_NUMBER',
  'NEW_SHARED_NUMBER',
  'REGISTER_PHONE',
  'DELETE_NUMBER',
  'CHANGE_DESCRIPTION',
  'SET_PHONEBOOK_LISTING',
  'TURN_TO_SHARED',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** One request ready to send: who sends it, the GraphQL document, and what it acts on. */
export interface PreparedRequest {
  index: number;
  kind: RequestKind;
  login: string;
  document: string;
  variables: Record<string, unknown>;
  /** The existing number it acts on (not known yet for new numbers). */
  number?: string;
  mac?: string;
  /** The existing number's type (what it was when the request was sent). */
  type?: 'PERSONAL' | 'SHARED';
}

const REQUEST_VIEW = `query($id: ID!) { request(id: $id) { id kind status number subject failureReason
  parked { stepId phase system } steps { id status undo } } }`;

/** Whatever posts GraphQL to the API: the in-process ApiWorld, or a client of an API process. */
export type GraphqlCaller = Pick<ApiWorld, 'graphql'>;

export interface SettledRequestView extends ParkedRequestView {
  failureReason: string | null;
}

/** An ACTIVE personal number in the inventory, on the PBX and in the phonebook (as a completed request leaves it). */
export async function seedPublishedPersonalNumber(world: World, login: string): Promise<string> {
  const number = await seedActiveNumber(world, { owner: login });
  await new SandboxDirectoryDriver(world.sandbox).publishPersonalNumber(login, number);
  return number;
}

/** An ACTIVE shared number with its e-group, SIP account and phonebook entry. */
export async function seedPublishedSharedNumber(
  world: World,
  login: string,
  description: string,
): Promise<string> {
  const number = await seedActiveNumber(world, { owner: login, type: 'SHARED', description });
  await new SandboxDirectoryDriver(world.sandbox).publishSharedNumber({
    number,
    description,
    ownerLogin: login,
    managersGroup: managersGroupOf(number),
  });
  return number;
}

/** Seeds what the request needs (a person, a number) and builds it. */
export async function prepareRequest(
  api: Pick<ApiWorld, 'world'>,
  kind: RequestKind,
  index: number,
  random: SeededRandom,
): Promise<PreparedRequest> {
  const world = api.world;
  const person = await seedPerson(world.sandbox);
  const login = person.login;
  const base = { index, kind, login };
  switch (kind) {
    case 'NEW_PERSONAL_NUMBER':
      return { ...base, document: GQL.requestPersonalNumber, variables: {} };
    case 'NEW_SHARED_NUMBER':
      return { ...base, document: GQL.requestSharedNumber, variables: { description: `Lab ${index} bench` } };
    case 'REGISTER_PHONE': {
      const number = await seedPublishedPersonalNumber(world, login);
      const mac = randomMac();
      return {
        ...base,
        number,
        type: 'PERSONAL',
        mac,
        document: PHONE_GQL.registerPhone,
        // Every accepted spelling of a MAC, so the parser is exercised too.
        variables: {
          modelId: 'polycom-vvx-450',
          number,
          mac: random.chance(0.5) ? colon(mac) : mac,
          office: '513/R-024',
        },
      };
    }
    case 'DELETE_NUMBER': {
      const type = random.chance(0.5) ? 'PERSONAL' : 'SHARED';
      const number =
        type === 'PERSONAL'
          ? await seedPublishedPersonalNumber(world, login)
          : await seedPublishedSharedNumber(world, login, `Room ${index}`);
      return { ...base, number, type, document: GQL.deleteNumber, variables: { number } };
    }
    case 'CHANGE_DESCRIPTION': {
      const number = await seedPublishedSharedNumber(world, login, `Room ${index}`);
      return {
        ...base,
        number,
        type: 'SHARED',
        document: GQL.changeDescription,
        variables: { number, description: `Room ${index} (moved)` },
      };
    }
    case 'SET_PHONEBOOK_LISTING': {
      const number = await seedPublishedPersonalNumber(world, login);
      return {
        ...base,
        number,
        type: 'PERSONAL',
        document: GQL.setPhonebookListing,
        variables: { number, listed: false },
      };
    }
    case 'TURN_TO_SHARED': {
      const number = await seedPublishedPersonalNumber(world, login);
      return {
        ...base,
        number,
        type: 'PERSONAL',
        document: GQL.turnToShared,
        variables: { number, description: `Team line ${index}` },
      };
    }
  }
}

/** What came of sending a request: accepted (with its id) or refused (with the response). */
export type SendOutcome =
  { accepted: true; id: string } | { accepted: false; response: GraphqlResponse<Record<string, unknown>> };

export async function sendRequest(api: GraphqlCaller, request: PreparedRequest): Promise<SendOutcome> {
  const response = await api.graphql(request.document, { user: request.login, variables: request.variables });
  if (response.errors || !response.data) return { accepted: false, response };
  const view = Object.values(response.data)[0] as { id: string };
  return { accepted: true, id: view.id };
}

const SETTLED = ['COMPLETED', 'FAILED', 'CANCELLED', 'NEEDS_ATTENTION'];

/**
 * Polls the request through the API until it is over or parked (a parked request stays parked:
 * only the service desk moves it on).
 */
export async function settle(
  api: GraphqlCaller,
  login: string,
  id: string,
  timeoutMs: number,
  settled: readonly string[] = SETTLED,
): Promise<SettledRequestView> {
  const deadline = Date.now() + timeoutMs;
  let last: SettledRequestView | undefined;
  while (Date.now() < deadline) {
    const response = await api.graphql<{ request: SettledRequestView }>(REQUEST_VIEW, {
      user: login,
      variables: { id },
    });
    last = response.data?.request;
    if (last && settled.includes(last.status)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`request ${id} did not settle in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** Runs `task` over the items with at most `concurrency` at once. */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
