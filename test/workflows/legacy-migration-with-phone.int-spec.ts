import { IpPhoneEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { seedPerson } from '../support/factories';
import { requestMigration, seedLegacyNumber } from '../support/legacy-factories';
import { bootPhone, randomMac } from '../support/phone-fixtures';
import { resultOf, waitForProgress } from '../support/workflow-helpers';
import { World } from '../support/world';

/**
 * The legacy migration and the phone registration are two workflows; this suite proves them
 * together: a Skype line whose desk phone is compatible moves to the new service with its phone,
 * which is registered by a child request and becomes ACTIVE only once it has booted.
 */
describe('migrating a Skype number with a compatible desk phone (child phone registration)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start({ FIRST_BOOT_TIMEOUT_MS: '60000' });
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('re-registers the phone on the migrated number as a child request', async () => {
    const person = await seedPerson(world.sandbox);
    const mac = randomMac();
    const number = await seedLegacyNumber(world.dataSource, world.sandbox, {
      service: 'SKYPE',
      listedUnder: [person.login],
      phone: { modelId: 'polycom-vvx-450', mac },
    });
    const request = await requestMigration(world, { number, as: 'PERSONAL', login: person.login });

    // The child registration waits for the phone's first boot; the phone boots as a real one would.
    await waitForProgress(world.client, request, (p) =>
      p.steps.some((s) => s.id === 're-register-phone' && s.status === 'RUNNING'),
    );
    const deadline = Date.now() + 60_000;
    let booted = false;
    while (!booted && Date.now() < deadline) {
      try {
        await bootPhone(world, mac);
        booted = true;
      } catch {
        // Its configuration is not published yet.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    expect(booted).toBe(true);

    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('COMPLETED');
    const phoneStep = progress.steps.find((s) => s.id === 're-register-phone');
    expect(phoneStep).toMatchObject({ status: 'SUCCEEDED' });
    expect(phoneStep?.note).toMatch(/^done by request [0-9a-f-]{36}$/);

    expect(await world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject({
      state: 'ACTIVE',
      type: 'PERSONAL',
      ownerLogin: person.login,
    });
    expect(await world.dataSource.getRepository(IpPhoneEntity).findOneBy({ mac })).toMatchObject({
      number,
      activation: 'ACTIVE',
      name: `TELEPHONE-${number}`,
    });
    // The child request has its own projection row pointing at the migration.
    const children = await world.requests.children(request.id);
    expect(children.map((c) => [c.kind, c.status])).toEqual([['REGISTER_PHONE', 'COMPLETED']]);
  });
});
