import { In, type DataSource } from 'typeorm';
import { OWNED_STATES } from '../../domain/number-state';
import { PhoneNumberEntity } from '../../persistence/entities';

/** The API's reads of the number inventory: one number, a person's numbers, the ones a group manages. */
export class NumberQueries {
  constructor(private readonly dataSource: DataSource) {}

  private get numbers() {
    return this.dataSource.getRepository(PhoneNumberEntity);
  }

  async find(number: string): Promise<PhoneNumberEntity | null> {
    return this.numbers.findOneBy({ number });
  }

  async findMany(numbers: readonly string[]): Promise<PhoneNumberEntity[]> {
    return this.numbers.findBy({ number: In([...numbers]) });
  }

  /** The person's personal number while they hold it (any state from reserved to active). */
  async personalNumberOf(login: string): Promise<PhoneNumberEntity | null> {
    return this.numbers.findOneBy({ ownerLogin: login, type: 'PERSONAL', state: In([...OWNED_STATES]) });
  }

  /** Shared numbers held that the person owns, or manages through one of these e-groups; by number. */
  async sharedNumbersOf(login: string, managersGroups: readonly string[]): Promise<PhoneNumberEntity[]> {
    return this.numbers.find({
      where: [
        { type: 'SHARED', ownerLogin: login, state: In([...OWNED_STATES]) },
        ...(managersGroups.length > 0
          ? [
              {
                type: 'SHARED' as const,
                managersGroup: In([...managersGroups]),
                state: In([...OWNED_STATES]),
              },
            ]
          : []),
      ],
      order: { number: 'ASC' },
    });
  }

  /** Every number whose owner is the person, in whatever state. */
  async ownedBy(login: string): Promise<PhoneNumberEntity[]> {
    return this.numbers.findBy({ ownerLogin: login });
  }

  /** Shared numbers managed through these e-groups, in whatever state. */
  async sharedManagedThrough(managersGroups: readonly string[]): Promise<PhoneNumberEntity[]> {
    if (managersGroups.length === 0) return [];
    return this.numbers.findBy({ type: 'SHARED', managersGroup: In([...managersGroups]) });
  }
}
