import { Module } from '@nestjs/common';
import { LegacyMigrationModule } from '../../../../libs/legacy/legacy-migration.module';
import { CommonModule } from '../common/common.module';
import { LegacyResolver } from './legacy.resolver';
import { LegacyMigrationService } from './legacy-migration.service';

/** Legacy numbers: listing them with their migration options, and migrating one. */
@Module({
  imports: [CommonModule, LegacyMigrationModule],
  providers: [LegacyMigrationService, LegacyResolver],
  exports: [LegacyMigrationService],
})
export class LegacyModule {}
