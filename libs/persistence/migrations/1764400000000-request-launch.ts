import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** A request keeps how to start its workflow until the start is confirmed (see LaunchRecovery). */
export class RequestLaunch1764400000000 implements MigrationInterface {
  name = 'RequestLaunch1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumn('requests', new TableColumn(c.text('launch', { isNullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('requests', 'launch');
  }
}
