import { randomUUID } from 'node:crypto';
import { DomainError } from '../../libs/domain/domain-error';
import { NumberState } from '../../libs/domain/number-state';
import { isUniqueViolation } from '../../libs/persistence/database-errors';
import { PhoneNumberEntity } from '../../libs/persistence/entities';
import { TypeormNumberInventory } from '../../libs/systems/inventory/number-inventory';
import { World } from '../support/world';

describe('number inventory (PostgreSQL)', () => {
  let world: World;
  let inventory: TypeormNumberInventory;

  beforeAll(async () => {
    world = await World.start();
    inventory = new TypeormNumberInventory(world.dataSource);
  });

  afterAll(async () => {
    await world?.stop();
  });

  const repo = () => world.dataSource.getRepository(PhoneNumberEntity);
  const row = (number: string) => repo().findOneByOrFail({ number });
  const shared = () => world.config.pools.shared;

  async function activeShared(owner = 'owner1'): Promise<string> {
    const requestId = randomUUID();
    const { number } = await inventory.reserveSharedNumber({
      requestId,
      ownerLogin: owner,
      description: 'Lab 2',
      pool: shared(),
    });
    await world.deps.inventory.activateNumber(requestId, number);
    return number;
  }

  /** A free number of the personal pool, taken straight in the database for a test. */
  async function activePersonal(owner: string): Promise<string> {
    const free = await repo().findOneOrFail({
      where: { state: NumberState.AVAILABLE, type: 'PERSONAL' },
      order: { number: 'DESC' },
    });
    await repo().update({ number: free.number }, { state: NumberState.ACTIVE, ownerLogin: owner });
    return free.number;
  }

  it('reserves a shared number once per request, with its description and e-group', async () => {
    const requestId = randomUUID();
    const command = { requestId, ownerLogin: 'ada', description: 'Help line', pool: shared() };
    const first = await inventory.reserveSharedNumber(command);
    const again = await inventory.reserveSharedNumber(command);
    expect(first.result).toBe('applied');
    expect(again).toEqual({ number: first.number, result: 'unchanged' });
    expect(await row(first.number)).toMatchObject({
      type: 'SHARED',
      state: NumberState.PROVISIONING,
      ownerLogin: 'ada',
      description: 'Help line',
      managersGroup: `phone-mngr-${first.number}`,
      requestId,
    });
  });

  it('sets fields idempotently and refuses them on a number that is not active', async () => {
    const number = await activeShared();
    expect(await inventory.setDescription(number, 'Lab 3')).toBe('applied');
    expect(await inventory.setDescription(number, 'Lab 3')).toBe('unchanged');
    expect(await inventory.setPhonebookListed(number, false)).toBe('applied');
    expect(await inventory.setPhonebookListed(number, false)).toBe('unchanged');
    expect(await inventory.setOwner(number, 'grace')).toBe('applied');
    expect(await inventory.setOwner(number, 'grace')).toBe('unchanged');
    expect(await row(number)).toMatchObject({
      description: 'Lab 3',
      inPhonebook: false,
      ownerLogin: 'grace',
    });

    await inventory.quarantine({ requestId: randomUUID(), number, until: new Date(Date.now() + 60_000) });
    await expect(inventory.setDescription(number, 'Lab 4')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('turns a personal number into a shared one and back', async () => {
    const number = await activePersonal(`p${randomUUID().slice(0, 8)}`);
    const { ownerLogin } = await row(number);
    const change = {
      number,
      ownerLogin: ownerLogin!,
      description: 'Room 1',
      managersGroup: `phone-mngr-${number}`,
    };
    expect(await inventory.makeShared(change)).toBe('applied');
    expect(await inventory.makeShared(change)).toBe('unchanged');
    expect(await row(number)).toMatchObject({ type: 'SHARED', description: 'Room 1', ownerLogin });
    expect(await inventory.makePersonal({ number, ownerLogin: ownerLogin! })).toBe('applied');
    expect(await row(number)).toMatchObject({ type: 'PERSONAL', description: null, managersGroup: null });
    await expect(inventory.makeShared({ ...change, ownerLogin: 'someone-else' })).rejects.toThrow(
      /belongs to/,
    );
  });

  it('quarantines, refuses an early release, then releases once the quarantine is over', async () => {
    const number = await activeShared();
    const until = new Date(Date.now() + 3_600_000);
    expect(await inventory.quarantine({ requestId: randomUUID(), number, until })).toBe('applied');
    expect(await inventory.quarantine({ requestId: randomUUID(), number, until })).toBe('unchanged');
    expect(await row(number)).toMatchObject({
      state: NumberState.QUARANTINED,
      ownerLogin: null,
      description: null,
      managersGroup: null,
      quarantineUntil: until,
    });
    await expect(inventory.releaseQuarantine(number, new Date())).rejects.toThrow(/quarantined until/);
    expect(await inventory.releaseExpiredQuarantines(new Date())).not.toContain(number);
    const later = new Date(until.getTime() + 1000);
    expect(await inventory.releaseExpiredQuarantines(later)).toContain(number);
    expect(await row(number)).toMatchObject({ state: NumberState.AVAILABLE, quarantineUntil: null });
    expect(await inventory.releaseQuarantine(number, later)).toBe('unchanged');
  });

  it('deactivates and restores a personal number for its owner only, following the state rules', async () => {
    const owner = `p${randomUUID().slice(0, 8)}`;
    const number = await activePersonal(owner);
    const reservedUntil = new Date('2030-01-01T00:00:00Z');
    expect(await inventory.deactivate({ number, ownerLogin: owner, reservedUntil })).toBe('applied');
    expect(await inventory.deactivate({ number, ownerLogin: owner, reservedUntil })).toBe('unchanged');
    expect(await row(number)).toMatchObject({
      state: NumberState.DEACTIVATED,
      ownerLogin: owner,
      reservedUntil,
    });
    expect((await inventory.ownedNumbers()).map((n) => n.number)).toContain(number);
    await expect(inventory.restore({ number, ownerLogin: 'intruder' })).rejects.toThrow(/belongs to/);
    expect(await inventory.restore({ number, ownerLogin: owner })).toBe('applied');
    expect(await row(number)).toMatchObject({ state: NumberState.ACTIVE, reservedUntil: null });

    await inventory.quarantine({ requestId: randomUUID(), number, until: new Date() });
    // QUARANTINED → DEACTIVATED is not a legal move.
    const refused = await inventory
      .deactivate({ number, ownerLogin: owner, reservedUntil })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
  });

  it('refuses a transition the state machine does not allow', async () => {
    const number = await activeShared();
    await repo().update({ number }, { state: NumberState.PROVISIONING });
    const error = await inventory
      .quarantine({ requestId: randomUUID(), number, until: new Date() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID_STATE' });
  });

  describe('the one-personal-number guard of the database', () => {
    it('holds when two transactions pass the application check at the same time (updates)', async () => {
      const owner = `race${randomUUID().slice(0, 8)}`;
      const free = await repo().find({
        where: { state: NumberState.AVAILABLE, type: 'PERSONAL' },
        order: { number: 'DESC' },
        take: 2,
      });
      const [a, b] = [world.dataSource.createQueryRunner(), world.dataSource.createQueryRunner()];
      try {
        await a.startTransaction();
        await b.startTransaction();
        // Both writers check "no personal number yet" and both see none.
        const count = `SELECT count(*)::int AS n FROM phone_numbers WHERE "ownerLogin" = $1 AND type = 'PERSONAL'`;
        expect(((await a.query(count, [owner])) as Array<{ n: number }>)[0].n).toBe(0);
        expect(((await b.query(count, [owner])) as Array<{ n: number }>)[0].n).toBe(0);
        const take = `UPDATE phone_numbers SET state = 'ACTIVE', "ownerLogin" = $1 WHERE number = $2`;
        await a.query(take, [owner, free[0].number]);
        // The second writer waits on the unique index until the first commits, then is refused.
        const second = b.query(take, [owner, free[1].number]).then(
          () => 'accepted',
          (error: unknown) => (isUniqueViolation(error) ? 'unique violation' : String(error)),
        );
        await a.commitTransaction();
        expect(await second).toBe('unique violation');
        await b.rollbackTransaction();
      } finally {
        await a.release();
        await b.release();
      }
      expect(await repo().countBy({ ownerLogin: owner, type: 'PERSONAL' })).toBe(1);
    });

    it('holds for two concurrent inserts', async () => {
      const owner = `race${randomUUID().slice(0, 8)}`;
      const insert = (number: string) =>
        world.dataSource
          .query(
            `INSERT INTO phone_numbers (number, type, state, "ownerLogin", "inPhonebook") VALUES ($1, 'PERSONAL', 'ACTIVE', $2, true)`,
            [number, owner],
          )
          .then(
            () => 'inserted',
            (error: unknown) => (isUniqueViolation(error) ? 'unique violation' : String(error)),
          );
      const outcomes = await Promise.all([insert('09998'), insert('09999')]);
      expect(outcomes.sort()).toEqual(['inserted', 'unique violation']);
      expect(await repo().countBy({ ownerLogin: owner })).toBe(1);
    });
  });
});
