import { Module } from '@nestjs/common';
import { LegacyMigrationModule } from '../../../../libs/legacy/legacy-migration.module';
import { CommonModule } from '../common/common.module';
import { LegacyImportResolver } from './legacy-import.resolver';
import { LegacyImportService } from './legacy-import.service';
import { LegacyResolver } from './legacy.resolver';
import { LegacyMigrationService } from './legacy-migration.service';

/** Legacy numbers: listing them with their migration options, migrating one, importing a site's inventory. */
@Module({
  imports: [CommonModule, LegacyMigrationModule],
  providers: [LegacyMigrationService, LegacyResolver, LegacyImportService, LegacyImportResolver],
  exports: [LegacyMigrationService],
})
export class LegacyModule {}
