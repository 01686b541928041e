import { seedPerson } from '../support/factories';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';

const REQUEST_FIELDS = `id kind status requester actor subject number failureReason workflowUrl
  steps { id system action status attempts lastError undo undoAttempts startedAt finishedAt }`;
const REQUEST_PERSONAL_NUMBER = `mutation { requestPersonalNumber { ${REQUEST_FIELDS} } }`;
const REQUEST = `query($id: ID!) { request(id: $id) { ${REQUEST_FIELDS} } }`;

interface RequestView {
  id: string;
  status: string;
  number: string | null;
  requester: string;
  failureReason: string | null;
  workflowUrl: string;
  steps: Array<{
    id: string;
    system: string;
    status: string;
    attempts: number;
    undo: string;
    lastError: string | null;
  }>;
}

describe('requestPersonalNumber over HTTP (API + worker + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  async function waitForStatus(user: string, id: string, statuses: string[]): Promise<RequestView> {
    const deadline = Date.now() + 60_000;
    let last: RequestView | undefined;
    while (Date.now() < deadline) {
      const response = await api.graphql<{ request: RequestView }>(REQUEST, { user, variables: { id } });
      last = response.data?.request;
      if (last && statuses.includes(last.status)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`request ${id} stayed ${last?.status}`);
  }

  it('accepts the request at once and shows the number ACTIVE with its timeline', async () => {
    const person = await seedPerson(api.world.sandbox);
    const accepted = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
      user: person.login,
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.requestPersonalNumber).toMatchObject({
      status: 'ACCEPTED',
      requester: person.login,
    });

    const done = await waitForStatus(person.login, accepted.data!.requestPersonalNumber.id, [
      'COMPLETED',
      'FAILED',
    ]);
    expect(done.status).toBe('COMPLETED');
    expect(done.number).toMatch(/^7\d{4}$/);
    expect(done.steps.map((s) => [s.id, s.system, s.status])).toEqual([
      ['verify-eligibility', 'DIRECTORY', 'SUCCEEDED'],
      ['notify-accepted', 'MAIL', 'SUCCEEDED'],
      ['reserve-number', 'INVENTORY', 'SUCCEEDED'],
      ['create-sip-account', 'PBX', 'SUCCEEDED'],
      ['publish-number', 'DIRECTORY', 'SUCCEEDED'],
      ['activate-number', 'INVENTORY', 'SUCCEEDED'],
      ['notify-outcome', 'MAIL', 'SUCCEEDED'],
    ]);
    expect(done.workflowUrl).toContain(`/workflows/personal-number-${person.login}/`);
  });

  it('shows the timeline live while a step is running', async () => {
    const person = await seedPerson(api.world.sandbox);
    // The PBX call waits until released: the step stays RUNNING however slowly the timeline is read.
    const hold = await api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'hold',
      times: 1,
    });
    const accepted = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
      user: person.login,
    });
    const running = await waitForStatus(person.login, accepted.data!.requestPersonalNumber.id, ['RUNNING']);
    const deadline = Date.now() + 30_000;
    let sipStep = running.steps.find((s) => s.id === 'create-sip-account');
    while (sipStep?.status !== 'RUNNING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const response = await api.graphql<{ request: RequestView }>(REQUEST, {
        user: person.login,
        variables: { id: running.id },
      });
      sipStep = response.data?.request.steps.find((s) => s.id === 'create-sip-account');
    }
    expect(sipStep).toMatchObject({ status: 'RUNNING', undo: 'READY' });
    await api.world.faults.release(hold);
    expect((await waitForStatus(person.login, running.id, ['COMPLETED'])).status).toBe('COMPLETED');
  });

  it('shows a failed request with a reason a person can read', async () => {
    const person = await seedPerson(api.world.sandbox);
    await api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'permanent',
      message: 'extension rejected by the PBX',
    });
    const accepted = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
      user: person.login,
    });
    const failed = await waitForStatus(person.login, accepted.data!.requestPersonalNumber.id, [
      'FAILED',
      'COMPLETED',
    ]);
    expect(failed).toMatchObject({
      status: 'FAILED',
      failureReason: 'Create the SIP account on the PBX failed: pbx: extension rejected by the PBX',
    });
    expect(failed.steps.find((s) => s.id === 'reserve-number')).toMatchObject({
      status: 'SUCCEEDED',
      undo: 'DONE',
    });
  });

  it('refuses a second personal number with ALREADY_HAS_PERSONAL_NUMBER', async () => {
    const person = await seedPerson(api.world.sandbox);
    const first = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
      user: person.login,
    });
    const done = await waitForStatus(person.login, first.data!.requestPersonalNumber.id, ['COMPLETED']);
    const second = await api.graphql(REQUEST_PERSONAL_NUMBER, { user: person.login });
    expect(errorCodes(second)).toEqual(['ALREADY_HAS_PERSONAL_NUMBER']);
    expect(second.errors![0].message).toContain(done.number!);
    expect(second.errors![0].message).toMatch(/delete it/);
  });

  it('lets only one of two simultaneous clicks through, the other gets REQUEST_IN_PROGRESS', async () => {
    const person = await seedPerson(api.world.sandbox);
    const [a, b] = await Promise.all([
      api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, { user: person.login }),
      api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, { user: person.login }),
    ]);
    const winners = [a, b].filter((r) => r.data?.requestPersonalNumber);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(errorCodes)).toEqual([['REQUEST_IN_PROGRESS']]);
    expect(losers[0].errors![0].message).toMatch(/Wait until it finishes/);
    await waitForStatus(person.login, winners[0].data!.requestPersonalNumber.id, ['COMPLETED']);
  });

  it('refuses a login the directory does not know with UNKNOWN_PERSON and what to check', async () => {
    const response = await api.graphql(REQUEST_PERSONAL_NUMBER, { user: 'nobodyhere' });
    expect(response.errors![0].extensions).toEqual({ code: 'UNKNOWN_PERSON', category: 'NOT_FOUND' });
    expect(response.errors![0].message).toMatch(/The directory has no person "nobodyhere"\. Check the login/);
  });

  it.each([
    [
      'an external contractor (EXTN/CONT)',
      { personnelClass: 'EXTN', personnelSubCode: 'CONT' },
      /Personnel class EXTN\/CONT is not authorised/,
    ],
    [
      'a person whose contract has ended',
      { contractEnd: new Date('2020-01-31T00:00:00Z') },
      /Your contract ended on 2020-01-31/,
    ],
  ])('refuses %s with NOT_ELIGIBLE and the reason', async (_label, overrides, message) => {
    const person = await seedPerson(api.world.sandbox, overrides);
    const response = await api.graphql(REQUEST_PERSONAL_NUMBER, { user: person.login });
    expect(errorCodes(response)).toEqual(['NOT_ELIGIBLE']);
    expect(response.errors![0].message).toMatch(message);
    expect(response.errors![0].extensions).toEqual({ code: 'NOT_ELIGIBLE', category: 'FORBIDDEN' });
  });

  it('refuses anonymous calls with UNAUTHENTICATED', async () => {
    const response = await api.graphql(REQUEST_PERSONAL_NUMBER);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a malformed login in the account selector', async () => {
    const response = await api.graphql(REQUEST_PERSONAL_NUMBER, { user: '*)(uid=*' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0].message).toMatch(/is not a valid login/);
  });

  it("does not show someone else's request", async () => {
    const owner = await seedPerson(api.world.sandbox);
    const stranger = await seedPerson(api.world.sandbox);
    const accepted = await api.graphql<{ requestPersonalNumber: RequestView }>(REQUEST_PERSONAL_NUMBER, {
      user: owner.login,
    });
    const peek = await api.graphql(REQUEST, {
      user: stranger.login,
      variables: { id: accepted.data!.requestPersonalNumber.id },
    });
    expect(errorCodes(peek)).toEqual(['NOT_FOUND']);
    const garbage = await api.graphql(REQUEST, { user: stranger.login, variables: { id: "' OR 1=1 --" } });
    expect(errorCodes(garbage)).toEqual(['NOT_FOUND']);
  });

  it('answers a malformed document with a request error and never a stack trace', async () => {
    const response = await api.graphql('mutation { requestPersonalNumber { nope } }', { user: 'someone' });
    expect(response.errors![0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      category: 'BAD_REQUEST',
    });
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at \w+ \(/);
  });
});
