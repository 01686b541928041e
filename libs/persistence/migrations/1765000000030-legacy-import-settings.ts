import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** The forwarding and voicemail settings a site's legacy inventory file carries (docs/legacy-import.md). */
export class LegacyImportSettings1765000000030 implements MigrationInterface {
  name = 'LegacyImportSettings1765000000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumns('legacy_numbers', [
      new TableColumn(c.varchar('forwardTo', 24, { isNullable: true })),
      new TableColumn(c.varchar('forwardWhen', 12, { isNullable: true })),
      new TableColumn({ name: 'voicemail', type: 'boolean', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('legacy_numbers', 'voicemail');
    await queryRunner.dropColumn('legacy_numbers', 'forwardWhen');
    await queryRunner.dropColumn('legacy_numbers', 'forwardTo');
  }
}
