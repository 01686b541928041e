import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { PhoneSimulatorService } from './phone-simulator.service';

/**
 * Sandbox only (SANDBOX_PHONE_AUTOBOOT_MS > 0): boots each simulated phone once its configuration
 * has been published for that long, so a registration in the `npm start` demo completes by itself.
 */
@Injectable()
export class PhoneAutoBootService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PhoneAutoBootService.name);
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  /** MACs that could not boot, and when: tried again only after a minute. */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly simulator: PhoneSimulatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const ageMs = this.config.sandbox ? this.config.sandboxPhoneAutoBootMs : 0;
    if (ageMs <= 0) return;
    this.timer = setInterval(
      () => {
        this.tick ??= this.bootDuePhones(ageMs).finally(() => (this.tick = undefined));
      },
      Math.min(1000, ageMs),
    );
    this.timer.unref();
    this.logger.log(`simulated phones boot ${ageMs} ms after their configuration is published`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
  }

  private async bootDuePhones(ageMs: number): Promise<void> {
    try {
      for (const mac of await this.simulator.waitingToBoot(ageMs)) {
        const failedAt = this.failures.get(mac);
        if (failedAt !== undefined && Date.now() - failedAt < 60_000) continue;
        try {
          await this.simulator.boot(mac);
          this.failures.delete(mac);
        } catch (error) {
          this.failures.set(mac, Date.now());
          this.logger.warn(`simulated phone ${mac} did not boot: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      this.logger.warn(`auto-boot: ${(error as Error).message}`);
    }
  }
}
