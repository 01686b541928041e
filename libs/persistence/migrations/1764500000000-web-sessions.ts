import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './column-kit';

/** The portal's sign-in sessions (OpenID Connect, tokens kept on the server). */
export class WebSessions1764500000000 implements MigrationInterface {
  name = 'WebSessions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'web_sessions',
        columns: [
          c.varchar('id', 64, { isPrimary: true }),
          c.varchar('state', 12),
          c.varchar('login', 64, { isNullable: true }),
          c.varchar('csrfToken', 64),
          c.text('signIn', { isNullable: true }),
          c.text('idToken', { isNullable: true }),
          c.text('refreshToken', { isNullable: true }),
          c.text('groups', { isNullable: true }),
          c.dateTime('tokensExpireAt', { isNullable: true }),
          c.dateTime('expiresAt'),
          c.dateTime('lastSeenAt'),
          c.dateTime('createdAt'),
        ],
        indices: [new TableIndex({ name: 'ix_web_sessions_expires', columnNames: ['expiresAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('web_sessions');
  }
}
