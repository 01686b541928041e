import { Module } from '@nestjs/common';
import { ReconciliationModule } from '../../../../libs/reconciliation/reconciliation.module';
import { CommonModule } from '../common/common.module';
import { ReconciliationResolver } from './reconciliation.resolver';
import { ReconciliationService } from './reconciliation.service';

@Module({
  imports: [CommonModule, ReconciliationModule],
  providers: [ReconciliationService, ReconciliationResolver],
})
export class ReconciliationApiModule {}
