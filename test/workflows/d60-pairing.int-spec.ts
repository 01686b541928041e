import { randomUUID } from 'node:crypto';
import { D60BaseEntity, IpPhoneEntity } from '../../libs/persistence/entities';
import { seedPerson } from '../support/factories';
import {
  configRow,
  randomMac,
  registerActivePhone,
  requestD60Pairing,
  requestD60Unpairing,
  seedActiveNumber,
} from '../support/phone-fixtures';
import { resultOf, scheduledActivities } from '../support/workflow-helpers';
import { World } from '../support/world';

describe('D60 pairing workflows (real Temporal server, PostgreSQL, sandbox drivers)', () => {
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

  const baseOf = (hostPhoneId: string) =>
    world.dataSource.getRepository(D60BaseEntity).findOneBy({ hostPhoneId });

  async function activeHost() {
    const person = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: person.login });
    const lab = await seedActiveNumber(world, { owner: person.login, type: 'SHARED' });
    const host = await registerActivePhone(world, { requester: person.login, number });
    return { person, number, lab, host };
  }

  it('records the base and regenerates the host configuration with the D60 block; unpairing reverses it', async () => {
    const { person, number, lab, host } = await activeHost();
    const baseMac = randomMac();
    const pairing = await requestD60Pairing(world, {
      requester: person.login,
      hostPhoneId: host.phoneId,
      hostMac: host.mac,
      baseMac,
      handsets: [number, lab],
    });
    const paired = await resultOf(world.client, pairing);

    expect(paired.status).toBe('COMPLETED');
    expect(await scheduledActivities(world.client, pairing)).toEqual([
      'prepareD60Pairing',
      'recordD60Base',
      'publishPhoneConfig',
    ]);
    expect(await baseOf(host.phoneId)).toMatchObject({
      baseMac,
      handsets: [
        { slot: 1, number },
        { slot: 2, number: lab },
      ],
    });
    expect(await configRow(world, host.mac)).toMatchObject({
      servable: true,
      revision: 2,
      config: {
        lines: [{ extension: number }],
        d60: {
          baseMac,
          handsets: [
            { slot: 1, extension: number },
            { slot: 2, extension: lab },
          ],
        },
      },
    });

    const unpairing = await requestD60Unpairing(world, {
      requester: person.login,
      hostPhoneId: host.phoneId,
      hostMac: host.mac,
      baseMac,
    });
    expect((await resultOf(world.client, unpairing)).status).toBe('COMPLETED');
    expect(await baseOf(host.phoneId)).toBeNull();
    expect(await configRow(world, host.mac)).toMatchObject({ revision: 3, config: { d60: null } });
  });

  it('refuses a host phone that is not ACTIVE', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await seedActiveNumber(world, { owner: person.login });
    const hostPhoneId = randomUUID();
    const hostMac = randomMac();
    await world.dataSource.getRepository(IpPhoneEntity).insert({
      id: hostPhoneId,
      mac: hostMac,
      number,
      name: `TELEPHONE-${number}`,
      modelId: 'polycom-vvx-450',
      office: null,
      ownerLogin: person.login,
      activation: 'PENDING_FIRST_BOOT',
      requestId: null,
      ipAddress: null,
      provisioningSecret: null,
      lastFetchAt: null,
      activatedAt: null,
    });
    const pairing = await requestD60Pairing(world, {
      requester: person.login,
      hostPhoneId,
      hostMac,
      baseMac: randomMac(),
      handsets: [number],
    });
    const progress = await resultOf(world.client, pairing);

    expect(progress.status).toBe('FAILED');
    expect(progress.steps[0]).toMatchObject({ id: 'check-request', lastErrorType: 'INVALID_STATE' });
    expect(progress.failureReason).toMatch(
      /is PENDING_FIRST_BOOT; a D60 base can be paired with an ACTIVE phone only/,
    );
    expect(await baseOf(hostPhoneId)).toBeNull();
    expect(await scheduledActivities(world.client, pairing)).toEqual(['prepareD60Pairing']);
  });

  it('forgets the base and restores the configuration when regenerating it fails', async () => {
    const { person, number, host } = await activeHost();
    await world.faults.inject({
      system: 'provisioning',
      operation: 'publishConfig',
      kind: 'permanent',
      times: 1,
      message: 'template rejected the D60 block',
    });
    const pairing = await requestD60Pairing(world, {
      requester: person.login,
      hostPhoneId: host.phoneId,
      hostMac: host.mac,
      baseMac: randomMac(),
      handsets: [number],
    });
    const progress = await resultOf(world.client, pairing);

    expect(progress.status).toBe('FAILED');
    expect(progress.failureReason).toMatch(/provisioning: template rejected the D60 block/);
    // Undo in reverse: the configuration without the block (unchanged here), then the record.
    expect(await scheduledActivities(world.client, pairing)).toEqual([
      'prepareD60Pairing',
      'recordD60Base',
      'publishPhoneConfig',
      'publishPhoneConfig',
      'removeD60Base',
    ]);
    expect(progress.steps.map((s) => [s.id, s.undo])).toEqual([
      ['check-request', 'NONE'],
      ['record-base', 'DONE'],
      ['regenerate-host-config', 'DONE'],
    ]);
    expect(await baseOf(host.phoneId)).toBeNull();
    expect(await configRow(world, host.mac)).toMatchObject({ revision: 1, config: { d60: null } });
  });
});
