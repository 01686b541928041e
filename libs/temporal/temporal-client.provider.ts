import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * The API's one Temporal client. The connection is lazy, so the API boots (and serves reads from
 * its database) while Temporal is still starting; it is closed when the app shuts down. It lives in
 * libs so that the libs' Nest modules the API imports (campaign scheduling) can use it too.
 */
@Injectable()
export class TemporalClientHolder implements OnApplicationShutdown {
  private readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = Connection.lazy({ address: config.temporal.address });
    this.client = new Client({ connection: this.connection, namespace: config.temporal.namespace });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
