import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { phoneBootedSignal } from '../../../../libs/contracts/phones';
import { workflowIds } from '../../../../libs/contracts/workflow-ids';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { parseMacAddress } from '../../../../libs/domain/mac-address';
import {
  SandboxPhoneSimulator,
  type SimulatedBoot,
} from '../../../../libs/systems/provisioning/sandbox-phone-simulator';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';

/**
 * Sandbox only: boots a simulated phone (see SandboxPhoneSimulator) and tells its registration
 * workflow to look now. Refused outside sandbox mode, where real phones boot by themselves.
 */
@Injectable()
export class PhoneSimulatorService {
  private readonly logger = new Logger(PhoneSimulatorService.name);

  constructor(
    private readonly simulator: SandboxPhoneSimulator,
    private readonly temporal: TemporalClientHolder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** FORBIDDEN outside sandbox mode, where real phones boot by themselves. */
  requireSandbox(): void {
    if (!this.config.sandbox) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        'The phone simulator exists only in sandbox mode; a real phone boots when it is plugged in.',
      );
    }
  }

  /** Boots the phone at this MAC; the caller has checked who may (the auto-boot boots every phone). */
  async boot(macText: string): Promise<SimulatedBoot> {
    this.requireSandbox();
    const mac = parseMacAddress(macText);
    const boot = await this.simulator.boot(mac);
    await this.nudgeWorkflow(mac);
    return boot;
  }

  /** MACs due for an automatic boot (published long enough ago, never fetched). */
  waitingToBoot(ageMs: number): Promise<string[]> {
    return this.simulator.waitingToBoot(ageMs);
  }

  // The signal only saves the workflow a wait: it reads the evidence itself, so a lost signal is harmless.
  private async nudgeWorkflow(mac: string): Promise<void> {
    try {
      await this.temporal.client.workflow.getHandle(workflowIds.phone(mac)).signal(phoneBootedSignal);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      this.logger.warn(`could not signal ${workflowIds.phone(mac)}: ${(error as Error).message}`);
    }
  }
}
