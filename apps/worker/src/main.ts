import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/app-config';
import { ensureSearchAttributes } from '../../../libs/temporal/ensure-search-attributes';
import { ensureLifecycleSchedule } from '../../../libs/temporal/lifecycle-schedule';
import { workerActivities } from './activities/activity.providers';
import { createSwitchboardWorker } from './create-worker';
import { WorkerModule } from './worker.module';

/**
 * The Temporal worker process. SIGINT/SIGTERM make the SDK stop polling and let running activities
 * finish within WORKER_SHUTDOWN_GRACE_MS (then cancel them); only after `run()` returns do we close
 * the Temporal connection and the database.
 */
async function main(): Promise<void> {
  const logger = new Logger('worker');
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: false });
  const added = await ensureSearchAttributes(config.temporal.address, config.temporal.namespace);
  if (added.length > 0) logger.log(`registered search attributes ${added.join(', ')}`);
  const scheduleConnection = await Connection.connect({ address: config.temporal.address });
  try {
    const client = new Client({ connection: scheduleConnection, namespace: config.temporal.namespace });
    logger.log(`lifecycle schedule ${await ensureLifecycleSchedule(client, config)}`);
  } finally {
    await scheduleConnection.close();
  }

  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createSwitchboardWorker({
      connection,
      config,
      activities: workerActivities(app),
      workflowBundlePath: config.worker.workflowBundlePath,
    });
    logger.log(`polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
    await worker.run();
    logger.log('stopped');
  } finally {
    await connection.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  new Logger('worker').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
