import { Module } from '@nestjs/common';
import { AuditModule } from '../../../../libs/audit/audit.module';
import { InventoryModule } from '../../../../libs/systems/inventory/inventory.module';
import { SystemsModule } from '../../../../libs/systems/systems.module';
import { RequestViewService } from '../requests/request-view.service';
import { TemporalModule } from '../temporal/temporal.module';
import { PeopleService } from './people.service';
import { PermissionService } from './permission.service';

/**
 * What every feature module of the API uses: people and permissions, the request launcher and
 * views, the audit log, the ports, and the inventory's query classes.
 */
@Module({
  imports: [SystemsModule, TemporalModule, AuditModule, InventoryModule],
  providers: [PeopleService, PermissionService, RequestViewService],
  exports: [
    PeopleService,
    PermissionService,
    RequestViewService,
    SystemsModule,
    TemporalModule,
    AuditModule,
    InventoryModule,
  ],
})
export class CommonModule {}
