import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { DHCP_PORT, type DhcpPort } from '../../../../libs/systems/dhcp/dhcp.port';
import { SandboxPbxDriver } from '../../../../libs/systems/pbx/sandbox-pbx.driver';
import { DatabaseProvisioningDriver } from '../../../../libs/systems/provisioning/database-provisioning.driver';
import { SandboxPhoneSimulator } from '../../../../libs/systems/provisioning/sandbox-phone-simulator';
import { SandboxStore } from '../../../../libs/systems/sandbox/sandbox-store';
import { CommonModule } from '../common/common.module';
import { D60PairingService } from './d60-pairing.service';
import { PhoneAutoBootService } from './phone-autoboot.service';
import { PhoneQueriesService } from './phone-queries.service';
import { PhoneRegistrationService } from './phone-registration.service';
import { PhoneSimulatorService } from './phone-simulator.service';
import { PhonesResolver } from './phones.resolver';

/** Desk IP phones: the catalogue, a person's phones, registration, D60 pairing; the sandbox simulator. */
@Module({
  imports: [CommonModule],
  providers: [
    PhoneQueriesService,
    PhoneRegistrationService,
    D60PairingService,
    PhoneSimulatorService,
    PhoneAutoBootService,
    PhonesResolver,
    {
      // A phone that is not there, for the sandbox only: PhoneSimulatorService refuses outside it.
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
})
export class PhonesModule {}
