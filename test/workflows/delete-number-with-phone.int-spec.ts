import { NumberRequestKind, NumberWorkflow } from '../../libs/contracts/numbers';
import { formatMacAddress } from '../../libs/domain/mac-address';
import { NumberState } from '../../libs/domain/number-state';
import { IpPhoneEntity } from '../../libs/persistence/entities';
import { lockKeys } from '../../libs/requests/resource-locks';
import { seedPerson } from '../support/factories';
import { aPersonalNumber, numberRow, requestOnNumber } from '../support/number-helpers';
import { configRow, registerActivePhone } from '../support/phone-fixtures';
import { resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';

/**
 * Deleting a number and unregistering a phone are two workflows; this suite proves them together:
 * the number's desk phone is unregistered by a child request, everywhere, before the line goes.
 */
describe('deleting a number that has a desk phone (child phone unregistration)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start();
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('unregisters the phone in every system, then deletes and quarantines the number', async () => {
    const person = await seedPerson(world.sandbox);
    const number = await aPersonalNumber(world, person.login);
    const { mac } = await registerActivePhone(world, { requester: person.login, number });
    const deviceName = `TELEPHONE-${number}`;
    expect(await world.sandbox.get('network', deviceName)).not.toBeNull();
    expect(await world.sandbox.get('dhcp', mac)).not.toBeNull();

    const request = await requestOnNumber(world, {
      kind: NumberRequestKind.DELETE_NUMBER,
      workflowType: NumberWorkflow.DELETE_NUMBER,
      number,
      requester: person.login,
      extra: { quarantineUntil: new Date(Date.now() + 90 * 86_400_000).toISOString() },
      locks: [lockKeys.mac(mac)],
    });
    const progress = await resultOf(world.client, request);

    expect(progress.status).toBe('COMPLETED');
    expect(progress.steps.find((s) => s.id === 'unregister-phones')).toMatchObject({ status: 'SUCCEEDED' });
    expect(await world.dataSource.getRepository(IpPhoneEntity).findOneBy({ mac })).toMatchObject({
      activation: 'REMOVED',
    });
    expect(await world.sandbox.get('network', deviceName)).toBeNull();
    expect(await world.sandbox.get('dhcp', mac)).toBeNull();
    expect((await configRow(world, mac))?.servable ?? false).toBe(false);
    expect(await world.sandbox.get('pbx', number)).toBeNull();
    expect(await numberRow(world, number)).toMatchObject({
      state: NumberState.QUARANTINED,
      ownerLogin: null,
    });

    const children = await world.requests.children(request.id);
    expect(children.map((c) => [c.kind, c.status, c.subject])).toEqual([
      ['UNREGISTER_PHONE', 'COMPLETED', formatMacAddress(mac, 'colon')],
    ]);
  });
});
