import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** Requests started by other requests (child workflows) point at their parent. */
export class ChildRequests1763950000000 implements MigrationInterface {
  name = 'ChildRequests1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumn('requests', new TableColumn(c.varchar('parentId', 36, { isNullable: true })));
    await queryRunner.createIndex(
      'requests',
      new TableIndex({ name: 'ix_requests_parent', columnNames: ['parentId'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('requests', 'ix_requests_parent');
    await queryRunner.dropColumn('requests', 'parentId');
  }
}
