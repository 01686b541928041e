import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities';
import { workerActivities } from '../../apps/worker/src/activities/activity.providers';
import { createSwitchboardWorker } from '../../apps/worker/src/create-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { loadConfig, type AppConfig } from '../../libs/config/app-config';
import { RequestLauncher } from '../../libs/requests/request-launcher';
import { RequestStore } from '../../libs/requests/request-store';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import { FaultInjector } from '../../libs/systems/sandbox/fault-injector';
import { SandboxStore } from '../../libs/systems/sandbox/sandbox-store';
import { activityDepsOf } from './activity-deps';
import { createScratchDatabase, dropScratchDatabase } from './postgres';
import { createTestNamespace } from './temporal-namespace';
import { requireTestEnv } from './test-env';

let runtimeInstalled = false;

/** Quiet SDK logs in tests: activity failures are expected there, so only errors are shown. */
function installRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  runtimeInstalled = true;
}

/**
 * Configuration for one test world: its own copy of the migrated database, the run's Temporal
 * server, its own task queue and fast retries. {@link World.start} adds the world's own namespace.
 */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    TEMPORAL_ADDRESS: requireTestEnv('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    RETRY_MAX_ATTEMPTS: '3',
    RETRY_INITIAL_INTERVAL_MS: '50',
    RETRY_MAX_INTERVAL_MS: '200',
    RETRY_BACKOFF: '2',
    ACTIVITY_TIMEOUT_MS: '10000',
    PARK_TIMEOUT_MS: '600000',
    WORKER_SHUTDOWN_GRACE_MS: '500',
    WORKFLOW_BUNDLE_PATH: requireTestEnv('workflowBundle'),
    // Tests boot simulated phones explicitly.
    SANDBOX_PHONE_AUTOBOOT_MS: '0',
    ...overrides,
  });
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** Everything a workflow test needs: real Temporal, real PostgreSQL, sandbox drivers. */
export class World {
  private readonly workers = new Set<RunningWorker>();

  private constructor(
    readonly config: AppConfig,
    readonly app: INestApplicationContext,
    private readonly nativeConnection: NativeConnection,
    private readonly clientConnection: Connection,
    readonly client: Client,
    private readonly databaseUrl: string,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<World> {
    installRuntime();
    const databaseUrl = await createScratchDatabase(
      'switchboard_test',
      requireTestEnv('postgresTemplateUrl'),
    );
    const namespace =
      overrides.TEMPORAL_NAMESPACE ?? (await createTestNamespace(requireTestEnv('temporalAddress')));
    const config = testConfig(databaseUrl, { ...overrides, TEMPORAL_NAMESPACE: namespace });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
    return new World(config, app, nativeConnection, clientConnection, client, databaseUrl);
  }

  get deps(): ActivityDeps {
    return activityDepsOf(this.app, this.config);
  }
  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }
  get faults(): FaultInjector {
    return this.app.get(FaultInjector);
  }
  get sandbox(): SandboxStore {
    return this.app.get(SandboxStore);
  }
  get requests(): RequestStore {
    return this.app.get(RequestStore);
  }

  launcher(): RequestLauncher {
    return new RequestLauncher(this.client, this.requests, this.app.get(ResourceLocks), {
      taskQueue: this.config.temporal.taskQueue,
      settings: this.config.workflow,
    });
  }

  /**
   * Terminates whatever this world left running (a parked request waits for days, a campaign's
   * abandoned children run on), so the shared server stops firing their timers. Nothing depends on
   * it for correctness: the namespace is this world's own, so no later world can meet these ids, and
   * one pass is enough (a workflow started too late to be listed just stays in a dead namespace).
   */
  private async terminateLeftovers(): Promise<void> {
    const running: Array<{ workflowId: string; runId: string }> = [];
    for await (const execution of this.client.workflow.list({ query: 'ExecutionStatus = "Running"' }))
      running.push(execution);
    await Promise.all(
      running.map((execution) =>
        this.client.workflow
          .getHandle(execution.workflowId, execution.runId)
          .terminate('the test world stopped')
          // Already ended since the listing (visibility lags a little): nothing to do.
          .catch(() => undefined),
      ),
    );
  }

  /** Starts a worker on this world's task queue; several may run, and each may be stopped. */
  async startWorker(): Promise<RunningWorker> {
    const worker = await createSwitchboardWorker({
      connection: this.nativeConnection,
      config: this.config,
      activities: workerActivities(this.app),
      workflowBundlePath: this.config.worker.workflowBundlePath,
      overrides: { identity: `test-worker-${randomUUID().slice(0, 8)}` },
    });
    const running = worker.run();
    const handle: RunningWorker = {
      worker,
      stop: async () => {
        if (!this.workers.delete(handle)) return;
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    };
    this.workers.add(handle);
    return handle;
  }

  async stop(): Promise<void> {
    await this.terminateLeftovers();
    for (const worker of [...this.workers]) await worker.stop();
    await this.clientConnection.close();
    await this.nativeConnection.close();
    await this.app.close();
    await dropScratchDatabase(this.databaseUrl);
  }
}
