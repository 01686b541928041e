import { resolveUpdate } from '../../libs/contracts/messages';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import { seedPerson } from '../support/factories';
import { phoneRow, requestPhoneRegistration, seedActiveNumber } from '../support/phone-fixtures';
import { resultOf, scheduledActivities, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

/**
 * Switchboard's own bookkeeping (the phone's state in the inventory, written by local activities)
 * refused for good. Such a refusal once escaped the saga: register-phone failed as a workflow while
 * its request stayed RUNNING with its locks held, so chaos never armed a permanent fault there.
 */
describe('register IP phone when Switchboard cannot keep its own record (real Temporal, PostgreSQL)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start();
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  afterEach(async () => {
    await world.faults.clear();
  });

  async function registration() {
    const person = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: person.login });
    return { number, ...(await requestPhoneRegistration(world, { requester: person.login, number })) };
  }

  it('compensates like a failed step when the phone state cannot be recorded', async () => {
    const message = 'simulated refusal of the own record';
    await world.faults.inject({
      system: 'inventory',
      operation: 'moveActivation',
      kind: 'permanent',
      times: 1,
      message,
    });
    const { request, phoneId, mac, number } = await registration();
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('FAILED');
    // NETWORK_REGISTERED is recorded before the configuration is published: that step fails.
    const failed = progress.steps.find((s) => s.id === 'publish-config')!;
    expect(failed).toMatchObject({
      status: 'FAILED',
      lastError: `Switchboard could not keep its own record: inventory: ${message}`,
    });
    expect(progress.failureReason).toBe(`${failed.action} failed: ${failed.lastError}`);
    expect(progress.steps.map((s) => [s.id, s.status, s.undo])).toEqual([
      ['check-request', 'SUCCEEDED', 'NONE'],
      ['register-network-device', 'SUCCEEDED', 'DONE'],
      ['reserve-dhcp', 'SUCCEEDED', 'DONE'],
      ['publish-config', 'FAILED', 'NONE'],
      ['bind-line', 'NOT_RUN', 'NONE'],
      ['wait-first-boot', 'NOT_RUN', 'NONE'],
      ['notify-no-boot', 'NOT_RUN', 'NONE'],
      ['activate-phone', 'NOT_RUN', 'NONE'],
      ['notify-outcome', 'SUCCEEDED', 'NONE'],
    ]);
    expect((await scheduledActivities(world.client, request)).slice(-3)).toEqual([
      'releasePhoneAddress',
      'removePhoneDevice',
      'sendNotification',
    ]);
    expect(await world.sandbox.get('network', `TELEPHONE-${number}`)).toBeNull();
    expect(await world.sandbox.get('dhcp', mac)).toBeNull();
    expect(await phoneRow(world, phoneId)).toMatchObject({ activation: 'REMOVED', provisioningSecret: null });
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'FAILED' });
  });

  it('parks for the service desk when the phone record cannot be closed after the undos', async () => {
    // The first refusal fails the request; the second hits the closing of the phone's record.
    await world.faults.inject({
      system: 'inventory',
      operation: 'moveActivation',
      kind: 'permanent',
      times: 2,
    });
    const { request, phoneId } = await registration();
    const parked = await waitForProgress(world.client, request, (p) => p.status === 'NEEDS_ATTENTION');

    expect(parked.parked).toMatchObject({
      stepId: 'check-request',
      system: 'inventory',
      phase: 'undo',
      allowedActions: ['retry', 'skip'],
    });
    expect(parked.parked?.error).toMatch(/^Switchboard could not keep its own record: inventory: /);
    expect(await world.requests.find(request.id)).toMatchObject({ status: 'NEEDS_ATTENTION' });
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).not.toEqual([]);

    await world.client.workflow
      .getHandle(request.workflowId, request.runId!)
      .executeUpdate(resolveUpdate, { args: [{ action: 'retry', reason: 'database fixed', actor: 'desk' }] });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('FAILED');
    expect(await phoneRow(world, phoneId)).toMatchObject({ activation: 'REMOVED', provisioningSecret: null });
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
  });
});
