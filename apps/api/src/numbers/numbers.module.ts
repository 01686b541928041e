import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommonModule } from '../common/common.module';
import { NumberAccessService } from './number-access.service';
import { NumberQueriesService } from './number-queries.service';
import { NumberRequestsService } from './number-requests.service';
import { NumbersResolver } from './numbers.resolver';
import { SoftphoneController } from './softphone.controller';

/** Personal and shared numbers: queries, mutations (requests) and the softphone endpoint. */
@Module({
  imports: [CommonModule, AuthModule],
  providers: [NumberAccessService, NumberQueriesService, NumberRequestsService, NumbersResolver],
  controllers: [SoftphoneController],
  exports: [NumberQueriesService],
})
export class NumbersModule {}
