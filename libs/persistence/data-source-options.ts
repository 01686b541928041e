import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM options for the inventory database: PostgreSQL in production, a SQLite file for the
 * embedded default. The schema comes from migrations only (never `synchronize`).
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: database.poolSize } };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    // The api and the worker are separate processes on one file: WAL lets readers run beside the
    // writer, and the busy timeout makes a writer wait for the other instead of failing at once.
    enableWAL: true,
    timeout: 10_000,
  };
}
