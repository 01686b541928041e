import { Connection, WorkflowClient } from '@temporalio/client';
import { errorCodes, postGraphql } from '../support/api-client';
import {
  buildCheckout,
  dataFolderExists,
  NpmStartProcess,
  pickPorts,
  portInUse,
  processGroupMembers,
  removeCheckout,
  type StartPorts,
} from './support/npm-start-process';
import { waitFor } from './support/wait-for';

/**
 * `npm start`, the embedded default, end to end: the compiled scripts/start.ts with its own
 * Temporal dev server (state in .data/temporal.db), SQLite (.data/switchboard.sqlite) and the
 * sandbox drivers, driven over GraphQL like the README's curl lines.
 */
describe('npm start (embedded default)', () => {
  let folder: string;
  let ports: StartPorts;
  let running: NpmStartProcess | undefined;
  const started: NpmStartProcess[] = [];
  let graphql: string;

  const PERSONAL = `{ myPersonalNumber { number state } }`;
  const ask = <T>(user: string, query: string, variables?: Record<string, unknown>) =>
    postGraphql<T>(graphql, query, { user, variables });

  async function start(): Promise<NpmStartProcess> {
    running = new NpmStartProcess(folder, ports);
    started.push(running);
    await running.ready();
    return running;
  }

  /** Ctrl-C, then: start.ts exits 0, no process of its group is left, every port it opened is free. */
  async function stopLikeCtrlC(): Promise<void> {
    const stopped = await running!.interrupt();
    expect({ stopped, output: stopped.code === 0 ? '' : running!.output }).toEqual({
      stopped: { code: 0, signal: null },
      output: '',
    });
    expect(processGroupMembers(running!.pgid)).toEqual([]);
    for (const [name, port] of Object.entries(ports)) {
      expect({ name, inUse: await portInUse(port) }).toEqual({ name, inUse: false });
    }
  }

  beforeAll(async () => {
    folder = await buildCheckout();
    ports = await pickPorts();
    graphql = `http://127.0.0.1:${ports.api}/graphql`;
  }, 300_000);

  afterAll(async () => {
    for (const product of started) await product.kill();
    if (folder) removeCheckout(folder);
  });

  let adaNumber: string;
  let adaRequest: string;

  it('starts, prints its URLs, and a personal number reaches ACTIVE through GraphQL', async () => {
    const product = await start();
    expect(product.output).toContain(`Portal       http://127.0.0.1:${ports.api}/`);
    expect(product.output).toContain(`GraphQL      http://127.0.0.1:${ports.api}/graphql`);
    expect(product.output).toContain(`Temporal UI  http://127.0.0.1:${ports.temporalUi}`);
    expect(product.output).toContain(`Provisioning http://127.0.0.1:${ports.provisioning}`);
    expect(dataFolderExists(folder)).toBe(true);
    // The checks Ctrl-C must pass later see the running product: start.ts, the Temporal dev
    // server, the worker, the API and the provisioning server in its group, every port taken.
    expect(processGroupMembers(product.pgid).length).toBeGreaterThanOrEqual(5);
    expect(processGroupMembers(product.pgid).join('\n')).toContain('temporal');
    for (const port of Object.values(ports)) expect(await portInUse(port)).toBe(true);

    const accepted = await ask<{ requestPersonalNumber: { id: string; status: string } }>(
      'ada',
      'mutation { requestPersonalNumber { id status } }',
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.requestPersonalNumber.status).toBe('ACCEPTED');
    adaRequest = accepted.data!.requestPersonalNumber.id;

    const done = await waitFor(
      'ada’s request',
      () =>
        ask<{ request: { status: string } }>('ada', 'query ($id: ID!) { request(id: $id) { status } }', {
          id: adaRequest,
        }),
      (r) => ['COMPLETED', 'FAILED', 'NEEDS_ATTENTION'].includes(r.data?.request.status ?? ''),
    );
    expect(done.data!.request.status).toBe('COMPLETED');
    const personal = await ask<{ myPersonalNumber: { number: string; state: string } }>('ada', PERSONAL);
    expect(personal.data!.myPersonalNumber.state).toBe('ACTIVE');
    adaNumber = personal.data!.myPersonalNumber.number;
    expect(adaNumber).toMatch(/^7\d{4}$/);
  });

  it('answers a race of two requests for one person with exactly one winner', async () => {
    const mutation = 'mutation { requestPersonalNumber { id status } }';
    const answers = await Promise.all([ask('grace', mutation), ask('grace', mutation)]);
    const winners = answers.filter((a) => a.errors === undefined);
    const losers = answers.filter((a) => a.errors !== undefined).flatMap(errorCodes);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(['REQUEST_IN_PROGRESS', 'ALREADY_HAS_PERSONAL_NUMBER']).toContain(losers[0]);

    const personal = await waitFor(
      'grace’s personal number',
      () => ask<{ myPersonalNumber: { number: string; state: string } | null }>('grace', PERSONAL),
      (r) => r.data?.myPersonalNumber?.state === 'ACTIVE',
    );
    expect(personal.data!.myPersonalNumber!.number).not.toBe(adaNumber);
    const requests = await ask<{ myRequests: Array<{ kind: string }> }>('grace', '{ myRequests { kind } }');
    expect(requests.data!.myRequests).toHaveLength(1);
  });

  it('serves the portal’s not-built page (503) when the portal was not built', async () => {
    const page = await fetch(`http://127.0.0.1:${ports.api}/requests/anything`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('The portal has not been built');
    // The API paths stay the API's.
    expect((await fetch(`http://127.0.0.1:${ports.api}/health`)).status).toBe(200);
  });

  it('stops everything on Ctrl-C: exit code 0, no process left, every port free', async () => {
    await stopLikeCtrlC();
  });

  it('reuses the data on a second start: the number, the request and its workflow timeline are still there', async () => {
    await start();
    const personal = await ask<{ myPersonalNumber: { number: string; state: string } }>('ada', PERSONAL);
    expect(personal.data!.myPersonalNumber).toEqual({ number: adaNumber, state: 'ACTIVE' });
    const request = await ask<{
      request: { status: string; steps: Array<{ status: string }>; workflowUrl: string };
    }>('ada', 'query ($id: ID!) { request(id: $id) { status steps { status } workflowUrl } }', {
      id: adaRequest,
    });
    expect(request.data!.request.status).toBe('COMPLETED');
    expect(request.data!.request.steps.length).toBeGreaterThan(0);
    expect(request.data!.request.steps.every((step) => step.status === 'SUCCEEDED')).toBe(true);
    // The Temporal dev server kept its state in .data/temporal.db: the workflow is still there.
    const [, workflowId, runId] = /\/workflows\/([^/]+)\/([^/]+)\/history$/.exec(
      request.data!.request.workflowUrl,
    )!;
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const described = await new WorkflowClient({ connection })
        .getHandle(decodeURIComponent(workflowId), decodeURIComponent(runId))
        .describe();
      expect(described.status.name).toBe('COMPLETED');
    } finally {
      await connection.close();
    }
    const again = await ask('ada', 'mutation { requestPersonalNumber { id } }');
    expect(errorCodes(again)).toEqual(['ALREADY_HAS_PERSONAL_NUMBER']);
    await stopLikeCtrlC();
  });
});
