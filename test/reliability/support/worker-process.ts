import { join } from 'node:path';
import type { AppConfig } from '../../../libs/config/app-config';
import { EntryPointProcess, ROOT, worldEnv } from './entry-point-process';

/**
 * The real worker entry point (apps/worker/src/main.ts) as its own process, on the same database,
 * Temporal server and task queue as the test's world; so it can be killed with SIGKILL like a
 * crashed pod and started again.
 */
export class WorkerProcess extends EntryPointProcess {
  constructor(config: AppConfig, env: Record<string, string>) {
    super({
      name: 'worker',
      args: [join(ROOT, 'apps', 'worker', 'src', 'main.ts')],
      env: { ...env, ...worldEnv(config) },
      readyLine: 'polling task queue',
    });
  }
}
