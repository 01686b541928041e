import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../libs/config/app-config';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import { migrate } from '../libs/persistence/migrate';
import { seedSandbox } from '../libs/systems/sandbox/seed-sandbox';

/**
 * The deploy step before the apps start: apply migrations, fill the number pools and, in sandbox
 * mode, add the demo organisation. Safe to run again: each part only adds what is missing.
 */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void): Promise<void> {
  const applied = await migrate(config);
  log(applied.length > 0 ? `Database: applied ${applied.join(', ')}` : 'Database: schema up to date');
  if (!config.sandbox) return;
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const seeded = await seedSandbox(dataSource);
    if (seeded.people > 0)
      log(`Sandbox: added ${seeded.people} demo people and ${seeded.legacyNumbers} legacy numbers`);
  } finally {
    await dataSource.destroy();
  }
}

// `npm run db:prepare`, and the `migrate` service of docker-compose.yml.
if (require.main === module) {
  prepareDatabase(loadConfig(), (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
