import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/data-source-options';
import { createScratchDatabase, dropScratchDatabase } from '../support/postgres';

/** Entities and migrations must describe the same schema, on both databases we support. */
describe('migrations', () => {
  async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const log = await dataSource.driver.createSchemaBuilder().log();
      return log.upQueries.map((q) => q.query);
    } finally {
      await dataSource.destroy();
    }
  }

  it('build exactly the entities’ schema on PostgreSQL', async () => {
    const url = await createScratchDatabase('switchboard_migrations');
    try {
      expect(
        await pendingSchemaChanges(new DataSource(dataSourceOptions({ type: 'postgres', url, poolSize: 2 }))),
      ).toEqual([]);
    } finally {
      await dropScratchDatabase(url);
    }
  });

  it('build exactly the entities’ schema on SQLite', async () => {
    expect(
      await pendingSchemaChanges(new DataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' }))),
    ).toEqual([]);
  });

  it('can be reverted to an empty database on SQLite', async () => {
    const dataSource = new DataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const applied = async () =>
        (await dataSource.query<Array<{ n: number }>>('SELECT count(*) AS n FROM migrations'))[0].n;
      while ((await applied()) > 0) await dataSource.undoLastMigration();
      const tables = await dataSource.query<Array<{ name: string }>>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      );
      expect(tables.map((t) => t.name)).toEqual(['migrations']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('can be reverted to an empty database on PostgreSQL', async () => {
    const url = await createScratchDatabase('switchboard_migrations');
    const dataSource = new DataSource(dataSourceOptions({ type: 'postgres', url, poolSize: 2 }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const applied = async () =>
        Number((await dataSource.query<Array<{ n: string }>>('SELECT count(*) AS n FROM migrations'))[0].n);
      while ((await applied()) > 0) await dataSource.undoLastMigration();
      const tables = await dataSource.query<Array<{ table_name: string }>>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(['migrations']);
    } finally {
      await dataSource.destroy();
      await dropScratchDatabase(url);
    }
  });

  it('keep the audit log append-only on both databases', async () => {
    const url = await createScratchDatabase('switchboard_migrations');
    try {
      for (const options of [
        dataSourceOptions({ type: 'postgres', url, poolSize: 2 }),
        dataSourceOptions({ type: 'sqlite', path: ':memory:' }),
      ]) {
        const dataSource = new DataSource(options);
        await dataSource.initialize();
        try {
          await dataSource.runMigrations();
          await dataSource.query(
            `INSERT INTO audit_log ("at", "actor", "action", "result") VALUES (CURRENT_TIMESTAMP, 'desk', 'RESOLVE', 'OK')`,
          );
          await expect(dataSource.query(`UPDATE audit_log SET "result" = 'FORGED'`)).rejects.toThrow(
            /append-only/,
          );
          await expect(dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
          expect(await dataSource.query(`SELECT "result" FROM audit_log`)).toEqual([{ result: 'OK' }]);
        } finally {
          await dataSource.destroy();
        }
      }
    } finally {
      await dropScratchDatabase(url);
    }
  });
});
