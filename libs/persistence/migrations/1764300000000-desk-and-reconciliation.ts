import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** Reconciliation runs and their drift items; a `detail` on audit entries (why refused, what was decided). */
export class DeskAndReconciliation1764300000000 implements MigrationInterface {
  name = 'DeskAndReconciliation1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    // A plain ALTER on both databases: TypeORM's SQLite table rebuild would drop the append-only triggers.
    await queryRunner.query('ALTER TABLE "audit_log" ADD COLUMN "detail" varchar(1000)');

    await queryRunner.createTable(
      new Table({
        name: 'reconciliation_runs',
        columns: [
          c.varchar('id', 36, { isPrimary: true }),
          c.varchar('workflowId', 200),
          c.varchar('startedBy', 64),
          c.varchar('status', 20),
          c.text('systems', { isNullable: true }),
          c.dateTime('startedAt'),
          c.dateTime('finishedAt', { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_reconciliation_runs_started', columnNames: ['startedAt'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reconciliation_drift',
        columns: [
          c.serial('id'),
          c.varchar('runId', 36),
          c.varchar('system', 20),
          c.varchar('resourceType', 10),
          c.varchar('resource', 20),
          c.varchar('kind', 12),
          c.varchar('message', 300),
          c.dateTime('detectedAt'),
          c.varchar('repairRequestId', 36, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_reconciliation_drift_item',
            columnNames: ['runId', 'system', 'resourceType', 'resource', 'kind'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reconciliation_drift');
    await queryRunner.dropTable('reconciliation_runs');
    await queryRunner.query('ALTER TABLE "audit_log" DROP COLUMN "detail"');
  }
}
