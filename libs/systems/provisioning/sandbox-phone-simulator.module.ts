import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DHCP_PORT, type DhcpPort } from '../dhcp/dhcp.port';
import { SandboxPbxDriver } from '../pbx/sandbox-pbx.driver';
import { SandboxStore } from '../sandbox/sandbox-store';
import { SystemsModule } from '../systems.module';
import { DatabaseProvisioningDriver } from './database-provisioning.driver';
import { SandboxPhoneSimulator } from './sandbox-phone-simulator';

/** A phone that is not there, for the sandbox only: the API's simulator service refuses outside it. */
@Module({
  imports: [SystemsModule],
  providers: [
    {
      provide: SandboxPhoneSimulator,
      inject: [DataSource, DHCP_PORT, SandboxStore, APP_CONFIG],
      useFactory: (ds: DataSource, dhcp: DhcpPort, store: SandboxStore, config: AppConfig) =>
        new SandboxPhoneSimulator(
          ds,
          new DatabaseProvisioningDriver(ds, config.provisioningUrl),
          dhcp,
          config.drivers.pbx === 'sandbox' ? new SandboxPbxDriver(store, config.sip.domain) : null,
        ),
    },
  ],
  exports: [SandboxPhoneSimulator],
})
export class SandboxPhoneSimulatorModule {}
