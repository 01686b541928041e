import { In, Not, type DataSource } from 'typeorm';
import { PhoneActivation } from '../../domain/phone-activation';
import { D60BaseEntity, IpPhoneEntity, PhoneModelEntity } from '../../persistence/entities';

/** The API's reads of desk phones: the catalogue, the phones on numbers, their D60 bases. */
export class PhoneQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Every phone model, by manufacturer and name. */
  async catalogue(): Promise<PhoneModelEntity[]> {
    return this.dataSource
      .getRepository(PhoneModelEntity)
      .find({ order: { manufacturer: 'ASC', name: 'ASC' } });
  }

  async models(ids: readonly string[]): Promise<PhoneModelEntity[]> {
    return this.dataSource.getRepository(PhoneModelEntity).findBy({ id: In([...ids]) });
  }

  /** The D60 bases paired with these host phones. */
  async basesHostedBy(phoneIds: readonly string[]): Promise<D60BaseEntity[]> {
    return this.dataSource.getRepository(D60BaseEntity).findBy({ hostPhoneId: In([...phoneIds]) });
  }

  /** Phones not removed on these numbers, by number. */
  async livePhonesOn(numbers: readonly string[]): Promise<IpPhoneEntity[]> {
    return this.dataSource.getRepository(IpPhoneEntity).find({
      where: { number: In([...numbers]), activation: Not(PhoneActivation.REMOVED) },
      order: { number: 'ASC' },
    });
  }

  /** Which of these numbers have a phone that is not removed. */
  async numbersWithLivePhone(numbers: readonly string[]): Promise<Set<string>> {
    const taken = await this.dataSource.getRepository(IpPhoneEntity).find({
      select: { number: true },
      where: { number: In([...numbers]), activation: Not(PhoneActivation.REMOVED) },
    });
    return new Set(taken.map((p) => p.number));
  }
}
