import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../domain/domain-error';
import { NumberState } from '../../domain/number-state';
import { isUniqueViolation } from '../../persistence/database-errors';
import { PhoneNumberEntity } from '../../persistence/entities';
import { systemRejected, type ApplyResult } from '../system-error';
import type { InventoryPort, ReserveNumberCommand } from './inventory.port';

const pad = (value: number) => String(value).padStart(5, '0');

/** The inventory on TypeORM (PostgreSQL or SQLite). */
export class TypeormInventory implements InventoryPort {
  constructor(private readonly dataSource: DataSource) {}

  async reserveNumber(command: ReserveNumberCommand): Promise<{ number: string; result: ApplyResult }> {
    const repo = this.dataSource.getRepository(PhoneNumberEntity);
    const held = await repo.findOneBy({ requestId: command.requestId, state: NumberState.PROVISIONING });
    if (held) return { number: held.number, result: 'unchanged' };

    // Concurrent requests may pick the same candidate; the conditional update lets one win and the
    // others try the next number.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const taken = await this.dataSource.transaction((manager) => this.claimNextAvailable(manager, command));
      if (taken.outcome === 'exhausted') {
        throw new DomainError(
          DomainErrorCode.POOL_EXHAUSTED,
          `No number is free in the pool ${pad(command.pool.first)}-${pad(command.pool.last)}. Contact the service desk.`,
        );
      }
      if (taken.outcome === 'taken') return { number: taken.number, result: 'applied' };
    }
    throw systemRejected('inventory', 'could not reserve a number after 20 concurrent attempts; try again');
  }

  private async claimNextAvailable(
    manager: EntityManager,
    command: ReserveNumberCommand,
  ): Promise<{ outcome: 'taken'; number: string } | { outcome: 'exhausted' | 'lost-race' }> {
    const query = manager
      .getRepository(PhoneNumberEntity)
      .createQueryBuilder('n')
      .select('n.number')
      .where('n.state = :available', { available: NumberState.AVAILABLE })
      .andWhere('n.number BETWEEN :first AND :last', {
        first: pad(command.pool.first),
        last: pad(command.pool.last),
      })
      .orderBy('n.number', 'ASC')
      .limit(1);
    // PostgreSQL lets concurrent reservations skip each other's candidate instead of colliding.
    if (manager.connection.options.type === 'postgres')
      query.setLock('pessimistic_write').setOnLocked('skip_locked');
    const candidate = await query.getOne();
    if (!candidate) return { outcome: 'exhausted' };
    try {
      const updated = await manager
        .createQueryBuilder()
        .update(PhoneNumberEntity)
        .set({
          state: NumberState.PROVISIONING,
          type: command.type,
          ownerLogin: command.ownerLogin,
          requestId: command.requestId,
          inPhonebook: true,
          quarantineUntil: null,
        })
        .where('number = :number AND state = :available', {
          number: candidate.number,
          available: NumberState.AVAILABLE,
        })
        .execute();
      return (updated.affected ?? 0) === 1
        ? { outcome: 'taken', number: candidate.number }
        : { outcome: 'lost-race' };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER,
          `${command.ownerLogin} already has a personal number; a person may have only one. Use the existing number, or delete it first.`,
        );
      }
      throw error;
    }
  }

  async releaseReservation(requestId: string): Promise<ApplyResult> {
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(PhoneNumberEntity)
      .set({
        state: NumberState.AVAILABLE,
        ownerLogin: null,
        requestId: null,
        description: null,
        managersGroup: null,
      })
      .where('"requestId" = :requestId AND state = :provisioning', {
        requestId,
        provisioning: NumberState.PROVISIONING,
      })
      .execute();
    return (updated.affected ?? 0) > 0 ? 'applied' : 'unchanged';
  }

  async activateNumber(requestId: string, number: string): Promise<ApplyResult> {
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(PhoneNumberEntity)
      .set({ state: NumberState.ACTIVE, requestId: null })
      .where('number = :number AND "requestId" = :requestId AND state = :provisioning', {
        number,
        requestId,
        provisioning: NumberState.PROVISIONING,
      })
      .execute();
    if ((updated.affected ?? 0) > 0) return 'applied';
    const current = await this.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number });
    // A retry after a crash finds the number already active: that is success, not an error.
    if (current?.state === NumberState.ACTIVE) return 'unchanged';
    throw systemRejected(
      'inventory',
      `number ${number} is ${current?.state ?? 'missing'} and cannot be activated for request ${requestId}`,
    );
  }
}
