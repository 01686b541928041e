import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApi } from '../../apps/api/src/main';
import { postGraphql, type GraphqlResponse } from './api-client';
import { freePort } from './free-port';
import { World } from './world';

/** A World plus the API listening on a free port, in this process, on the same database and task queue. */
export class ApiWorld {
  private constructor(
    readonly world: World,
    readonly api: NestExpressApplication,
    readonly url: string,
  ) {}

  /** `logger` receives the API's log (tests that check what is logged); silent otherwise. */
  static async start(
    overrides: Record<string, string> = {},
    options: { logger?: LoggerService } = {},
  ): Promise<ApiWorld> {
    // A test that must know the URL first (an identity provider's redirect URI) picks the port.
    const port = overrides.API_PORT ? Number(overrides.API_PORT) : await freePort();
    const world = await World.start({ API_PORT: String(port), ...overrides });
    const api = await createApi(world.config, {
      logs: process.env.SWITCHBOARD_TEST_LOGS === '1',
      logger: options.logger,
    });
    await api.listen(port, '127.0.0.1');
    return new ApiWorld(world, api, `http://127.0.0.1:${port}`);
  }

  graphql<T = Record<string, unknown>>(
    query: string,
    options: { variables?: Record<string, unknown>; user?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphqlResponse<T>> {
    return postGraphql<T>(`${this.url}/graphql`, query, options);
  }

  async stop(): Promise<void> {
    await this.api.close();
    await this.world.stop();
  }
}
