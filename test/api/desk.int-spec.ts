import { AuditEntryEntity, RequestEntity } from '../../libs/persistence/entities';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';

const FIELDS = `id kind status requester actor subject number failureReason
  parked { stepId system phase error allowedActions }
  steps { id system status attempts undo lastError }`;
const REQUEST_PERSONAL_NUMBER = `mutation { requestPersonalNumber { ${FIELDS} } }`;
const REQUEST = `query($id: ID!) { request(id: $id) { ${FIELDS} } }`;
const MY_REQUESTS = `{ myRequests { id requester actor } }`;
const DESK_REQUESTS = `query($filter: DeskRequestFilter, $first: Int, $after: String) {
  deskRequests(filter: $filter, first: $first, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const STUCK = `query($system: SystemName, $requester: String) { stuckRequests(system: $system, requester: $requester) { ${FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $action: ResolveAction!, $reason: String!) {
  resolveRequest(id: $id, action: $action, reason: $reason) { ${FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelRequest(id: $id, reason: $reason) { ${FIELDS} } }`;
const AUDIT = `query($id: ID!) { requestAudit(requestId: $id) {
  actor onBehalfOf action requestId system target result reason detail } }`;

interface RequestView {
  id: string;
  kind: string;
  status: string;
  requester: string;
  actor: string;
  subject: string | null;
  number: string | null;
  failureReason: string | null;
  parked: { stepId: string; system: string; phase: string; error: string; allowedActions: string[] } | null;
  steps: Array<{ id: string; system: string; status: string; attempts: number; undo: string }>;
}
interface Page {
  nodes: RequestView[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('the service desk over HTTP (API + worker + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
    desk = (await seedPerson(api.world.sandbox, { displayName: 'Desk Agent' })).login;
    await new SandboxDirectoryDriver(api.world.sandbox).createGroup({
      name: 'phone-service-desk',
      description: 'Phone service desk agents',
      ownerLogin: desk,
      members: [desk],
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  const audit = (requestId: string) =>
    api.world.dataSource.getRepository(AuditEntryEntity).find({ where: { requestId }, order: { id: 'ASC' } });

  async function requestFor(user: string): Promise<RequestView> {
    const response = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
      user,
    });
    expect(response.errors).toBeUndefined();
    return response.data!.requestPersonalNumber;
  }

  async function waitFor(id: string, statuses: string[], user = desk): Promise<RequestView> {
    const deadline = Date.now() + 60_000;
    let last: RequestView | undefined;
    while (Date.now() < deadline) {
      last = (await api.graphql<{ request: RequestView }>(REQUEST, { user, variables: { id } })).data
        ?.request;
      if (last && statuses.includes(last.status)) return last;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`request ${id} stayed ${last?.status}`);
  }

  /** A request parked on the PBX: its SIP account cannot be created however often it is tried. */
  async function parkedRequest() {
    const person = await seedPerson(api.world.sandbox);
    await api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'transient',
      message: 'PBX database unreachable',
    });
    const accepted = await requestFor(person.login);
    const parked = await waitFor(accepted.id, ['NEEDS_ATTENTION']);
    return { person, parked };
  }

  describe('queue', () => {
    it('lists every request to the desk, newest first, in pages, with filters', async () => {
      const [a, b] = [await seedPerson(api.world.sandbox), await seedPerson(api.world.sandbox)];
      const first = await requestFor(a.login);
      await waitFor(first.id, ['COMPLETED']);
      const second = await requestFor(b.login);
      await waitFor(second.id, ['COMPLETED']);

      const page = async (variables: Record<string, unknown>) => {
        const response = await api.graphql<{ deskRequests: Page }>(DESK_REQUESTS, { user: desk, variables });
        expect(response.errors).toBeUndefined();
        return response.data!.deskRequests;
      };
      const mine = { filter: { requester: a.login } };
      expect((await page(mine)).nodes.map((n) => n.id)).toEqual([first.id]);

      // Both, newest first, one per page.
      const ids = [second.id, first.id];
      const onePerPage = await page({ first: 1 });
      expect(onePerPage.pageInfo.hasNextPage).toBe(true);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 100; i += 1) {
        const p = await page({ first: 1, after: cursor });
        seen.push(...p.nodes.map((n) => n.id));
        if (!p.pageInfo.hasNextPage) break;
        cursor = p.pageInfo.endCursor!;
      }
      expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
      expect(new Set(seen).size).toBe(seen.length);

      const completed = await page({
        filter: { status: 'COMPLETED', kind: 'NEW_PERSONAL_NUMBER', requester: b.login },
      });
      expect(completed.nodes).toMatchObject([
        { id: second.id, status: 'COMPLETED', requester: b.login, number: expect.stringMatching(/^7\d{4}$/) },
      ]);
      expect((await page({ filter: { status: 'FAILED', requester: b.login } })).nodes).toEqual([]);
    });

    it('refuses a bad cursor, page size or filter with INVALID_INPUT', async () => {
      const bad = async (variables: Record<string, unknown>) =>
        errorCodes(await api.graphql(DESK_REQUESTS, { user: desk, variables }));
      expect(await bad({ after: 'not-a-cursor' })).toEqual(['INVALID_INPUT']);
      expect(await bad({ first: 0 })).toEqual(['INVALID_INPUT']);
      expect(await bad({ first: 1000 })).toEqual(['INVALID_INPUT']);
      expect(await bad({ filter: { requester: "x' OR 1=1" } })).toEqual(['INVALID_INPUT']);
      expect(await bad({ filter: { kind: 'drop table' } })).toEqual(['INVALID_INPUT']);
    });

    it('refuses the queue, the parked list and audit trails to anyone but the desk', async () => {
      const user = await seedPerson(api.world.sandbox);
      for (const [query, variables] of [
        [DESK_REQUESTS, {}],
        [STUCK, {}],
        [AUDIT, { id: '00000000-0000-4000-8000-000000000000' }],
      ] as const) {
        const response = await api.graphql(query, { user: user.login, variables });
        expect(errorCodes(response)).toEqual(['FORBIDDEN']);
        expect(response.errors![0].message).toMatch(/Only the service desk can/);
      }
    });

    it("shows any request's live timeline to the desk, not to strangers", async () => {
      const owner = await seedPerson(api.world.sandbox);
      const stranger = await seedPerson(api.world.sandbox);
      const accepted = await requestFor(owner.login);
      expect((await waitFor(accepted.id, ['COMPLETED'], desk)).requester).toBe(owner.login);
      const peek = await api.graphql(REQUEST, { user: stranger.login, variables: { id: accepted.id } });
      expect(errorCodes(peek)).toEqual(['NOT_FOUND']);
    });
  });

  describe('parked requests', () => {
    it('lists parked requests live, by system and requester, including one whose projection lags', async () => {
      const { person, parked } = await parkedRequest();
      const stuck = async (variables: Record<string, unknown>) => {
        const response = await api.graphql<{ stuckRequests: RequestView[] }>(STUCK, {
          user: desk,
          variables,
        });
        expect(response.errors).toBeUndefined();
        return response.data!.stuckRequests;
      };

      const listed = await stuck({ requester: person.login });
      expect(listed).toHaveLength(1);
      // Filters left empty arrive as explicit nulls from the portal: the same as no filter.
      expect((await stuck({ system: null, requester: null })).map((r) => r.id)).toContain(parked.id);
      expect(listed[0]).toMatchObject({
        id: parked.id,
        status: 'NEEDS_ATTENTION',
        parked: {
          stepId: 'create-sip-account',
          system: 'PBX',
          phase: 'step',
          error: 'pbx: PBX database unreachable',
          allowedActions: ['RETRY', 'COMPENSATE'],
        },
      });
      expect(listed[0].steps.find((s) => s.id === 'create-sip-account')).toMatchObject({
        status: 'FAILED',
        attempts: 3,
      });
      expect((await stuck({ system: 'PBX', requester: person.login })).map((r) => r.id)).toEqual([parked.id]);
      expect(await stuck({ system: 'DIRECTORY', requester: person.login })).toEqual([]);

      // The projection has not caught up (as if its write were late): Temporal's visibility still lists it.
      await api.world.dataSource
        .getRepository(RequestEntity)
        .update({ id: parked.id }, { status: 'RUNNING', failedSystem: null });
      expect((await stuck({ requester: person.login })).map((r) => r.id)).toEqual([parked.id]);
      expect((await stuck({ system: 'PBX', requester: person.login })).map((r) => r.id)).toEqual([parked.id]);

      await api.graphql(RESOLVE, {
        user: desk,
        variables: { id: parked.id, action: 'COMPENSATE', reason: 'cleanup' },
      });
      await waitFor(parked.id, ['FAILED']);
      expect(await stuck({ requester: person.login })).toEqual([]);
    });
  });

  describe('resolveRequest', () => {
    it('retries a parked step for the desk, completes, and audits who decided, for whom, why', async () => {
      const { person, parked } = await parkedRequest();
      await api.world.faults.clear();

      const response = await api.graphql<{ resolveRequest: RequestView }>(RESOLVE, {
        user: desk,
        variables: { id: parked.id, action: 'RETRY', reason: '  PBX back\tafter maintenance ' },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.resolveRequest.status).not.toBe('NEEDS_ATTENTION');
      const done = await waitFor(parked.id, ['COMPLETED', 'FAILED']);
      expect(done.status).toBe('COMPLETED');
      expect(done.steps.find((s) => s.id === 'create-sip-account')).toMatchObject({
        status: 'SUCCEEDED',
        attempts: 4,
      });

      const entries = await audit(parked.id);
      expect(entries.filter((e) => e.action.startsWith('RESOLVE'))).toEqual([
        expect.objectContaining({
          actor: desk,
          onBehalfOf: person.login,
          action: 'RESOLVE_REQUEST_RETRY',
          system: 'pbx',
          target: parked.subject,
          result: 'OK',
          reason: 'PBX back after maintenance',
          detail: 'retry step create-sip-account after: pbx: PBX database unreachable',
        }),
      ]);
      const trail = await api.graphql<{ requestAudit: Array<Record<string, unknown>> }>(AUDIT, {
        user: desk,
        variables: { id: parked.id },
      });
      expect(trail.data!.requestAudit.map((e) => [e.action, e.result, e.actor])).toEqual([
        ['REQUEST_PERSONAL_NUMBER', 'OK', person.login],
        ['RESOLVE_REQUEST_RETRY', 'OK', desk],
      ]);
    });

    it('refuses decisions that do not fit with a clear error, audits each refusal, and changes nothing', async () => {
      const { person, parked } = await parkedRequest();
      const attempt = (user: string, action: string, reason: string) =>
        api.graphql(RESOLVE, { user, variables: { id: parked.id, action, reason } });

      const notDesk = await attempt(person.login, 'RETRY', 'let me try');
      expect(errorCodes(notDesk)).toEqual(['FORBIDDEN']);
      const skip = await attempt(desk, 'SKIP', 'skip it');
      expect(errorCodes(skip)).toEqual(['INVALID_STATE']);
      expect(skip.errors![0].message).toBe(
        'This request cannot be skipped: "skip" is not possible here; choose one of: retry, compensate.',
      );
      const empty = await attempt(desk, 'RETRY', '   ');
      expect(errorCodes(empty)).toEqual(['INVALID_INPUT']);
      expect(empty.errors![0].message).toMatch(/^Reason: is required/);
      const tooLong = await attempt(desk, 'RETRY', 'x'.repeat(501));
      expect(errorCodes(tooLong)).toEqual(['INVALID_INPUT']);
      expect(tooLong.errors![0].message).toMatch(/501 characters is too long; the limit is 500/);
      const control = await attempt(desk, 'RETRY', 'bad\u0007bell');
      expect(errorCodes(control)).toEqual(['INVALID_INPUT']);
      const unknown = await api.graphql(RESOLVE, {
        user: desk,
        variables: { id: '00000000-0000-4000-8000-000000000000', action: 'RETRY', reason: 'x' },
      });
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);

      expect((await waitFor(parked.id, ['NEEDS_ATTENTION'])).parked?.stepId).toBe('create-sip-account');
      const refusals = (await audit(parked.id)).filter((e) => e.action.startsWith('RESOLVE'));
      expect(refusals.map((e) => [e.actor, e.action, e.result, e.reason])).toEqual([
        [person.login, 'RESOLVE_REQUEST_RETRY', 'REFUSED', null],
        [desk, 'RESOLVE_REQUEST_SKIP', 'REFUSED', 'skip it'],
        [desk, 'RESOLVE_REQUEST_RETRY', 'REFUSED', null],
        [desk, 'RESOLVE_REQUEST_RETRY', 'REFUSED', null],
        [desk, 'RESOLVE_REQUEST_RETRY', 'REFUSED', null],
      ]);
      expect(refusals[1].detail).toBe(skip.errors![0].message);
      expect(refusals[0].detail).toMatch(/Only the service desk can/);
      expect(refusals.every((e) => e.target === parked.subject && e.system === 'pbx')).toBe(true);

      const compensate = await attempt(desk, 'COMPENSATE', 'give up');
      expect(compensate.errors).toBeUndefined();
      expect((await waitFor(parked.id, ['FAILED', 'COMPLETED'])).status).toBe('FAILED');
      const late = await attempt(desk, 'RETRY', 'too late');
      expect(errorCodes(late)).toEqual(['INVALID_STATE']);
      expect(late.errors![0].message).toBe('This request cannot be retried: it is already FAILED.');
    });
  });

  describe('cancelRequest', () => {
    it('lets the requester cancel before the point of no return: undone, CANCELLED, audited', async () => {
      const person = await seedPerson(api.world.sandbox);
      const stranger = await seedPerson(api.world.sandbox);
      const hold = await api.world.faults.inject({
        system: 'pbx',
        operation: 'createSipAccount',
        kind: 'hold',
        times: 1,
      });
      const accepted = await requestFor(person.login);
      // Cancel while the (held) PBX step runs: the reservation before it has something to undo.
      const deadline = Date.now() + 30_000;
      let sipStep: RequestView['steps'][number] | undefined;
      while (sipStep?.status !== 'RUNNING' && Date.now() < deadline) {
        const view = await api.graphql<{ request: RequestView }>(REQUEST, {
          user: person.login,
          variables: { id: accepted.id },
        });
        sipStep = view.data?.request.steps.find((s) => s.id === 'create-sip-account');
        if (sipStep?.status !== 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(sipStep?.status).toBe('RUNNING');

      const refused = await api.graphql(CANCEL, {
        user: stranger.login,
        variables: { id: accepted.id, reason: 'mine now' },
      });
      expect(errorCodes(refused)).toEqual(['NOT_OWNER']);
      const response = await api.graphql(CANCEL, {
        user: person.login,
        variables: { id: accepted.id, reason: 'asked by mistake' },
      });
      expect(response.errors).toBeUndefined();
      // The PBX call under way finishes; the undo follows it.
      await api.world.faults.release(hold);

      const done = await waitFor(accepted.id, ['CANCELLED', 'COMPLETED', 'FAILED'], person.login);
      expect(done).toMatchObject({
        status: 'CANCELLED',
        failureReason: `Cancelled by ${person.login}: asked by mistake`,
      });
      expect(done.steps.find((s) => s.id === 'reserve-number')?.undo).toBe('DONE');
      expect(await api.world.sandbox.get('pbx', done.subject!)).toBeNull();
      const entries = (await audit(accepted.id)).filter((e) => e.action === 'CANCEL_REQUEST');
      expect(entries.map((e) => [e.actor, e.onBehalfOf, e.result, e.reason])).toEqual([
        [stranger.login, person.login, 'REFUSED', null],
        [person.login, null, 'OK', 'asked by mistake'],
      ]);

      const again = await api.graphql(CANCEL, {
        user: person.login,
        variables: { id: accepted.id, reason: 'again' },
      });
      expect(errorCodes(again)).toEqual(['INVALID_STATE']);
      expect(again.errors![0].message).toBe('This request cannot be cancelled: it is already CANCELLED.');
    });

    it('lets the desk cancel a parked request, audited on behalf of its requester', async () => {
      const { person, parked } = await parkedRequest();
      const response = await api.graphql(CANCEL, {
        user: desk,
        variables: { id: parked.id, reason: 'duplicate of ticket 7' },
      });
      expect(response.errors).toBeUndefined();
      expect(await waitFor(parked.id, ['CANCELLED', 'FAILED'])).toMatchObject({
        status: 'CANCELLED',
        failureReason: `Cancelled by ${desk}: duplicate of ticket 7`,
      });
      expect((await audit(parked.id)).filter((e) => e.action === 'CANCEL_REQUEST')).toEqual([
        expect.objectContaining({
          actor: desk,
          onBehalfOf: person.login,
          system: 'pbx',
          result: 'OK',
          reason: 'duplicate of ticket 7',
        }),
      ]);
    });
  });

  describe('acting on behalf', () => {
    it("lets the desk request a number for a user: the request is the user's, made and audited as the desk", async () => {
      const user = await seedPerson(api.world.sandbox);
      const response = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
        user: desk,
        headers: { 'x-switchboard-on-behalf-of': user.login },
      });
      expect(response.errors).toBeUndefined();
      const accepted = response.data!.requestPersonalNumber;
      expect(accepted).toMatchObject({ requester: user.login, actor: desk });

      const done = await waitFor(accepted.id, ['COMPLETED', 'FAILED'], user.login);
      expect(done).toMatchObject({ status: 'COMPLETED', requester: user.login, actor: desk });
      expect(await api.world.requests.find(accepted.id)).toMatchObject({
        requester: user.login,
        actor: desk,
      });
      expect(await audit(accepted.id)).toEqual([
        expect.objectContaining({
          actor: desk,
          onBehalfOf: user.login,
          action: 'REQUEST_PERSONAL_NUMBER',
          requestId: accepted.id,
          result: 'OK',
          detail: `started NEW_PERSONAL_NUMBER for ${user.login}`,
        }),
      ]);
      // The user sees it as theirs; the desk sees it in the user's list when acting for them.
      const theirs = await api.graphql<{ myRequests: RequestView[] }>(MY_REQUESTS, { user: user.login });
      expect(theirs.data!.myRequests).toEqual([{ id: accepted.id, requester: user.login, actor: desk }]);
      const forThem = await api.graphql<{ myRequests: RequestView[] }>(MY_REQUESTS, {
        user: desk,
        headers: { 'x-switchboard-on-behalf-of': user.login },
      });
      expect(forThem.data!.myRequests.map((r) => r.id)).toEqual([accepted.id]);
    });

    it('refuses the on-behalf header from anyone but the desk, audits the attempt, and starts nothing', async () => {
      const intruder = await seedPerson(api.world.sandbox);
      const victim = await seedPerson(api.world.sandbox);
      const response = await api.graphql(REQUEST_PERSONAL_NUMBER, {
        user: intruder.login,
        headers: { 'x-switchboard-on-behalf-of': victim.login },
      });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.errors![0].message).toMatch(/Only the service desk may act on behalf/);
      expect(
        await api.world.dataSource.getRepository(RequestEntity).findBy({ requester: victim.login }),
      ).toEqual([]);
      expect(
        await api.world.dataSource.getRepository(AuditEntryEntity).findBy({ actor: intruder.login }),
      ).toEqual([
        expect.objectContaining({
          onBehalfOf: victim.login,
          action: 'REQUEST_PERSONAL_NUMBER',
          result: 'REFUSED',
          detail: expect.stringMatching(/^FORBIDDEN: Only the service desk may act on behalf/),
        }),
      ]);
    });
  });
});
