import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** Bulk migration campaigns of legacy numbers, per unit, and their items. */
export class MigrationCampaigns1764200000000 implements MigrationInterface {
  name = 'MigrationCampaigns1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          c.varchar('id', 36, { isPrimary: true }),
          c.varchar('unit', 32),
          c.varchar('scheduledFor', 10),
          c.varchar('maxDate', 10),
          c.integer('ratePerMinute'),
          c.text('systemRates', { isNullable: true }),
          c.integer('reminderDaysBefore'),
          c.varchar('status', 16),
          c.varchar('createdBy', 64),
          c.varchar('workflowId', 200),
          c.dateTime('startsAt'),
          c.text('summary', { isNullable: true }),
          c.dateTime('startedAt', { isNullable: true }),
          c.dateTime('finishedAt', { isNullable: true }),
          c.stamp('createdAt'),
          c.stamp('updatedAt'),
        ],
        indices: [new TableIndex({ name: 'ix_campaigns_unit_status', columnNames: ['unit', 'status'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'campaign_items',
        columns: [
          c.varchar('campaignId', 36, { isPrimary: true }),
          c.varchar('number', 5, { isPrimary: true }),
          c.varchar('login', 64),
          c.varchar('service', 12),
          c.varchar('migrateAs', 8, { isNullable: true }),
          c.varchar('scheduledFor', 10),
          c.varchar('status', 16),
          c.varchar('requestId', 36, { isNullable: true }),
          c.integer('attempts', { default: 0 }),
          c.varchar('outcome', 1000, { isNullable: true }),
          c.dateTime('startedAt', { isNullable: true }),
          c.dateTime('finishedAt', { isNullable: true }),
          c.stamp('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'ix_campaign_items_login', columnNames: ['login'] }),
          new TableIndex({ name: 'ix_campaign_items_number', columnNames: ['number'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('campaign_items');
    await queryRunner.dropTable('campaigns');
  }
}
