import { PhoneAutoBootService } from '../../../apps/api/src/phones/phone-autoboot.service';
import { PhoneSimulatorService } from '../../../apps/api/src/phones/phone-simulator.service';
import { TemporalClientHolder } from '../../../libs/temporal/temporal-client.provider';
import { phoneSimulator } from '../../support/phone-fixtures';
import type { World } from '../../support/world';

/**
 * The API's own auto-boot of simulated desk phones, run in the test process instead of the API
 * process. The simulated phones stand in for hardware, and a real phone does not die with the API:
 * a kill in the middle of a simulated boot (configuration fetch recorded, PBX registration not yet)
 * would leave a half-booted phone that nothing boots again, a limit of the simulator and not a
 * behaviour of Switchboard. The API process then runs with SANDBOX_PHONE_AUTOBOOT_MS=0.
 */
export class SimulatedPhones {
  private constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly autoBoot: PhoneAutoBootService,
  ) {}

  static start(world: World): SimulatedPhones {
    const temporal = new TemporalClientHolder(world.config);
    const autoBoot = new PhoneAutoBootService(
      new PhoneSimulatorService(phoneSimulator(world), temporal, world.config),
      world.config,
    );
    autoBoot.onApplicationBootstrap();
    return new SimulatedPhones(temporal, autoBoot);
  }

  async stop(): Promise<void> {
    await this.autoBoot.beforeApplicationShutdown();
    await this.temporal.onApplicationShutdown();
  }
}
