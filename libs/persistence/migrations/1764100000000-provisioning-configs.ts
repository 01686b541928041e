import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** The provisioning server's per-MAC configurations (desk IP phones). */
export class ProvisioningConfigs1764100000000 implements MigrationInterface {
  name = 'ProvisioningConfigs1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'provisioning_configs',
        columns: [
          c.varchar('mac', 12, { isPrimary: true }),
          c.boolean('servable', false),
          c.integer('revision'),
          c.text('config'),
          c.dateTime('publishedAt', { isNullable: true }),
          c.dateTime('withdrawnAt', { isNullable: true }),
          c.dateTime('lastFetchAt', { isNullable: true }),
          c.integer('lastFetchedRevision', { isNullable: true }),
          c.stamp('updatedAt'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('provisioning_configs');
  }
}
