import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** Per-device HTTP digest on the provisioning server: when each phone got and first used it. */
export class ProvisioningDigest1764600000000 implements MigrationInterface {
  name = 'ProvisioningDigest1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumns('ip_phones', [
      new TableColumn(c.dateTime('provisioningDigestDeliveredAt', { isNullable: true })),
      new TableColumn(c.dateTime('provisioningDigestVerifiedAt', { isNullable: true })),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ip_phones', 'provisioningDigestVerifiedAt');
    await queryRunner.dropColumn('ip_phones', 'provisioningDigestDeliveredAt');
  }
}
