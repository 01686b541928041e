import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../../activities';
import type { AppConfig } from '../../../libs/config/app-config';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  config: AppConfig;
  deps: ActivityDeps;
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
    activities: createActivities(options.deps),
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../../../workflows') }),
    shutdownGraceTime: config.worker.shutdownGraceMs,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    ...options.overrides,
  });
}
