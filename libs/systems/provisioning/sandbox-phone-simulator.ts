import { IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../domain/domain-error';
import { formatMacAddress } from '../../domain/mac-address';
import { PhoneActivation } from '../../domain/phone-activation';
import { IpPhoneEntity, ProvisioningConfigEntity } from '../../persistence/entities';
import type { DhcpPort } from '../dhcp/dhcp.port';
import type { SandboxPbxDriver } from '../pbx/sandbox-pbx.driver';
import { isSystemError } from '../system-error';
import type { DatabaseProvisioningDriver } from './database-provisioning.driver';

export interface SimulatedBoot {
  mac: string;
  number: string;
  configFetchedAt: Date;
  /** False when the PBX is not the sandbox one (a real phone registers with a real PBX itself). */
  registered: boolean;
}

const BOOT_URL = /\/p\/([A-Za-z0-9_-]+)\/$/;

/**
 * Sandbox only: a desk phone that is not there. Booting it does what a real phone does — takes the
 * boot URL from its DHCP reservation, fetches its configuration from the provisioning server with
 * the secret in that URL, and registers its line on the (sandbox) PBX — so a registration can reach
 * ACTIVE in the demo and in tests. Nothing in the production path uses it.
 */
export class SandboxPhoneSimulator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provisioning: DatabaseProvisioningDriver,
    private readonly dhcp: DhcpPort,
    /** Null when the PBX is real. */
    private readonly pbx: SandboxPbxDriver | null,
  ) {}

  async boot(mac: string): Promise<SimulatedBoot> {
    const shown = formatMacAddress(mac, 'colon');
    const phone = await this.dataSource
      .getRepository(IpPhoneEntity)
      .findOneBy({ mac, activation: Not(PhoneActivation.REMOVED) });
    if (!phone) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `No phone with MAC ${shown} is registered, so there is nothing to boot. Register it first.`,
      );
    }
    const notYet = (why: string) =>
      new DomainError(
        DomainErrorCode.INVALID_STATE,
        `The phone ${shown} cannot boot yet: ${why}. Wait until its registration has got that far.`,
      );
    const reservation = await this.dhcp.findReservation(mac);
    const secret = reservation ? BOOT_URL.exec(reservation.bootUrl)?.[1] : undefined;
    if (!reservation || !secret) throw notYet('DHCP has no reservation with a boot URL for it');
    if (!(await this.provisioning.configForDevice(secret, mac)))
      throw notYet('the provisioning server serves no configuration for it');

    const configFetchedAt = new Date();
    await this.provisioning.recordConfigFetch(mac, configFetchedAt);
    if (!this.pbx) return { mac, number: phone.number, configFetchedAt, registered: false };
    try {
      await this.pbx.simulateRegistration(phone.number);
    } catch (error) {
      if (isSystemError(error)) throw notYet(`its line ${phone.number} has no SIP account on the PBX`);
      throw error;
    }
    return { mac, number: phone.number, configFetchedAt, registered: true };
  }

  /** MACs whose configuration has been servable for `ageMs` without being fetched (auto-boot candidates). */
  async waitingToBoot(ageMs: number, now = new Date()): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ProvisioningConfigEntity).find({
      select: { mac: true },
      where: {
        servable: true,
        lastFetchAt: IsNull(),
        publishedAt: LessThanOrEqual(new Date(now.getTime() - ageMs)),
      },
      order: { publishedAt: 'ASC' },
      take: 20,
    });
    return rows.map((row) => row.mac);
  }
}
