import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { resolveUpdate } from '../../libs/contracts/messages';
import type { RequestProgress } from '../../libs/contracts/progress';
import { D60BaseEntity } from '../../libs/persistence/entities';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import { UNREGISTER_PHONE_STEPS } from '../../workflows/unregister-phone.workflow';
import { seedPerson } from '../support/factories';
import {
  configRow,
  phoneRow,
  randomMac,
  registerActivePhone,
  requestPhoneUnregistration,
  seedActiveNumber,
} from '../support/phone-fixtures';
import { resultOf, scheduledActivities, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

interface PbxAccount {
  devices?: string[];
}

describe('unregister IP phone workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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

  const step = (progress: RequestProgress, id: string) => progress.steps.find((s) => s.id === id)!;

  async function activePhone() {
    const person = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: person.login });
    const phone = await registerActivePhone(world, { requester: person.login, number });
    return { person, number, ...phone };
  }

  it('removes the phone from every system in reverse order and marks it REMOVED last', async () => {
    const { person, number, phoneId, mac } = await activePhone();
    await world.dataSource.getRepository(D60BaseEntity).insert({
      id: randomUUID(),
      hostPhoneId: phoneId,
      baseMac: randomMac(),
      handsets: [{ slot: 1, number }],
    });
    const since = await world.sandbox.lastEffectId();
    const request = await requestPhoneUnregistration(world, {
      requester: person.login,
      phoneId,
      mac,
      number,
    });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(progress.pastPointOfNoReturn).toBe(true);
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      UNREGISTER_PHONE_STEPS.map((s) => [s.id, 'SUCCEEDED']),
    );
    expect(await scheduledActivities(world.client, request)).toEqual([
      'beginPhoneUnregistration',
      'unbindPhoneFromLine',
      'withdrawPhoneConfig',
      'releasePhoneAddress',
      'removePhoneDevice',
      'removeD60BaseOfPhone',
      'finishPhoneUnregistration',
    ]);
    const effects = [
      ...(await world.sandbox.effects('pbx', number, since)),
      ...(await world.sandbox.effects('dhcp', mac, since)),
      ...(await world.sandbox.effects('network', `TELEPHONE-${number}`, since)),
    ];
    expect(effects.map((e) => e.operation)).toEqual(['unbindDevice', 'releaseHost', 'removeDevice']);
    expect((await world.sandbox.get<PbxAccount>('pbx', number))?.devices).toEqual([]);
    expect(await configRow(world, mac)).toMatchObject({ servable: false, withdrawnAt: expect.any(Date) });
    expect(
      await world.dataSource.getRepository(D60BaseEntity).findOneBy({ hostPhoneId: phoneId }),
    ).toBeNull();
    expect(await phoneRow(world, phoneId)).toMatchObject({
      activation: 'REMOVED',
      requestId: request.id,
      provisioningSecret: null,
    });
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
  });

  it('parks a failed removal for the service desk without re-creating what it removed, then finishes on retry', async () => {
    const { person, number, phoneId, mac } = await activePhone();
    await world.faults.inject({
      system: 'dhcp',
      operation: 'releaseHost',
      kind: 'permanent',
      message: 'reservation is locked by a change freeze',
    });
    const since = await world.sandbox.lastEffectId();
    const request = await requestPhoneUnregistration(world, {
      requester: person.login,
      phoneId,
      mac,
      number,
    });
    const parked = await waitForProgress(world.client, request, (p) => p.parked !== undefined);

    expect(parked).toMatchObject({ status: 'NEEDS_ATTENTION', pastPointOfNoReturn: true });
    expect(parked.parked).toMatchObject({
      stepId: 'release-dhcp',
      system: 'dhcp',
      allowedActions: ['retry', 'skip'],
      error: 'dhcp: reservation is locked by a change freeze',
    });
    expect(parked.parked?.decidesAt).toBeUndefined();
    expect(step(parked, 'unbind-line').undo).toBe('NONE');
    // What was removed stays removed: no bind, no publish, no reservation again.
    expect((await world.sandbox.effects('pbx', number, since)).map((e) => e.operation)).toEqual([
      'unbindDevice',
    ]);
    expect((await configRow(world, mac))?.servable).toBe(false);
    expect(await world.sandbox.get('dhcp', mac)).not.toBeNull();
    expect(await world.sandbox.get('network', `TELEPHONE-${number}`)).not.toBeNull();
    expect((await phoneRow(world, phoneId))?.activation).toBe('UNREGISTERING');

    // Compensating is not offered past the point of no return.
    const handle = world.client.workflow.getHandle(request.workflowId, request.runId!);
    await expect(
      handle.executeUpdate(resolveUpdate, {
        args: [{ action: 'compensate', reason: 'undo', actor: 'desk' }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not possible here/) } });

    await world.faults.clear();
    await handle.executeUpdate(resolveUpdate, {
      args: [{ action: 'retry', reason: 'change freeze lifted', actor: 'desk' }],
    });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'release-dhcp')).toMatchObject({ status: 'SUCCEEDED' });
    expect(await world.sandbox.get('dhcp', mac)).toBeNull();
    expect(await world.sandbox.get('network', `TELEPHONE-${number}`)).toBeNull();
    expect((await world.sandbox.effects('pbx', number, since)).map((e) => e.operation)).toEqual([
      'unbindDevice',
    ]);
    expect((await phoneRow(world, phoneId))?.activation).toBe('REMOVED');
  });

  it('lets the service desk skip a removal done by hand', async () => {
    const { person, number, phoneId, mac } = await activePhone();
    await world.faults.inject({ system: 'network', operation: 'removeDevice', kind: 'transient' });
    const request = await requestPhoneUnregistration(world, {
      requester: person.login,
      phoneId,
      mac,
      number,
    });
    const parked = await waitForProgress(world.client, request, (p) => p.parked !== undefined);
    expect(parked.parked).toMatchObject({
      stepId: 'remove-network-device',
      allowedActions: ['retry', 'skip'],
    });
    expect(step(parked, 'remove-network-device').attempts).toBe(3);

    const handle = world.client.workflow.getHandle(request.workflowId, request.runId!);
    await handle.executeUpdate(resolveUpdate, {
      args: [{ action: 'skip', reason: 'removed by hand in LanDB', actor: 'desk' }],
    });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'remove-network-device').status).toBe('SKIPPED');
    expect((await phoneRow(world, phoneId))?.activation).toBe('REMOVED');
  });

  it("finds a number's live phone for a request that unregisters it as a child", async () => {
    const { number, phoneId, mac } = await activePhone();
    const activities = createActivities(world.deps);
    const env = new MockActivityEnvironment();
    type Found = Awaited<ReturnType<typeof activities.findPhoneOnNumber>>;
    const findOn = (n: string) =>
      env.run<[{ number: string }], Found, typeof activities.findPhoneOnNumber>(
        activities.findPhoneOnNumber,
        {
          number: n,
        },
      );
    expect((await findOn(number)).value).toEqual({
      phoneId,
      mac,
      activation: 'ACTIVE',
    });
    const other = await seedActiveNumber(world, { owner: (await seedPerson(world.sandbox)).login });
    expect((await findOn(other)).value).toBeNull();
  });

  it('touches nothing when the phone was already removed (its MAC may belong to a new phone)', async () => {
    const { person, number, phoneId, mac } = await activePhone();
    const first = await requestPhoneUnregistration(world, { requester: person.login, phoneId, mac, number });
    expect((await resultOf(world.client, first)).status).toBe('COMPLETED');
    const again = await registerActivePhone(world, { requester: person.login, number, mac });
    const since = await world.sandbox.lastEffectId();

    const stale = await requestPhoneUnregistration(world, { requester: person.login, phoneId, mac, number });
    const progress = await resultOf(world.client, stale);

    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'mark-unregistering').status).toBe('SUCCEEDED');
    expect(step(progress, 'unbind-line').status).toBe('NOT_RUN');
    expect(await world.sandbox.effects('pbx', number, since)).toEqual([]);
    expect((await phoneRow(world, again.phoneId))?.activation).toBe('ACTIVE');
    expect((await configRow(world, mac))?.servable).toBe(true);
  });
});
