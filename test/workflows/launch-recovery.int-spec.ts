import type { Client, WorkflowStartOptions } from '@temporalio/client';
import { NEW_PERSONAL_NUMBER } from '../../libs/contracts/new-personal-number';
import type { RequestProgress } from '../../libs/contracts/progress';
import { workflowIds } from '../../libs/contracts/workflow-ids';
import type { RequestEntity } from '../../libs/persistence/entities';
import { RequestLauncher, type LaunchSpec } from '../../libs/requests/request-launcher';
import { lockKeys, ResourceLocks } from '../../libs/requests/resource-locks';
import type { RequestInput } from '../../libs/contracts/request-input';
import { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { seedPerson } from '../support/factories';
import {
  bootWhenPending,
  randomMac,
  requestPhoneRegistration,
  seedActiveNumber,
} from '../support/phone-fixtures';
import { World, type RunningWorker } from '../support/world';

/**
 * An API process killed between recording a request and confirming its workflow's start (seen in
 * the crash suite): the request must still run. A launcher whose Temporal client never answers
 * stands for the API that died; `resumeUnconfirmed` is what every API runs at boot and every 15 s.
 */
describe('launch recovery (real Temporal server, PostgreSQL, sandbox drivers)', () => {
  let world: World;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    world = await World.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  const specFor = (login: string): LaunchSpec<RequestInput> => ({
    kind: 'NEW_PERSONAL_NUMBER',
    workflowType: NEW_PERSONAL_NUMBER,
    workflowId: workflowIds.personalNumber(login),
    locks: [lockKeys.personalNumberOf(login)],
    requester: login,
    actor: login,
    input: (common) => common,
  });

  /** A launcher on a client whose workflow start does `before`, then never returns: the API died. */
  const dyingLauncher = (
    before: (options: WorkflowStartOptions) => Promise<unknown> = () => Promise.resolve(),
  ) => {
    const client = {
      workflow: {
        start: async (_type: string, options: WorkflowStartOptions) => {
          await before(options);
          return new Promise(() => undefined);
        },
      },
    } as unknown as Client;
    return new RequestLauncher(client, world.requests, world.app.get(ResourceLocks), {
      taskQueue: world.config.temporal.taskQueue,
      settings: world.config.workflow,
    });
  };

  /** The request row the dead API left behind. */
  async function leftBehind(login: string): Promise<RequestEntity> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [row] = await world.requests.listForRequester(login);
      if (row) return row;
      if (Date.now() > deadline) throw new Error(`no request row for ${login}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const resultOf = (row: RequestEntity, runId: string) =>
    world.client.workflow.getHandle(row.workflowId, runId).result() as Promise<RequestProgress>;

  it('starts the workflow of a request whose API died before starting it, once its grace has passed', async () => {
    worker = await world.startWorker();
    const person = await seedPerson(world.sandbox);
    void dyingLauncher().launch(specFor(person.login));
    const row = await leftBehind(person.login);
    expect(row).toMatchObject({ status: 'ACCEPTED', runId: null });
    expect(row.launch?.workflowType).toBe(NEW_PERSONAL_NUMBER);

    // Its locks still count: another request for the same person is refused, not let through.
    await expect(world.launcher().launch(specFor(person.login))).rejects.toMatchObject({
      code: 'REQUEST_IN_PROGRESS',
    });
    // Too young: another API may still be starting it.
    expect(await world.launcher().resumeUnconfirmed(60_000)).toEqual({ started: 0, adopted: 0, failed: 0 });
    expect(await world.launcher().resumeUnconfirmed(0)).toEqual({ started: 1, adopted: 0, failed: 0 });

    const resumed = (await world.requests.find(row.id))!;
    expect(resumed.runId).not.toBeNull();
    expect(resumed.launch).toBeNull();
    expect(await resultOf(row, resumed.runId!)).toMatchObject({ requestId: row.id, status: 'COMPLETED' });
    expect((await world.requests.find(row.id))!.status).toBe('COMPLETED');
    expect(await world.launcher().resumeUnconfirmed(0)).toEqual({ started: 0, adopted: 0, failed: 0 });
  });

  it('adopts the run that did start when the API died before recording it, and starts nothing twice', async () => {
    // No worker yet: the workflow has started in Temporal but has not touched its request row.
    const person = await seedPerson(world.sandbox);
    let started: Promise<string> | undefined;
    void dyingLauncher(async (options) => {
      started = world.client.workflow
        .start(NEW_PERSONAL_NUMBER, options as WorkflowStartOptions<() => Promise<unknown>>)
        .then((handle) => handle.firstExecutionRunId);
      await started;
    }).launch(specFor(person.login));
    const row = await leftBehind(person.login);
    const runId = await (async () => {
      while (!started) await new Promise((resolve) => setTimeout(resolve, 20));
      return started;
    })();

    expect(await world.launcher().resumeUnconfirmed(0)).toEqual({ started: 0, adopted: 1, failed: 0 });
    expect((await world.requests.find(row.id))!.runId).toBe(runId);
    worker = await world.startWorker();
    expect(await resultOf(row, runId)).toMatchObject({ requestId: row.id, status: 'COMPLETED' });
    const runs: string[] = [];
    for await (const run of world.client.workflow.list({ query: `WorkflowId = '${row.workflowId}'` }))
      runs.push(run.runId);
    expect(runs).toEqual([runId]);
  });

  it('resumes a phone registration whose API died before writing the phone row: the workflow writes it', async () => {
    worker = await world.startWorker();
    const owner = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: owner.login });
    const mac = randomMac();
    void requestPhoneRegistration(world, {
      requester: owner.login,
      number,
      mac,
      launcher: dyingLauncher(),
      dieBeforeRequestedRow: true,
    });
    const row = await leftBehind(owner.login);
    const phones = new PhoneInventory(world.dataSource);
    // The request row comes first, so no phone row is left that no request owns.
    expect(await phones.findLiveByMac(mac)).toBeNull();

    expect(await world.launcher().resumeUnconfirmed(0)).toEqual({ started: 1, adopted: 0, failed: 0 });
    const runId = (await world.requests.find(row.id))!.runId!;
    await bootWhenPending(world, mac);
    expect(await resultOf(row, runId)).toMatchObject({ requestId: row.id, status: 'COMPLETED' });
    expect(await phones.findLiveByMac(mac)).toMatchObject({ number, activation: 'ACTIVE' });
  });

  it('fails, having changed nothing, a request whose workflow id another request now holds', async () => {
    const person = await seedPerson(world.sandbox);
    void dyingLauncher().launch(specFor(person.login));
    const row = await leftBehind(person.login);
    // Someone else's run under the same workflow id (its memo names no request of ours).
    const other = await world.client.workflow.start(NEW_PERSONAL_NUMBER, {
      taskQueue: world.config.temporal.taskQueue,
      workflowId: row.workflowId,
      args: [{ ...(row.launch!.args[0] as RequestInput), requestId: 'someone-else' }],
    });
    try {
      expect(await world.launcher().resumeUnconfirmed(0)).toEqual({ started: 0, adopted: 0, failed: 1 });
      const failed = (await world.requests.find(row.id))!;
      expect(failed).toMatchObject({ status: 'FAILED', runId: null, launch: null });
      expect(failed.failureReason).toMatch(/never started and changed nothing\. Send it again/);
      expect(await world.app.get(ResourceLocks).acquiredAt(row.id)).toBeNull();
    } finally {
      await other.terminate('test clean-up');
    }
  });
});
