import { cancelUpdate, resolveUpdate } from '../../libs/contracts/messages';
import type { RequestProgress } from '../../libs/contracts/progress';
import type { RequestEntity } from '../../libs/persistence/entities';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import type { HostReservation } from '../../libs/systems/dhcp/dhcp.port';
import type { NetworkDevice } from '../../libs/systems/network/network-database.port';
import type { FaultSpec } from '../../libs/systems/sandbox/fault-injector';
import { REGISTER_PHONE_STEPS } from '../../workflows/register-phone.workflow';
import { seedPerson } from '../support/factories';
import { leaksIn } from '../support/history-secrets';
import {
  bootPhone,
  configRow,
  phoneRow,
  provisioningDriver,
  randomMac,
  requestPhoneRegistration,
  seedActiveNumber,
  waitForPhone,
} from '../support/phone-fixtures';
import { resultOf, scheduledActivities, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

interface PbxAccount {
  devices?: string[];
  registeredAt?: string;
}

/** Activity types from real history, with the repeated looks for the first boot shown once. */
async function activitiesOf(world: World, request: RequestEntity): Promise<string[]> {
  return (await scheduledActivities(world.client, request)).filter(
    (name, i, all) => name !== 'checkFirstBoot' || all[i - 1] !== 'checkFirstBoot',
  );
}

describe('register IP phone workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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

  async function personWithNumber() {
    const person = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: person.login });
    return { person, number };
  }

  async function expectNothingLeft(mac: string, number: string): Promise<void> {
    expect(await world.sandbox.get('network', `TELEPHONE-${number}`)).toBeNull();
    expect(await world.sandbox.get('dhcp', mac)).toBeNull();
    expect((await configRow(world, mac))?.servable ?? false).toBe(false);
    expect((await world.sandbox.get<PbxAccount>('pbx', number))?.devices ?? []).not.toContain(mac);
  }

  it('registers the phone in every system, waits for its first boot, and activates it last', async () => {
    const { person, number } = await personWithNumber();
    const { request, phoneId, mac } = await requestPhoneRegistration(world, {
      requester: person.login,
      number,
    });

    // Waiting for the first boot: everything is in place, the phone is not active yet.
    const waiting = await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    expect(await world.sandbox.get<NetworkDevice>('network', `TELEPHONE-${number}`)).toEqual({
      name: `TELEPHONE-${number}`,
      mac,
      location: { building: '513', floor: 'R', room: '024' },
      manufacturer: 'Polycom',
      model: 'VVX 450',
      responsible: person.login,
      user: person.login,
      description: `Desk phone on ${number}`,
    });
    const reservation = await world.sandbox.get<HostReservation>('dhcp', mac);
    expect(waiting.provisioningSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reservation).toMatchObject({
      hostname: `TELEPHONE-${number}`,
      bootUrl: `${world.config.provisioningUrl}/p/${waiting.provisioningSecret}/`,
      ipAddress: waiting.ipAddress,
    });
    expect(await configRow(world, mac)).toMatchObject({
      servable: true,
      revision: 1,
      lastFetchAt: null,
      config: {
        family: 'polycom',
        modelId: 'polycom-vvx-450',
        sipServer: world.config.sip.domain,
        lines: [{ index: 1, extension: number, label: number, displayName: person.displayName }],
        d60: null,
      },
    });
    expect((await world.sandbox.get<PbxAccount>('pbx', number))?.devices).toEqual([mac]);
    // The secret reaches DHCP through the activity only, never the workflow's history: every
    // payload decoded (test/workflows/history-secrets.int-spec.ts shows the check can fail).
    const execution = { workflowId: request.workflowId, runId: request.runId! };
    const history = await world.client.workflow
      .getHandle(execution.workflowId, execution.runId)
      .fetchHistory();
    expect(leaksIn(history, [waiting.provisioningSecret!], execution)).toEqual([]);

    await bootPhone(world, mac);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      REGISTER_PHONE_STEPS.map((s) => [s.id, s.id === 'notify-no-boot' ? 'NOT_RUN' : 'SUCCEEDED']),
    );
    expect(progress.result).toMatchObject({ number, ipAddress: waiting.ipAddress });
    expect(await phoneRow(world, phoneId)).toMatchObject({
      activation: 'ACTIVE',
      requestId: null,
      activatedAt: expect.any(Date),
      lastFetchAt: expect.any(Date),
    });
    expect(await activitiesOf(world, request)).toEqual([
      'preparePhoneRegistration',
      'registerPhoneDevice',
      'reservePhoneAddress',
      'publishPhoneConfig',
      'bindPhoneToLine',
      'checkFirstBoot',
      'activatePhone',
      'sendNotification',
    ]);
    const mails = (await world.sandbox.list<{ subject: string }>('mail')).filter((m) =>
      m.key.startsWith(request.id),
    );
    expect(mails.map((m) => m.data.subject)).toEqual([
      `Your request for the desk phone ${mac.match(/../g)!.join(':')} on ${number} is complete`,
    ]);
    expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
  });

  it('shows CONFIG_FETCHED while the phone has fetched its file but not yet registered', async () => {
    const { person, number } = await personWithNumber();
    const { request, phoneId, mac } = await requestPhoneRegistration(world, {
      requester: person.login,
      number,
    });
    await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    await provisioningDriver(world).recordConfigFetch(mac);
    await waitForPhone(world, phoneId, (p) => p.activation === 'CONFIG_FETCHED');
    expect((await world.requests.find(request.id))?.status).toBe('RUNNING');

    await bootPhone(world, mac);
    expect((await resultOf(world.client, request)).status).toBe('COMPLETED');
    expect((await phoneRow(world, phoneId))?.activation).toBe('ACTIVE');
  });

  // One case per failure point: the fault, and the undo activities expected after it, in order.
  const failurePoints: Array<{ stepId: string; failingActivity: string; fault: FaultSpec; undos: string[] }> =
    [
      {
        stepId: 'register-network-device',
        failingActivity: 'registerPhoneDevice',
        fault: { system: 'network', operation: 'registerDevice', kind: 'permanent' },
        // Each system step may half-apply, so its own (guarded) undo runs too.
        undos: ['removePhoneDevice'],
      },
      {
        stepId: 'reserve-dhcp',
        failingActivity: 'reservePhoneAddress',
        fault: { system: 'dhcp', operation: 'reserveHost', kind: 'permanent' },
        undos: ['releasePhoneAddress', 'removePhoneDevice'],
      },
      {
        stepId: 'publish-config',
        failingActivity: 'publishPhoneConfig',
        fault: { system: 'provisioning', operation: 'publishConfig', kind: 'permanent' },
        undos: ['withdrawPhoneConfig', 'releasePhoneAddress', 'removePhoneDevice'],
      },
      {
        stepId: 'bind-line',
        failingActivity: 'bindPhoneToLine',
        fault: { system: 'pbx', operation: 'bindDevice', kind: 'permanent' },
        undos: ['unbindPhoneFromLine', 'withdrawPhoneConfig', 'releasePhoneAddress', 'removePhoneDevice'],
      },
    ];

  it.each(failurePoints)(
    'undoes every earlier step in reverse order when $stepId fails permanently',
    async ({ stepId, failingActivity, fault, undos }) => {
      const { person, number } = await personWithNumber();
      await world.faults.inject({ ...fault, message: `simulated refusal at ${stepId}` });
      const { request, phoneId, mac } = await requestPhoneRegistration(world, {
        requester: person.login,
        number,
      });
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      const failing = step(progress, stepId);
      expect(failing).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(progress.failureReason).toBe(
        `${failing.action} failed: ${fault.system}: simulated refusal at ${stepId}`,
      );
      const index = REGISTER_PHONE_STEPS.findIndex((s) => s.id === stepId);
      for (const earlier of REGISTER_PHONE_STEPS.slice(1, index)) {
        expect([earlier.id, step(progress, earlier.id).status, step(progress, earlier.id).undo]).toEqual([
          earlier.id,
          'SUCCEEDED',
          'DONE',
        ]);
      }
      expect(failing.undo).toBe('DONE');
      for (const later of REGISTER_PHONE_STEPS.slice(index + 1, -1))
        expect([later.id, step(progress, later.id).status]).toEqual([later.id, 'NOT_RUN']);

      const activities = await activitiesOf(world, request);
      const tail = activities
        .slice(activities.indexOf(failingActivity) + 1)
        .filter((a) => a !== 'sendNotification');
      expect(tail).toEqual(undos);

      await expectNothingLeft(mac, number);
      // Fully undone: the row is REMOVED, so the MAC and the number are free again.
      expect(await phoneRow(world, phoneId)).toMatchObject({
        activation: 'REMOVED',
        provisioningSecret: null,
      });
      expect(await world.app.get(ResourceLocks).heldBy(request.id)).toEqual([]);
      expect(await world.requests.find(request.id)).toMatchObject({ status: 'FAILED' });
    },
  );

  it('does not remove a device that was not its own when the network database refuses a clash', async () => {
    const { person, number } = await personWithNumber();
    const otherMac = randomMac();
    await world.sandbox.put(
      'network',
      `TELEPHONE-${number}`,
      { name: `TELEPHONE-${number}`, mac: otherMac },
      'seed',
    );
    const { request } = await requestPhoneRegistration(world, { requester: person.login, number });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('FAILED');
    expect(progress.failureReason).toMatch(/already exists with another interface card/);
    expect(await world.sandbox.get<NetworkDevice>('network', `TELEPHONE-${number}`)).toMatchObject({
      mac: otherMac,
    });
  });

  it('recovers from a transient DHCP failure by retrying, reserving once', async () => {
    const { person, number } = await personWithNumber();
    await world.faults.inject({ system: 'dhcp', operation: 'reserveHost', kind: 'transient', times: 1 });
    const since = await world.sandbox.lastEffectId();
    const { request, phoneId, mac } = await requestPhoneRegistration(world, {
      requester: person.login,
      number,
    });
    await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    await bootPhone(world, mac);
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(step(progress, 'reserve-dhcp')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(await world.sandbox.effects('dhcp', mac, since)).toEqual([{ operation: 'reserveHost', key: mac }]);
  });

  describe('when the phone does not boot in time', () => {
    async function parkedRegistration() {
      const { person, number } = await personWithNumber();
      const started = await requestPhoneRegistration(world, {
        requester: person.login,
        number,
        firstBootTimeoutMs: 1500,
      });
      const parked = await waitForProgress(world.client, started.request, (p) => p.parked !== undefined);
      return { ...started, person, number, parked };
    }

    it('parks for the service desk, tells the requester, and completes when the desk retries after a boot', async () => {
      const { request, phoneId, mac, parked } = await parkedRegistration();

      expect(parked.status).toBe('NEEDS_ATTENTION');
      expect(parked.parked).toMatchObject({
        stepId: 'wait-first-boot',
        system: 'provisioning',
        phase: 'step',
        allowedActions: ['retry', 'compensate'],
      });
      expect(parked.parked?.error).toMatch(/has not fetched its configuration within 2 seconds/);
      expect((await phoneRow(world, phoneId))?.activation).toBe('PENDING_FIRST_BOOT');
      expect((await world.requests.find(request.id))?.status).toBe('NEEDS_ATTENTION');
      const mails = (await world.sandbox.list<{ subject: string }>('mail')).filter((m) =>
        m.key.startsWith(request.id),
      );
      expect(mails.map((m) => m.data.subject)).toEqual([
        expect.stringMatching(/^Action required: the desk phone/),
      ]);

      // The phone is plugged in meanwhile; the desk asks the request to look again.
      await bootPhone(world, mac);
      const handle = world.client.workflow.getHandle(request.workflowId, request.runId!);
      await handle.executeUpdate(resolveUpdate, {
        args: [{ action: 'retry', reason: 'the user plugged the phone in', actor: 'desk' }],
      });
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('COMPLETED');
      expect(step(progress, 'wait-first-boot')).toMatchObject({ status: 'SUCCEEDED' });
      expect((await phoneRow(world, phoneId))?.activation).toBe('ACTIVE');
    });

    it('undoes everything when the service desk compensates', async () => {
      const { request, phoneId, mac, number } = await parkedRegistration();
      const handle = world.client.workflow.getHandle(request.workflowId, request.runId!);
      await handle.executeUpdate(resolveUpdate, {
        args: [{ action: 'compensate', reason: 'the phone was returned', actor: 'desk' }],
      });
      const progress = await resultOf(world.client, request);

      expect(progress.status).toBe('FAILED');
      const activities = await activitiesOf(world, request);
      expect(
        activities
          .slice(activities.lastIndexOf('checkFirstBoot') + 1)
          .filter((a) => a !== 'sendNotification'),
      ).toEqual(['unbindPhoneFromLine', 'withdrawPhoneConfig', 'releasePhoneAddress', 'removePhoneDevice']);
      await expectNothingLeft(mac, number);
      expect((await phoneRow(world, phoneId))?.activation).toBe('REMOVED');

      // The MAC and the number are free for a new registration.
      const again = await requestPhoneRegistration(world, { requester: request.requester, number, mac });
      await waitForPhone(world, again.phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
      await bootPhone(world, mac);
      expect((await resultOf(world.client, again.request)).status).toBe('COMPLETED');
    });
  });

  it('undoes everything when the request is cancelled while it waits for the first boot', async () => {
    const { person, number } = await personWithNumber();
    const { request, phoneId, mac } = await requestPhoneRegistration(world, {
      requester: person.login,
      number,
    });
    await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    await world.client.workflow
      .getHandle(request.workflowId, request.runId!)
      .executeUpdate(cancelUpdate, { args: [{ reason: 'ordered the wrong model', actor: person.login }] });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('CANCELLED');
    expect(step(progress, 'wait-first-boot').status).toBe('FAILED');
    await expectNothingLeft(mac, number);
    expect((await phoneRow(world, phoneId))?.activation).toBe('REMOVED');
  });

  it('refuses, before any side effect, a number the requester does not own', async () => {
    const owner = await seedPerson(world.sandbox);
    const stranger = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: owner.login });
    const since = await world.sandbox.lastEffectId();
    const { request, phoneId } = await requestPhoneRegistration(world, { requester: stranger.login, number });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('FAILED');
    expect(step(progress, 'check-request')).toMatchObject({ status: 'FAILED', lastErrorType: 'NOT_OWNER' });
    expect(await world.sandbox.effects('network', undefined, since)).toEqual([]);
    expect((await phoneRow(world, phoneId))?.activation).toBe('REMOVED');
  });
});
