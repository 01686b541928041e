import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/app-config';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  config: AppConfig;
  /** Every system's activities (activities/), from the worker module's providers: `workerActivities(app)`. */
  activities: object;
  /** A pre-built workflow bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundlePath?: string;
  /** Extra worker options, e.g. `identity` or smaller slot counts in tests. */
  overrides?: Partial<WorkerOptions>;
}

/** The one place a Switchboard worker is assembled, for the worker app and for the tests alike. */
export async function createSwitchboardWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { config } = options;
  return Worker.create({
    connection: options.connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: options.activities,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../../../workflows') }),
    shutdownGraceTime: config.worker.shutdownGraceMs,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    ...options.overrides,
  });
}
