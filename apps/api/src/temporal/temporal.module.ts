import { Module } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import { RequestStore } from '../../../../libs/requests/request-store';
import { RequestsModule } from '../../../../libs/requests/requests.module';
import { ResourceLocks } from '../../../../libs/requests/resource-locks';
import { LaunchRecovery } from './launch-recovery.service';
import { TemporalClientModule } from '../../../../libs/temporal/temporal-client.module';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';

/**
 * Temporal for the API: the client, the launcher that turns accepted requests into workflows, and
 * the recovery of launches an API process died in the middle of.
 */
@Module({
  imports: [RequestsModule, TemporalClientModule],
  providers: [
    {
      provide: RequestLauncher,
      inject: [TemporalClientHolder, RequestStore, ResourceLocks, APP_CONFIG],
      useFactory: (
        holder: TemporalClientHolder,
        requests: RequestStore,
        locks: ResourceLocks,
        config: AppConfig,
      ) =>
        new RequestLauncher(holder.client, requests, locks, {
          taskQueue: config.temporal.taskQueue,
          settings: config.workflow,
        }),
    },
    LaunchRecovery,
  ],
  exports: [TemporalClientModule, RequestLauncher, RequestsModule],
})
export class TemporalModule {}
