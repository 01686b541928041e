import 'reflect-metadata';
import { loadConfig } from '../../libs/config/app-config';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createDatabase } from './postgres';

/**
 * A fresh PostgreSQL database for one benchmark, migrated and seeded the way `npm run db:prepare`
 * does it (pools, demo organisation), so the apps start on it as they would in production.
 */
export async function freshAppDatabase(name: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const url = await createDatabase(name);
  const config = loadConfig({ SWITCHBOARD_SANDBOX: 'true', DATABASE_URL: url, ...env });
  await prepareDatabase(config, () => undefined);
  return url;
}
