import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';

@Module({
  providers: [{ provide: AuditLog, inject: [DataSource], useFactory: (ds: DataSource) => new AuditLog(ds) }],
  exports: [AuditLog],
})
export class AuditModule {}
