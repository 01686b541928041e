import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/app-config';
import { ConfigModule } from '../../../libs/config/config.module';
import { PersistenceModule } from '../../../libs/persistence/persistence.module';
import { RequestsModule } from '../../../libs/requests/requests.module';
import { SystemsModule } from '../../../libs/systems/systems.module';
import { CampaignStore } from '../../../libs/legacy/campaign-store';
import { ReconciliationModule } from '../../../libs/reconciliation/reconciliation.module';
import { activityProviders, campaignStoreProvider } from './activities/activity.providers';

/** The worker's dependency graph: config, database, drivers, and each system's activities. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        SystemsModule,
        RequestsModule,
        ReconciliationModule,
      ],
      providers: [campaignStoreProvider, ...activityProviders],
      exports: [CampaignStore, ...activityProviders],
    };
  }
}
