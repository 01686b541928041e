import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** Ownership offers of shared numbers waiting for the proposed owner's answer. */
export class OwnershipOffers1764000000000 implements MigrationInterface {
  name = 'OwnershipOffers1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'ownership_offers',
        columns: [
          c.varchar('requestId', 36, { isPrimary: true }),
          c.varchar('number', 5),
          c.varchar('proposedOwner', 64),
          c.varchar('proposedBy', 64),
          c.dateTime('expiresAt'),
          c.varchar('outcome', 12, { isNullable: true }),
          c.dateTime('decidedAt', { isNullable: true }),
          c.stamp('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'ix_ownership_offers_proposed_owner', columnNames: ['proposedOwner'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ownership_offers');
  }
}
