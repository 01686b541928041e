import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { loadConfig } from '../../libs/config/app-config';
import { migrate } from '../../libs/persistence/migrate';
import { startDevServer, type RunningDevServer } from '../../scripts/temporal/dev-server';
import { freePort } from './free-port';
import { createScratchDatabase } from './postgres';
import { TEST_ENV } from './test-env';

interface SharedServers {
  temporal?: RunningDevServer;
  postgresUrl?: string;
}

declare global {
  var __switchboardTestServers: SharedServers | undefined;
}

/**
 * One real Temporal dev server, one fresh PostgreSQL database and one workflow bundle for the whole
 * integration run. Set TEMPORAL_ADDRESS to use an existing server instead.
 */
export default async function globalSetup(): Promise<void> {
  const shared: SharedServers = {};
  globalThis.__switchboardTestServers = shared;

  if (process.env.TEMPORAL_ADDRESS) {
    process.env[TEST_ENV.temporalAddress] = process.env.TEMPORAL_ADDRESS;
  } else {
    shared.temporal = await startDevServer({
      port: await freePort(),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.env[TEST_ENV.temporalAddress] = shared.temporal.address;
  }

  shared.postgresUrl = await createScratchDatabase('switchboard_template');
  process.env[TEST_ENV.postgresTemplateUrl] = shared.postgresUrl;
  await migrate(loadConfig({ DATABASE_URL: shared.postgresUrl }));

  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const bundlePath = join(mkdtempSync(join(tmpdir(), 'switchboard-bundle-')), 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  process.env[TEST_ENV.workflowBundle] = bundlePath;
}
