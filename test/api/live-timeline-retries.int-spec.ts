import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';

const REQUEST = `query($id: ID!) { request(id: $id) { status
  steps { id status attempts lastError undo undoAttempts undoError } } }`;

interface StepView {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  undo: string;
  undoAttempts: number;
  undoError: string | null;
}

/**
 * The live timeline while an activity retries: the workflow only learns of an attempt when the
 * activity ends, so the API merges the attempts and last error of Temporal's pending activity into
 * the step that runs (`mergeRetryingActivities`). Retries are 1.5 s apart here, so an attempt
 * usually stays visible long enough to be read; the fourth is held until it has been seen, so the
 * test does not depend on reading fast enough.
 */
describe('the live timeline of a retrying step (API over HTTP, real worker and Temporal)', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start({
      RETRY_MAX_ATTEMPTS_PBX: '10',
      RETRY_INITIAL_INTERVAL_MS: '1500',
      RETRY_MAX_INTERVAL_MS: '1500',
      RETRY_BACKOFF: '1',
    });
    await api.world.startWorker();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('shows the attempts and the last error of the PBX step while it retries, then the step succeeds', async () => {
    const person = await seedPerson(api.world.sandbox);
    await api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'transient',
      times: 3,
      message: 'PBX busy (simulated)',
    });
    // Reached only once the three failures are used up: the fourth attempt waits here until seen.
    const fourth = await api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'hold',
      times: 1,
    });
    const accepted = await api.graphql<{ requestPersonalNumber: { id: string } }>(
      'mutation { requestPersonalNumber { id } }',
      { user: person.login },
    );
    expect(accepted.errors).toBeUndefined();
    const id = accepted.data!.requestPersonalNumber.id;

    // Every reading of the PBX step while it runs, until the request ends.
    const seen: Array<Pick<StepView, 'attempts' | 'lastError'>> = [];
    const deadline = Date.now() + 90_000;
    let status = '';
    while (!['COMPLETED', 'FAILED', 'NEEDS_ATTENTION'].includes(status)) {
      if (Date.now() > deadline)
        throw new Error(`request ${id} still ${status}; seen ${JSON.stringify(seen)}`);
      const response = await api.graphql<{ request: { status: string; steps: StepView[] } }>(REQUEST, {
        user: person.login,
        variables: { id },
      });
      status = response.data!.request.status;
      const pbx = response.data!.request.steps.find((s) => s.id === 'create-sip-account');
      if (pbx?.status === 'RUNNING') seen.push({ attempts: pbx.attempts, lastError: pbx.lastError });
      if (pbx?.status === 'RUNNING' && pbx.attempts >= 4) await api.world.faults.release(fourth);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('COMPLETED');
    // Temporal counts the attempt in progress: after the first failure it is attempt 2.
    const retrying = seen.filter((s) => s.attempts >= 2);
    expect(retrying.length).toBeGreaterThan(0);
    for (const reading of retrying) expect(reading.lastError).toContain('PBX busy (simulated)');
    expect(Math.max(...seen.map((s) => s.attempts))).toBe(4);
  });
});
