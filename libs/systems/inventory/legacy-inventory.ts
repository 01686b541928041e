import type { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../domain/domain-error';
import { assertTransition, NumberState } from '../../domain/number-state';
import { isUniqueViolation } from '../../persistence/database-errors';
import { IpPhoneEntity, PhoneModelEntity, PhoneNumberEntity } from '../../persistence/entities';
import { systemRejected, type ApplyResult } from '../system-error';
import { requestedPhoneRow } from './phone-inventory';
import type {
  CompleteMigrationCommand,
  LegacyInventoryPort,
  MarkMigratingCommand,
  MigratedPhoneCommand,
} from './legacy-inventory.port';

/** The legacy side of the inventory on TypeORM (PostgreSQL or SQLite). */
export class TypeormLegacyInventory implements LegacyInventoryPort {
  constructor(private readonly dataSource: DataSource) {}

  private numbers() {
    return this.dataSource.getRepository(PhoneNumberEntity);
  }

  private async current(number: string): Promise<PhoneNumberEntity> {
    const row = await this.numbers().findOneBy({ number });
    if (!row) throw systemRejected('inventory', `the inventory has no number ${number}`);
    return row;
  }

  async markMigrating(command: MarkMigratingCommand): Promise<ApplyResult> {
    const { number, requestId } = command;
    try {
      // The conditional update lets exactly one request take a LEGACY number.
      const updated = await this.numbers()
        .createQueryBuilder()
        .update()
        .set({ state: NumberState.MIGRATING, type: command.as, ownerLogin: command.ownerLogin, requestId })
        .where('number = :number AND state = :legacy', { number, legacy: NumberState.LEGACY })
        .execute();
      if ((updated.affected ?? 0) > 0) return 'applied';
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER,
          `${command.ownerLogin} already has a personal number; a person may have only one. Migrate ${number} as shared instead.`,
        );
      }
      throw error;
    }
    const row = await this.current(number);
    if (row.state === NumberState.MIGRATING && row.requestId === requestId) return 'unchanged';
    if (row.state === NumberState.MIGRATING) {
      throw new DomainError(
        DomainErrorCode.REQUEST_IN_PROGRESS,
        `Number ${number} is already being migrated by request ${row.requestId}. Wait until it finishes.`,
      );
    }
    assertTransition(number, row.state, NumberState.MIGRATING);
    return 'unchanged';
  }

  async revertMigration(requestId: string, number: string): Promise<ApplyResult> {
    return this.leaveMigrating(requestId, number, {
      state: NumberState.LEGACY,
      type: null,
      ownerLogin: null,
      requestId: null,
      managersGroup: null,
    });
  }

  async markNeedsAttention(requestId: string, number: string): Promise<ApplyResult> {
    return this.leaveMigrating(requestId, number, { state: NumberState.NEEDS_ATTENTION });
  }

  /** Moves a number out of MIGRATING, only while this request's migration holds it (else "unchanged"). */
  private async leaveMigrating(
    requestId: string,
    number: string,
    changes: Partial<PhoneNumberEntity>,
  ): Promise<ApplyResult> {
    const updated = await this.numbers()
      .createQueryBuilder()
      .update()
      .set(changes)
      .where('number = :number AND "requestId" = :requestId AND state = :migrating', {
        number,
        requestId,
        migrating: NumberState.MIGRATING,
      })
      .execute();
    return (updated.affected ?? 0) > 0 ? 'applied' : 'unchanged';
  }

  async completeMigration(command: CompleteMigrationCommand): Promise<ApplyResult> {
    const { number, requestId } = command;
    const updated = await this.numbers()
      .createQueryBuilder()
      .update()
      .set({
        state: NumberState.ACTIVE,
        requestId: null,
        description: command.description,
        managersGroup: command.managersGroup,
        inPhonebook: true,
      })
      .where('number = :number AND "requestId" = :requestId AND state = :migrating', {
        number,
        requestId,
        migrating: NumberState.MIGRATING,
      })
      .execute();
    if ((updated.affected ?? 0) > 0) return 'applied';
    const row = await this.current(number);
    // A retry after a crash finds the number already active: success, not an error.
    if (row.state === NumberState.ACTIVE) return 'unchanged';
    throw systemRejected(
      'inventory',
      `number ${number} is ${row.state} and cannot be activated for request ${requestId}`,
    );
  }

  async phoneModel(modelId: string) {
    const model = await this.dataSource.getRepository(PhoneModelEntity).findOneBy({ id: modelId });
    return model
      ? { id: model.id, name: `${model.manufacturer} ${model.name}`, compatible: model.compatible }
      : null;
  }

  async recordMigratedPhone(command: MigratedPhoneCommand): Promise<ApplyResult> {
    const repo = this.dataSource.getRepository(IpPhoneEntity);
    if (await repo.findOneBy({ id: command.phoneId })) return 'unchanged';
    try {
      const { phoneId, ...phone } = command;
      await repo.insert(requestedPhoneRow({ id: phoneId, ...phone }));
      return 'applied';
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          DomainErrorCode.MAC_IN_USE,
          `The desk phone ${command.mac} (or another phone on ${command.number}) is already registered. Register it from the portal once the migration is done.`,
        );
      }
      throw error;
    }
  }
}
