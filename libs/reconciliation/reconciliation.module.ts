import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InventoryReader } from './inventory-reader';
import { ReconciliationStore } from './reconciliation-store';

/** What the reconciliation activities and the API share: the inventory reader and the run store. */
@Module({
  providers: [
    {
      provide: InventoryReader,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new InventoryReader(ds),
    },
    {
      provide: ReconciliationStore,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new ReconciliationStore(ds),
    },
  ],
  exports: [InventoryReader, ReconciliationStore],
})
export class ReconciliationModule {}
