import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/app-config';
import { ConfigModule } from '../../../libs/config/config.module';
import { PersistenceModule } from '../../../libs/persistence/persistence.module';
import { RequestsModule } from '../../../libs/requests/requests.module';
import { SystemsModule } from '../../../libs/systems/systems.module';
import { ReconciliationModule } from '../../../libs/reconciliation/reconciliation.module';
import { activityDepsProvider, ACTIVITY_DEPS } from './activity-deps.provider';

/** The worker's dependency graph: config, database, drivers and the activity dependencies. */
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
      providers: [activityDepsProvider],
      exports: [ACTIVITY_DEPS],
    };
  }
}
