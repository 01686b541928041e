import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainErrorCode } from '../../libs/domain/domain-error';
import { isUniqueViolation } from '../../libs/persistence/database-errors';
import { dataSourceOptions } from '../../libs/persistence/data-source-options';
import type { PhoneActivation } from '../../libs/domain/phone-activation';
import { IpPhoneEntity } from '../../libs/persistence/entities';
import { PhoneInventory, type NewPhone } from '../../libs/systems/inventory/phone-inventory';
import { randomMac } from '../support/phone-fixtures';
import { createScratchDatabase, dropScratchDatabase } from '../support/postgres';
import { requireTestEnv } from '../support/test-env';

let nextNumber = 30000;
const aNumber = () => String((nextNumber += 1));

function aPhone(overrides: Partial<NewPhone> = {}): NewPhone {
  return {
    id: randomUUID(),
    requestId: randomUUID(),
    mac: randomMac(),
    number: aNumber(),
    modelId: 'polycom-vvx-450',
    office: null,
    ownerLogin: 'ada',
    ...overrides,
  };
}

function row(phone: NewPhone, activation: PhoneActivation): Partial<IpPhoneEntity> {
  return { ...phone, name: `TELEPHONE-${phone.number}`, activation };
}

const codeOf = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'applied';

/** The partial unique indexes are the last guard for one live phone per MAC and per number. */
describe('phone inventory guards (PostgreSQL and SQLite)', () => {
  describe('on PostgreSQL', () => {
    let url: string;
    let dataSource: DataSource;
    let phones: PhoneInventory;

    beforeAll(async () => {
      url = await createScratchDatabase('switchboard_phones', requireTestEnv('postgresTemplateUrl'));
      dataSource = await new DataSource(
        dataSourceOptions({ type: 'postgres', url, poolSize: 6 }),
      ).initialize();
      phones = new PhoneInventory(dataSource);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      if (url) await dropScratchDatabase(url);
    });

    it('lets exactly one of two concurrent registrations of one MAC through, the other gets MAC_IN_USE', async () => {
      const mac = randomMac();
      const outcomes = await Promise.allSettled([
        phones.createRequested(aPhone({ mac })),
        phones.createRequested(aPhone({ mac })),
      ]);
      expect(outcomes.map(codeOf).sort()).toEqual([DomainErrorCode.MAC_IN_USE, 'applied']);
      expect(await dataSource.getRepository(IpPhoneEntity).countBy({ mac })).toBe(1);
    });

    it('lets exactly one of two concurrent phones on one number through, the other gets NUMBER_HAS_PHONE', async () => {
      const number = aNumber();
      const outcomes = await Promise.allSettled([
        phones.createRequested(aPhone({ number })),
        phones.createRequested(aPhone({ number })),
      ]);
      expect(outcomes.map(codeOf).sort()).toEqual([DomainErrorCode.NUMBER_HAS_PHONE, 'applied']);
    });

    it('holds when two writers both checked "no live phone" before inserting', async () => {
      const mac = randomMac();
      const [first, second] = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
      try {
        for (const runner of [first, second]) {
          await runner.startTransaction();
          // The application's check, in each transaction: nobody has the MAC yet.
          expect(await runner.manager.countBy(IpPhoneEntity, { mac })).toBe(0);
        }
        await first.manager.insert(IpPhoneEntity, row(aPhone({ mac }), 'REQUESTED'));
        // The second insert waits on the index entry of the first until it commits, then fails.
        const secondInsert = second.manager.insert(IpPhoneEntity, row(aPhone({ mac }), 'REQUESTED'));
        await first.commitTransaction();
        const failure = await secondInsert.then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(isUniqueViolation(failure)).toBe(true);
        expect((failure as { driverError?: { constraint?: string } }).driverError?.constraint).toBe(
          'uq_ip_phones_mac_live',
        );
        await second.rollbackTransaction();
      } finally {
        await first.release();
        await second.release();
      }
      expect(await dataSource.getRepository(IpPhoneEntity).countBy({ mac })).toBe(1);
    });

    it('does not count removed phones: a MAC and a number come free once their phone is REMOVED', async () => {
      const old = aPhone();
      await dataSource.getRepository(IpPhoneEntity).insert(row(old, 'REMOVED'));
      await dataSource.getRepository(IpPhoneEntity).insert(row({ ...old, id: randomUUID() }, 'REMOVED'));
      expect(await phones.createRequested(aPhone({ mac: old.mac, number: old.number }))).toBe('applied');
      // FAILED phones still hold theirs (something may remain in a system).
      const failed = aPhone();
      await dataSource.getRepository(IpPhoneEntity).insert(row(failed, 'FAILED'));
      await expect(phones.createRequested(aPhone({ mac: failed.mac }))).rejects.toMatchObject({
        code: DomainErrorCode.MAC_IN_USE,
      });
    });

    it('is idempotent per phone: recording the same registration again changes nothing', async () => {
      const phone = aPhone();
      expect(await phones.createRequested(phone)).toBe('applied');
      expect(await phones.createRequested(phone)).toBe('unchanged');
    });
  });

  it('holds on SQLite too', async () => {
    const dataSource = await new DataSource(
      dataSourceOptions({ type: 'sqlite', path: ':memory:' }),
    ).initialize();
    try {
      await dataSource.runMigrations();
      const phones = new PhoneInventory(dataSource);
      const first = aPhone();
      expect(await phones.createRequested(first)).toBe('applied');
      await expect(phones.createRequested(aPhone({ mac: first.mac }))).rejects.toMatchObject({
        code: DomainErrorCode.MAC_IN_USE,
      });
      await expect(phones.createRequested(aPhone({ number: first.number }))).rejects.toMatchObject({
        code: DomainErrorCode.NUMBER_HAS_PHONE,
      });
      await phones.moveActivation(first.id, 'REMOVED');
      expect(await phones.createRequested(aPhone({ mac: first.mac, number: first.number }))).toBe('applied');
    } finally {
      await dataSource.destroy();
    }
  });
});
