import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';

/** How often each API looks for accepted requests whose workflow never started. */
const SWEEP_EVERY_MS = 15_000;
/**
 * A launch younger than this may still be under way in another API process (a workflow start takes
 * well under a second; its gRPC call gives up after ten).
 */
const GRACE_MS = 30_000;

/**
 * Starts the workflows of requests that an API process accepted and then died before starting (a
 * crash, an OOM kill, a deploy): at boot and every SWEEP_EVERY_MS. Every API instance runs it; two
 * racing on one request both end up with the same run (the workflow id admits one).
 */
@Injectable()
export class LaunchRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LaunchRecovery.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(private readonly launcher: RequestLauncher) {}

  onApplicationBootstrap(): void {
    const sweep = () => {
      this.sweeping = this.sweep();
    };
    sweep();
    this.timer = setInterval(sweep, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweep(): Promise<void> {
    try {
      const outcome = await this.launcher.resumeUnconfirmed(GRACE_MS);
      if (outcome.started + outcome.adopted + outcome.failed > 0)
        this.logger.warn(`requests whose API died before starting them: ${JSON.stringify(outcome)}`);
    } catch (error) {
      // Temporal or the database unreachable: the next sweep tries again.
      this.logger.error(`launch recovery failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
