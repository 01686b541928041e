import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'people',
        columns: [
          c.varchar('login', 64, { isPrimary: true }),
          c.varchar('displayName', 200),
          c.varchar('mail', 254, { isNullable: true }),
          c.varchar('personnelClass', 8),
          c.varchar('personnelSubCode', 8, { isNullable: true }),
          c.dateTime('contractEnd', { isNullable: true }),
          c.varchar('office', 64, { isNullable: true }),
          c.varchar('supervisorLogin', 64, { isNullable: true }),
          c.dateTime('syncedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'phone_numbers',
        columns: [
          c.varchar('number', 5, { isPrimary: true }),
          c.varchar('type', 16),
          c.varchar('state', 20),
          c.varchar('ownerLogin', 64, { isNullable: true }),
          c.varchar('description', 200, { isNullable: true }),
          c.varchar('managersGroup', 100, { isNullable: true }),
          c.boolean('inPhonebook', true),
          c.varchar('legacySource', 20, { isNullable: true }),
          c.varchar('requestId', 36, { isNullable: true }),
          c.dateTime('reservedUntil', { isNullable: true }),
          c.dateTime('quarantineUntil', { isNullable: true }),
          c.stamp('createdAt'),
          c.stamp('updatedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_phone_numbers_one_personal_per_owner',
            columnNames: ['ownerLogin'],
            isUnique: true,
            where: `"type" = 'PERSONAL' AND "ownerLogin" IS NOT NULL`,
          }),
          new TableIndex({ name: 'ix_phone_numbers_state_number', columnNames: ['state', 'number'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'requests',
        columns: [
          c.varchar('id', 36, { isPrimary: true }),
          c.varchar('kind', 64),
          c.varchar('workflowId', 200),
          c.varchar('runId', 64, { isNullable: true }),
          c.varchar('requester', 64),
          c.varchar('actor', 64),
          c.varchar('subject', 64, { isNullable: true }),
          c.varchar('status', 20),
          c.varchar('failedSystem', 20, { isNullable: true }),
          c.varchar('failureReason', 1000, { isNullable: true }),
          c.text('progress', { isNullable: true }),
          c.stamp('createdAt'),
          c.stamp('updatedAt'),
          c.dateTime('finishedAt', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_requests_requester_created', columnNames: ['requester', 'createdAt'] }),
          new TableIndex({ name: 'ix_requests_status', columnNames: ['status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'resource_locks',
        columns: [
          c.varchar('resource', 120, { isPrimary: true }),
          c.varchar('requestId', 36),
          c.varchar('workflowId', 200),
          c.dateTime('acquiredAt'),
        ],
        indices: [new TableIndex({ name: 'ix_resource_locks_request', columnNames: ['requestId'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sip_credentials',
        columns: [
          c.varchar('number', 5, { isPrimary: true }),
          c.varchar('sealedPassword', 300),
          c.stamp('createdAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          c.serial('id'),
          c.dateTime('at'),
          c.varchar('actor', 64),
          c.varchar('onBehalfOf', 64, { isNullable: true }),
          c.varchar('action', 64),
          c.varchar('requestId', 36, { isNullable: true }),
          c.varchar('system', 20, { isNullable: true }),
          c.varchar('target', 120, { isNullable: true }),
          c.varchar('result', 20),
          c.varchar('reason', 1000, { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_audit_log_request', columnNames: ['requestId'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'mail_deliveries',
        columns: [
          c.varchar('key', 120, { isPrimary: true }),
          c.varchar('recipients', 1000),
          c.varchar('subject', 300),
          c.dateTime('sentAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sandbox_records',
        columns: [
          c.varchar('system', 20, { isPrimary: true }),
          c.varchar('key', 200, { isPrimary: true }),
          c.text('data'),
          c.dateTime('updatedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sandbox_faults',
        columns: [
          c.serial('id'),
          c.varchar('system', 20),
          c.varchar('operation', 60),
          c.varchar('kind', 10),
          c.integer('remaining', { isNullable: true }),
          c.integer('delayMs', { default: 0 }),
          c.varchar('message', 300, { isNullable: true }),
          c.dateTime('createdAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sandbox_effects',
        columns: [
          c.serial('id'),
          c.varchar('system', 20),
          c.varchar('operation', 60),
          c.varchar('key', 200),
          c.dateTime('at'),
        ],
        indices: [new TableIndex({ name: 'ix_sandbox_effects_system_key', columnNames: ['system', 'key'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'sandbox_effects',
      'sandbox_faults',
      'sandbox_records',
      'mail_deliveries',
      'audit_log',
      'sip_credentials',
      'resource_locks',
      'requests',
      'phone_numbers',
      'people',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
