import { NativeConnection, Worker } from '@temporalio/worker';
import * as activities from './activities';

/**
 * The no-op worker of benchmark (a)'s baseline, as its own process like the real worker:
 * `node bench/run.js bench/noop/worker.ts` with TEMPORAL_ADDRESS and NOOP_TASK_QUEUE set.
 */
async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = process.env.NOOP_TASK_QUEUE ?? 'bench-noop';
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.stdout.write(`polling task queue "${taskQueue}"\n`);
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
