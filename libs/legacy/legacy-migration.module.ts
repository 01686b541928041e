import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DIRECTORY_PORT, type DirectoryPort } from '../systems/directory/directory.port';
import { SystemsModule } from '../systems/systems.module';
import { TemporalClientModule } from '../temporal/temporal-client.module';
import { TemporalClientHolder } from '../temporal/temporal-client.provider';
import { CampaignScheduler } from './campaign-scheduler';
import { LegacyInventoryImporter } from './import/legacy-importer';
import { LegacyMigrationPlanner } from './migration-planner';
import { LegacyNumbers } from './migration-request';

/** Legacy numbers for the API: reading them, planning a migration, scheduling a unit's campaign, importing. */
@Module({
  imports: [SystemsModule, TemporalClientModule],
  providers: [
    { provide: LegacyNumbers, inject: [DataSource], useFactory: (ds: DataSource) => new LegacyNumbers(ds) },
    {
      provide: LegacyInventoryImporter,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new LegacyInventoryImporter(ds),
    },
    {
      provide: LegacyMigrationPlanner,
      inject: [DataSource, DIRECTORY_PORT, APP_CONFIG],
      useFactory: (ds: DataSource, directory: DirectoryPort, config: AppConfig) =>
        new LegacyMigrationPlanner(ds, directory, {
          eligibility: config.eligibility,
          firstBootTimeoutMs: config.timers.firstBootTimeoutMs,
        }),
    },
    {
      provide: CampaignScheduler,
      inject: [DataSource, TemporalClientHolder, APP_CONFIG],
      useFactory: (ds: DataSource, temporal: TemporalClientHolder, config: AppConfig) =>
        new CampaignScheduler(ds, temporal.client, {
          taskQueue: config.temporal.taskQueue,
          settings: config.workflow,
          timing: config.campaigns,
          firstBootTimeoutMs: config.timers.firstBootTimeoutMs,
        }),
    },
  ],
  exports: [LegacyNumbers, LegacyMigrationPlanner, CampaignScheduler, LegacyInventoryImporter],
})
export class LegacyMigrationModule {}
