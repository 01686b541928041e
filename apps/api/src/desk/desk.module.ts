import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommonModule } from '../common/common.module';
import { CancelRequestResolver } from './cancel-request.resolver';
import { DeskQueueService } from './desk-queue.service';
import { DeskResolver } from './desk.resolver';
import { MutationAuditInterceptor } from './mutation-audit.interceptor';
import { RequestControlService } from './request-control.service';

/** The service desk: queue, parked requests, decisions, cancellation, and the audit of every mutation. */
@Module({
  imports: [CommonModule],
  providers: [
    DeskQueueService,
    RequestControlService,
    DeskResolver,
    CancelRequestResolver,
    { provide: APP_INTERCEPTOR, useClass: MutationAuditInterceptor },
  ],
})
export class DeskModule {}
