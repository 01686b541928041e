import { In, LessThanOrEqual, Not, type DataSource } from 'typeorm';
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

/** Registration states in which the workflow waits for the phone to boot. */
const WAITING_FOR_BOOT = [
  PhoneActivation.CONFIG_PUBLISHED,
  PhoneActivation.PENDING_FIRST_BOOT,
  PhoneActivation.CONFIG_FETCHED,
];

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

  /**
   * MACs due for an automatic boot: their registration waits for the first boot and their
   * configuration has been servable for `ageMs`. A phone whose file was fetched (by hand, say, as
   * docs/provisioning.md shows) but whose line has not registered is due too, or its request would
   * wait at the first-boot step until it times out.
   */
  async waitingToBoot(ageMs: number, now = new Date()): Promise<string[]> {
    const waiting = await this.dataSource.getRepository(IpPhoneEntity).find({
      select: { mac: true, number: true },
      where: { activation: In(WAITING_FOR_BOOT) },
      order: { createdAt: 'ASC' },
      take: 50,
    });
    if (waiting.length === 0) return [];
    const configs = await this.dataSource.getRepository(ProvisioningConfigEntity).find({
      select: { mac: true, lastFetchAt: true },
      where: {
        mac: In(waiting.map((phone) => phone.mac)),
        servable: true,
        publishedAt: LessThanOrEqual(new Date(now.getTime() - ageMs)),
      },
    });
    const due: string[] = [];
    for (const phone of waiting) {
      const config = configs.find((c) => c.mac === phone.mac);
      if (!config) continue;
      // Only the sandbox PBX can be told a line registered; with a real one a fetch is all we can do.
      const stillToRegister = this.pbx !== null && !(await this.pbx.isRegistered(phone.number));
      if (config.lastFetchAt === null || stillToRegister) due.push(phone.mac);
      if (due.length === 20) break;
    }
    return due;
  }
}
