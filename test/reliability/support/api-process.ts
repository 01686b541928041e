import { join } from 'node:path';
import type { AppConfig } from '../../../libs/config/app-config';
import { EntryPointProcess, ROOT, worldEnv } from './entry-point-process';

/**
 * The real API entry point (apps/api/src/main.ts) as its own process, on the test world's database,
 * Temporal server and task queue, listening on the world's API_PORT. Every start listens on that
 * same port, so clients keep their URL across a kill and a restart.
 */
export class ApiProcess extends EntryPointProcess {
  readonly url: string;

  constructor(config: AppConfig, env: Record<string, string>) {
    const { host, port } = config.api;
    super({
      name: 'API',
      args: [
        join(ROOT, 'test', 'reliability', 'support', 'run-as-main.ts'),
        join(ROOT, 'apps', 'api', 'src', 'main.ts'),
      ],
      env: { ...env, ...worldEnv(config), API_HOST: host, API_PORT: String(port) },
      // main.ts prints it once `listen` has returned.
      readyLine: `GraphQL at http://${host}:${port}/graphql`,
    });
    this.url = `http://${host}:${port}/graphql`;
  }
}
