import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { dropScratchDatabase } from './postgres';
import { TEST_ENV } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const shared = globalThis.__switchboardTestServers;
  if (!shared) return;
  if (shared.postgresUrl) await dropScratchDatabase(shared.postgresUrl);
  if (shared.temporal) await shared.temporal.stop();
  const bundle = process.env[TEST_ENV.workflowBundle];
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
}
