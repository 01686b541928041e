import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailReceipts } from '../notifications/delivery/mail-receipts';
import { RequestStore } from './request-store';
import { ResourceLocks } from './resource-locks';

/** The request projection, resource locks and mail receipts. */
@Module({
  providers: [
    { provide: RequestStore, inject: [DataSource], useFactory: (ds: DataSource) => new RequestStore(ds) },
    { provide: ResourceLocks, inject: [DataSource], useFactory: (ds: DataSource) => new ResourceLocks(ds) },
    { provide: MailReceipts, inject: [DataSource], useFactory: (ds: DataSource) => new MailReceipts(ds) },
  ],
  exports: [RequestStore, ResourceLocks, MailReceipts],
})
export class RequestsModule {}
