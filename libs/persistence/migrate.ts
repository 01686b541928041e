import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensurePoolNumbers } from './seed/ensure-pool-numbers';
import { ensurePhoneCatalogue } from './seed/phone-catalogue';

/** Applies pending migrations, fills the number pools and the phone catalogue. Run before the apps start (deploy step). */
export async function migrate(config: AppConfig): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await ensurePoolNumbers(dataSource, config.pools.personal, 'PERSONAL');
    await ensurePoolNumbers(dataSource, config.pools.shared, 'SHARED');
    await ensurePhoneCatalogue(dataSource);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
