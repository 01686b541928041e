import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import {
  accepted,
  completed,
  finished,
  GQL,
  onBehalfOf,
  seedDeskAgent,
  updatePerson,
} from '../support/number-api';

type Role = 'owner' | 'manager' | 'other user' | 'ineligible user' | 'service desk (on behalf)' | 'anonymous';
type Outcome = 'ALLOWED' | 'NOT_OWNER' | 'NOT_MANAGER' | 'NOT_ELIGIBLE' | 'UNAUTHENTICATED';

interface Fixture {
  number: string;
  owner: string;
  manager: string;
  ineligible: string;
  other: string;
  candidate: string;
}

/**
 * docs/domain.md §4 for every number action, over HTTP: who gets through and who gets which code. The
 * "ineligible user" is a member of the managers e-group (shared) or the owner (personal) whose
 * personnel class no longer allows the service.
 */
describe('who may do what to a number (API over HTTP)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
    desk = (await seedDeskAgent(api)).login;
  });

  afterAll(async () => {
    await api?.stop();
  });

  async function sharedFixture(): Promise<Fixture> {
    const [owner, manager, ineligible, other, candidate] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => seedPerson(api.world.sandbox)),
    );
    const done = await completed(api, owner.login, GQL.requestSharedNumber, {
      description: 'Matrix lab',
      managers: [manager.login, ineligible.login],
    });
    expect(done.status).toBe('COMPLETED');
    await updatePerson(api, ineligible.login, { personnelClass: 'EXTN', personnelSubCode: 'CONT' });
    return {
      number: done.number!,
      owner: owner.login,
      manager: manager.login,
      ineligible: ineligible.login,
      other: other.login,
      candidate: candidate.login,
    };
  }

  async function personalFixture(): Promise<Fixture> {
    const [owner, other] = await Promise.all([seedPerson(api.world.sandbox), seedPerson(api.world.sandbox)]);
    const done = await completed(api, owner.login, GQL.requestPersonalNumber);
    expect(done.status).toBe('COMPLETED');
    return {
      number: done.number!,
      owner: owner.login,
      manager: other.login,
      ineligible: owner.login,
      other: other.login,
      candidate: other.login,
    };
  }

  const actions = {
    setPhonebookListing: (f: Fixture) => ({ number: f.number, listed: false }),
    changeDescription: (f: Fixture) => ({ number: f.number, description: 'New text' }),
    setManagers: (f: Fixture) => ({ number: f.number, members: [f.manager] }),
    proposeOwner: (f: Fixture) => ({ number: f.number, newOwner: f.candidate }),
    deleteNumber: (f: Fixture) => ({ number: f.number }),
    turnToShared: (f: Fixture) => ({ number: f.number, description: 'Now shared' }),
  } as const;
  type Action = keyof typeof actions;

  const ROLES: Role[] = [
    'owner',
    'manager',
    'other user',
    'ineligible user',
    'service desk (on behalf)',
    'anonymous',
  ];
  const A = 'ALLOWED';
  const sharedMatrix: Record<Exclude<Action, 'turnToShared'>, Outcome[]> = {
    setPhonebookListing: [A, A, 'NOT_MANAGER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
    changeDescription: [A, A, 'NOT_MANAGER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
    setManagers: [A, 'NOT_OWNER', 'NOT_OWNER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
    proposeOwner: [A, A, 'NOT_MANAGER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
    deleteNumber: [A, 'NOT_OWNER', 'NOT_OWNER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
  };
  // A personal number has no managers: "manager" is just another person there.
  const personalMatrix: Record<'setPhonebookListing' | 'turnToShared' | 'deleteNumber', Outcome[]> = {
    setPhonebookListing: [A, 'NOT_OWNER', 'NOT_OWNER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
    turnToShared: [A, 'NOT_OWNER', 'NOT_OWNER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
    deleteNumber: [A, 'NOT_OWNER', 'NOT_OWNER', 'NOT_ELIGIBLE', A, 'UNAUTHENTICATED'],
  };

  function caller(role: Role, f: Fixture): { user?: string; headers: Record<string, string> } {
    switch (role) {
      case 'owner':
        return { user: f.owner, headers: {} };
      case 'manager':
        return { user: f.manager, headers: {} };
      case 'other user':
        return { user: f.other, headers: {} };
      case 'ineligible user':
        return { user: f.ineligible, headers: {} };
      case 'service desk (on behalf)':
        return { user: desk, headers: onBehalfOf(f.owner) };
      case 'anonymous':
        return { headers: {} };
    }
  }

  async function attempt(action: Action, role: Role, fixture: Fixture, expected: Outcome): Promise<void> {
    const { user, headers } = caller(role, fixture);
    const response = await api.graphql(GQL[action], { user, headers, variables: actions[action](fixture) });
    if (expected !== 'ALLOWED') {
      expect([action, role, errorCodes(response)]).toEqual([action, role, [expected]]);
      return;
    }
    const request = accepted(response);
    expect(request.status).toBe('ACCEPTED');
    if (action === 'proposeOwner') {
      // The offer waits for the candidate; they refuse so that the request ends.
      let answer = await api.graphql(GQL.respondToOwnership, {
        user: fixture.candidate,
        variables: { requestId: request.id, accept: false },
      });
      for (let i = 0; i < 100 && errorCodes(answer)[0] === 'NOT_FOUND'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await api.graphql(GQL.respondToOwnership, {
          user: fixture.candidate,
          variables: { requestId: request.id, accept: false },
        });
      }
      expect(answer.errors).toBeUndefined();
      expect((await finished(api, user!, request.id)).status).toBe('FAILED');
      return;
    }
    expect([action, role, (await finished(api, user!, request.id)).status]).toEqual([
      action,
      role,
      'COMPLETED',
    ]);
  }

  describe.each(Object.entries(sharedMatrix) as Array<[Exclude<Action, 'turnToShared'>, Outcome[]]>)(
    '%s on a shared number',
    (action, outcomes) => {
      let refusals: Fixture;
      beforeAll(async () => {
        refusals = await sharedFixture();
      });
      it.each(ROLES.map((role, i) => [role, outcomes[i]] as const))('%s: %s', async (role, expected) => {
        // Every allowed attempt gets a number of its own, since it changes (or deletes) it.
        await attempt(action, role, expected === A ? await sharedFixture() : refusals, expected);
      });
    },
  );

  describe.each(Object.entries(personalMatrix) as Array<[keyof typeof personalMatrix, Outcome[]]>)(
    '%s on a personal number',
    (action, outcomes) => {
      let refusals: Fixture;
      beforeAll(async () => {
        refusals = await personalFixture();
      });
      it.each(ROLES.map((role, i) => [role, outcomes[i]] as const))('%s: %s', async (role, expected) => {
        if (role === 'ineligible user') {
          const fixture = await personalFixture();
          await updatePerson(api, fixture.owner, { contractEnd: new Date('2020-01-31T00:00:00Z') });
          await attempt(action, role, fixture, expected);
          return;
        }
        await attempt(action, role, expected === A ? await personalFixture() : refusals, expected);
      });
    },
  );

  it.each<[Role, Outcome]>([
    ['owner', A],
    ['ineligible user', 'NOT_ELIGIBLE'],
    ['service desk (on behalf)', A],
    ['anonymous', 'UNAUTHENTICATED'],
  ])('requestSharedNumber: %s: %s', async (role, expected) => {
    const person = await seedPerson(
      api.world.sandbox,
      role === 'ineligible user' ? { personnelClass: 'RETR' } : {},
    );
    const fixture = { ...(await personalFixture()), owner: person.login, ineligible: person.login };
    const { user, headers } = caller(role, fixture);
    const response = await api.graphql(GQL.requestSharedNumber, {
      user,
      headers,
      variables: { description: 'Mine' },
    });
    if (expected !== A) {
      expect(errorCodes(response)).toEqual([expected]);
      return;
    }
    const request = accepted(response);
    expect(request.requester).toBe(person.login);
    expect((await finished(api, user!, request.id)).status).toBe('COMPLETED');
  });
});
