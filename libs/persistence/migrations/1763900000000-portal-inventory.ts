import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** Legacy numbers, the phone catalogue, IP phones and D60 bases; people's unit; an append-only audit log. */
export class PortalInventory1763900000000 implements MigrationInterface {
  name = 'PortalInventory1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumn('people', new TableColumn(c.varchar('unit', 32, { isNullable: true })));
    // PostgreSQL alters in place; SQLite needs TypeORM's table rebuild (which keeps the indexes).
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('ALTER TABLE "phone_numbers" ALTER COLUMN "type" DROP NOT NULL');
    } else {
      await queryRunner.changeColumn(
        'phone_numbers',
        'type',
        new TableColumn(c.varchar('type', 16, { isNullable: true })),
      );
    }

    await queryRunner.createTable(
      new Table({
        name: 'legacy_numbers',
        columns: [
          c.varchar('number', 5, { isPrimary: true }),
          c.varchar('service', 12),
          c.varchar('description', 200, { isNullable: true }),
          c.varchar('phoneModelId', 64, { isNullable: true }),
          c.varchar('phoneMac', 12, { isNullable: true }),
          c.dateTime('importedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'legacy_listings',
        columns: [c.varchar('number', 5, { isPrimary: true }), c.varchar('login', 64, { isPrimary: true })],
        indices: [new TableIndex({ name: 'ix_legacy_listings_login', columnNames: ['login'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'phone_models',
        columns: [
          c.varchar('id', 64, { isPrimary: true }),
          c.varchar('manufacturer', 64),
          c.varchar('name', 64),
          c.varchar('family', 32),
          c.varchar('compatible', 4),
          c.boolean('addOn', false),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ip_phones',
        columns: [
          c.varchar('id', 36, { isPrimary: true }),
          c.varchar('mac', 12),
          c.varchar('number', 5),
          c.varchar('name', 20),
          c.varchar('modelId', 64),
          c.varchar('office', 32, { isNullable: true }),
          c.varchar('ownerLogin', 64),
          c.varchar('activation', 24),
          c.varchar('requestId', 36, { isNullable: true }),
          c.varchar('ipAddress', 45, { isNullable: true }),
          c.varchar('provisioningSecret', 64, { isNullable: true }),
          c.dateTime('lastFetchAt', { isNullable: true }),
          c.dateTime('activatedAt', { isNullable: true }),
          c.stamp('createdAt'),
          c.stamp('updatedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_ip_phones_mac_live',
            columnNames: ['mac'],
            isUnique: true,
            where: `"activation" <> 'REMOVED'`,
          }),
          new TableIndex({
            name: 'uq_ip_phones_number_live',
            columnNames: ['number'],
            isUnique: true,
            where: `"activation" <> 'REMOVED'`,
          }),
          new TableIndex({ name: 'ix_ip_phones_owner', columnNames: ['ownerLogin'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'd60_bases',
        columns: [
          c.varchar('id', 36, { isPrimary: true }),
          c.varchar('hostPhoneId', 36),
          c.varchar('baseMac', 12),
          c.text('handsets'),
          c.stamp('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'uq_d60_bases_host', columnNames: ['hostPhoneId'], isUnique: true }),
          new TableIndex({ name: 'uq_d60_bases_mac', columnNames: ['baseMac'], isUnique: true }),
        ],
      }),
    );

    // The audit log is append-only: the database itself refuses to change or remove an entry.
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        `CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql`,
      );
      await queryRunner.query(
        `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
      );
    } else {
      await queryRunner.query(
        `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
      );
      await queryRunner.query(
        `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER audit_log_no_truncate ON audit_log');
      await queryRunner.query('DROP TRIGGER audit_log_append_only ON audit_log');
      await queryRunner.query('DROP FUNCTION audit_log_append_only()');
    } else {
      await queryRunner.query('DROP TRIGGER audit_log_no_update');
      await queryRunner.query('DROP TRIGGER audit_log_no_delete');
    }
    for (const table of ['d60_bases', 'ip_phones', 'phone_models', 'legacy_listings', 'legacy_numbers'])
      await queryRunner.dropTable(table);
    const c = columnKit(queryRunner);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('ALTER TABLE "phone_numbers" ALTER COLUMN "type" SET NOT NULL');
    } else {
      await queryRunner.changeColumn('phone_numbers', 'type', new TableColumn(c.varchar('type', 16)));
    }
    await queryRunner.dropColumn('people', 'unit');
  }
}
