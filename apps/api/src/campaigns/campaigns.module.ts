import { Module } from '@nestjs/common';
import { LegacyMigrationModule } from '../../../../libs/legacy/legacy-migration.module';
import { CommonModule } from '../common/common.module';
import { CampaignAdminResolver } from './campaign-admin.resolver';
import { CampaignsService } from './campaigns.service';
import { MigrationScheduleResolver } from './migration-schedule.resolver';
import { MigrationScheduleService } from './migration-schedule.service';

/** Bulk migration campaigns: unit admins schedule and steer them; people move or hasten their date. */
@Module({
  imports: [CommonModule, LegacyMigrationModule],
  providers: [CampaignsService, MigrationScheduleService, CampaignAdminResolver, MigrationScheduleResolver],
})
export class CampaignsModule {}
