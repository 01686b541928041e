import { Module } from '@nestjs/common';
import { SandboxPhoneSimulatorModule } from '../../../../libs/systems/provisioning/sandbox-phone-simulator.module';
import { CommonModule } from '../common/common.module';
import { D60PairingService } from './d60-pairing.service';
import { PhoneAutoBootService } from './phone-autoboot.service';
import { PhoneQueriesService } from './phone-queries.service';
import { PhoneRegistrationService } from './phone-registration.service';
import { PhoneSimulatorService } from './phone-simulator.service';
import { PhonesResolver } from './phones.resolver';

/** Desk IP phones: the catalogue, a person's phones, registration, D60 pairing; the sandbox simulator. */
@Module({
  imports: [CommonModule, SandboxPhoneSimulatorModule],
  providers: [
    PhoneQueriesService,
    PhoneRegistrationService,
    D60PairingService,
    PhoneSimulatorService,
    PhoneAutoBootService,
    PhonesResolver,
  ],
})
export class PhonesModule {}
