import { In, IsNull, LessThanOrEqual, Not, type DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../domain/domain-error';
import { assertTransition, NumberState } from '../../domain/number-state';
import { isUniqueViolation } from '../../persistence/database-errors';
import type { OfferOutcome } from '../../domain/ownership-offer';
import { PhoneActivation } from '../../domain/phone-activation';
import { IpPhoneEntity, OwnershipOfferEntity, PhoneNumberEntity } from '../../persistence/entities';
import { systemRejected, type ApplyResult } from '../system-error';
import type {
  LivePhone,
  NumberInventoryPort,
  NumberRecord,
  OwnershipOfferRecord,
  ReserveSharedCommand,
} from './number-inventory.port';
import { TypeormInventory } from './typeorm-inventory';

type Changes = Partial<
  Pick<
    PhoneNumberEntity,
    | 'type'
    | 'state'
    | 'ownerLogin'
    | 'description'
    | 'managersGroup'
    | 'inPhonebook'
    | 'requestId'
    | 'reservedUntil'
    | 'quarantineUntil'
  >
>;

/** What a number's row says that its systems mirror: its record without the reservation's dates. */
export function numberFields(
  row: PhoneNumberEntity,
): Omit<NumberRecord, 'reservedUntil' | 'quarantineUntil'> {
  return {
    number: row.number,
    type: row.type,
    state: row.state,
    ownerLogin: row.ownerLogin,
    description: row.description,
    managersGroup: row.managersGroup,
    inPhonebook: row.inPhonebook,
  };
}

export function toNumberRecord(row: PhoneNumberEntity): NumberRecord {
  return {
    ...numberFields(row),
    reservedUntil: row.reservedUntil ? row.reservedUntil.toISOString() : null,
    quarantineUntil: row.quarantineUntil ? row.quarantineUntil.toISOString() : null,
  };
}

function requireActive(row: PhoneNumberEntity, what: string): void {
  if (row.state !== NumberState.ACTIVE) {
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `Number ${row.number} is ${row.state}: only an active number can ${what}. Refresh the page; if it persists, contact the service desk.`,
    );
  }
}

function requireOwner(row: PhoneNumberEntity, ownerLogin: string): void {
  if (row.ownerLogin !== ownerLogin) {
    throw systemRejected(
      'inventory',
      `number ${row.number} belongs to ${row.ownerLogin ?? 'nobody'}, not ${ownerLogin}`,
    );
  }
}

/** {@link NumberInventoryPort} on TypeORM (PostgreSQL or SQLite). */
export class TypeormNumberInventory implements NumberInventoryPort {
  private readonly reservations: TypeormInventory;

  constructor(private readonly dataSource: DataSource) {
    this.reservations = new TypeormInventory(dataSource);
  }

  async findNumber(number: string): Promise<NumberRecord | null> {
    const row = await this.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number });
    return row ? toNumberRecord(row) : null;
  }

  async livePhones(number: string): Promise<LivePhone[]> {
    const phones = await this.dataSource
      .getRepository(IpPhoneEntity)
      .find({ where: { number, activation: Not(PhoneActivation.REMOVED) }, order: { createdAt: 'ASC' } });
    return phones.map(({ id, mac }) => ({ id, mac }));
  }

  async reserveSharedNumber(command: ReserveSharedCommand): Promise<{ number: string; result: ApplyResult }> {
    const reserved = await this.reservations.reserveNumber({
      requestId: command.requestId,
      ownerLogin: command.ownerLogin,
      type: 'SHARED',
      pool: command.pool,
    });
    // The description travels with the reservation, so the number is never shared without one.
    await this.dataSource
      .getRepository(PhoneNumberEntity)
      .update(
        { number: reserved.number, requestId: command.requestId, state: NumberState.PROVISIONING },
        { description: command.description, managersGroup: `phone-mngr-${reserved.number}` },
      );
    return reserved;
  }

  setDescription(number: string, description: string): Promise<ApplyResult> {
    return this.change(number, (row) => {
      if (row.type !== 'SHARED') throw systemRejected('inventory', `number ${number} is not shared`);
      requireActive(row, 'get a new description');
      return row.description === description ? 'unchanged' : { description };
    });
  }

  setPhonebookListed(number: string, listed: boolean): Promise<ApplyResult> {
    return this.change(number, (row) => {
      requireActive(row, 'change its phonebook listing');
      return row.inPhonebook === listed ? 'unchanged' : { inPhonebook: listed };
    });
  }

  setManagersGroup(number: string, managersGroup: string | null): Promise<ApplyResult> {
    return this.change(number, (row) => {
      requireActive(row, 'get a managers e-group');
      return row.managersGroup === managersGroup ? 'unchanged' : { managersGroup };
    });
  }

  setOwner(number: string, ownerLogin: string): Promise<ApplyResult> {
    return this.change(number, (row) => {
      if (row.type !== 'SHARED') throw systemRejected('inventory', `number ${number} is not shared`);
      requireActive(row, 'change owner');
      return row.ownerLogin === ownerLogin ? 'unchanged' : { ownerLogin };
    });
  }

  makeShared(change: {
    number: string;
    ownerLogin: string;
    description: string;
    managersGroup: string;
  }): Promise<ApplyResult> {
    const target: Changes = {
      type: 'SHARED',
      description: change.description,
      managersGroup: change.managersGroup,
    };
    return this.change(change.number, (row) => {
      requireActive(row, 'become shared');
      requireOwner(row, change.ownerLogin);
      if (
        row.type === 'SHARED' &&
        row.description === change.description &&
        row.managersGroup === change.managersGroup
      )
        return 'unchanged';
      return target;
    });
  }

  makePersonal(change: { number: string; ownerLogin: string }): Promise<ApplyResult> {
    return this.change(change.number, (row) => {
      requireActive(row, 'become personal again');
      requireOwner(row, change.ownerLogin);
      if (row.type === 'PERSONAL') return 'unchanged';
      return { type: 'PERSONAL', description: null, managersGroup: null };
    });
  }

  quarantine(change: { requestId: string; number: string; until: Date }): Promise<ApplyResult> {
    return this.change(change.number, (row) => {
      if (row.state === NumberState.QUARANTINED) return 'unchanged';
      assertTransition(row.number, row.state, NumberState.QUARANTINED);
      // Nothing of the last holder stays: the number must look new when it is allocated again.
      return {
        state: NumberState.QUARANTINED,
        quarantineUntil: change.until,
        ownerLogin: null,
        description: null,
        managersGroup: null,
        inPhonebook: true,
        reservedUntil: null,
        requestId: null,
      };
    });
  }

  releaseQuarantine(number: string, now: Date): Promise<ApplyResult> {
    return this.change(number, (row) => {
      if (row.state === NumberState.AVAILABLE) return 'unchanged';
      assertTransition(row.number, row.state, NumberState.AVAILABLE);
      if (row.state === NumberState.QUARANTINED && row.quarantineUntil && row.quarantineUntil > now) {
        throw systemRejected(
          'inventory',
          `number ${number} is quarantined until ${row.quarantineUntil.toISOString()}`,
        );
      }
      return { state: NumberState.AVAILABLE, quarantineUntil: null };
    });
  }

  async releaseExpiredQuarantines(now: Date): Promise<string[]> {
    const due = await this.dataSource.getRepository(PhoneNumberEntity).find({
      select: { number: true },
      where: { state: NumberState.QUARANTINED, quarantineUntil: LessThanOrEqual(now) },
      order: { number: 'ASC' },
    });
    const released: string[] = [];
    for (const { number } of due) {
      if ((await this.releaseQuarantine(number, now)) === 'applied') released.push(number);
    }
    return released;
  }

  deactivate(change: { number: string; ownerLogin: string; reservedUntil: Date }): Promise<ApplyResult> {
    return this.change(change.number, (row) => {
      requireOwner(row, change.ownerLogin);
      if (row.state === NumberState.DEACTIVATED) return 'unchanged';
      assertTransition(row.number, row.state, NumberState.DEACTIVATED);
      return { state: NumberState.DEACTIVATED, reservedUntil: change.reservedUntil };
    });
  }

  restore(change: { number: string; ownerLogin: string }): Promise<ApplyResult> {
    return this.change(change.number, (row) => {
      requireOwner(row, change.ownerLogin);
      if (row.state === NumberState.ACTIVE) return 'unchanged';
      assertTransition(row.number, row.state, NumberState.ACTIVE);
      return { state: NumberState.ACTIVE, reservedUntil: null };
    });
  }

  async ownedNumbers(): Promise<NumberRecord[]> {
    const rows = await this.dataSource.getRepository(PhoneNumberEntity).find({
      where: {
        state: In([NumberState.ACTIVE, NumberState.DEACTIVATED]),
        ownerLogin: Not(IsNull()),
      },
      order: { number: 'ASC' },
    });
    return rows.map(toNumberRecord);
  }

  async recordOwnershipOffer(offer: OwnershipOfferRecord): Promise<ApplyResult> {
    const repo = this.dataSource.getRepository(OwnershipOfferEntity);
    if (await repo.existsBy({ requestId: offer.requestId })) return 'unchanged';
    try {
      await repo.insert({ ...offer, expiresAt: new Date(offer.expiresAt), outcome: null, decidedAt: null });
      return 'applied';
    } catch (error) {
      if (isUniqueViolation(error)) return 'unchanged';
      throw error;
    }
  }

  async closeOwnershipOffer(requestId: string, outcome: OfferOutcome): Promise<ApplyResult> {
    const updated = await this.dataSource
      .getRepository(OwnershipOfferEntity)
      .update({ requestId, outcome: IsNull() }, { outcome, decidedAt: new Date() });
    return (updated.affected ?? 0) > 0 ? 'applied' : 'unchanged';
  }

  /**
   * Reads the number (locked on PostgreSQL), lets `decide` refuse or compute the change, and writes
   * it in the same transaction, so a concurrent writer cannot slip between the check and the write.
   */
  private async change(
    number: string,
    decide: (row: PhoneNumberEntity) => Changes | 'unchanged',
  ): Promise<ApplyResult> {
    try {
      return await this.dataSource.transaction(async (manager: EntityManager) => {
        const query = manager
          .getRepository(PhoneNumberEntity)
          .createQueryBuilder('n')
          .where('n.number = :number', { number });
        if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
        const row = await query.getOne();
        if (!row) throw systemRejected('inventory', `number ${number} is not in the inventory`);
        const changes = decide(row);
        if (changes === 'unchanged') return 'unchanged';
        await manager.getRepository(PhoneNumberEntity).update({ number }, changes);
        return 'applied';
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER,
          `Number ${number} cannot become personal again: its owner already has another personal number.`,
        );
      }
      throw error;
    }
  }
}
