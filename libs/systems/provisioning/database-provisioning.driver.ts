import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Not, type DataSource } from 'typeorm';
import { PhoneActivation } from '../../domain/phone-activation';
import { IpPhoneEntity, ProvisioningConfigEntity } from '../../persistence/entities';
import { systemRejected, type ApplyResult } from '../system-error';
import { phoneBootUrl } from './boot-url';
import type { PhoneConfig, ProvisioningPort, PublishedConfig } from './provisioning.port';

/** 32 random bytes, base64url: the per-device secret in a phone's boot URL. */
export function newProvisioningSecret(): string {
  return randomBytes(32).toString('base64url');
}

const live = (mac: string) => ({ mac, activation: Not(PhoneActivation.REMOVED) });

/**
 * The provisioning server's state in the app database: what `apps/provisioning` serves. The per-device
 * secret is the phone's (`ip_phones.provisioningSecret`); the per-MAC configuration is the server's
 * (`provisioning_configs`). In sandbox mode it is wrapped by the fault injector like the other drivers.
 */
export class DatabaseProvisioningDriver implements ProvisioningPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provisioningUrl: string,
  ) {}

  private urlFor(secret: string): string {
    return phoneBootUrl(this.provisioningUrl, secret);
  }

  async bootUrl(mac: string): Promise<{ url: string; result: ApplyResult }> {
    const phones = this.dataSource.getRepository(IpPhoneEntity);
    const phone = await phones.findOneBy(live(mac));
    if (!phone) {
      throw systemRejected('provisioning', `no phone with MAC ${mac} is registered in the inventory`);
    }
    if (phone.provisioningSecret) return { url: this.urlFor(phone.provisioningSecret), result: 'unchanged' };
    // Conditional, so two concurrent attempts end with one secret that both return.
    await this.dataSource
      .createQueryBuilder()
      .update(IpPhoneEntity)
      .set({ provisioningSecret: newProvisioningSecret() })
      .where('id = :id AND "provisioningSecret" IS NULL', { id: phone.id })
      .execute();
    const stored = await phones.findOneByOrFail({ id: phone.id });
    return { url: this.urlFor(stored.provisioningSecret!), result: 'applied' };
  }

  async publishConfig(mac: string, config: PhoneConfig): Promise<{ revision: number; result: ApplyResult }> {
    const repo = this.dataSource.getRepository(ProvisioningConfigEntity);
    const existing = await repo.findOneBy({ mac });
    if (existing?.servable && JSON.stringify(existing.config) === JSON.stringify(config)) {
      return { revision: existing.revision, result: 'unchanged' };
    }
    const now = new Date();
    // A new publication (not a regeneration): fetches of an earlier registration no longer count.
    const fresh = !existing?.servable;
    const revision = (existing?.revision ?? 0) + 1;
    await repo.save({
      mac,
      servable: true,
      revision,
      config: { ...config },
      publishedAt: fresh ? now : (existing?.publishedAt ?? now),
      withdrawnAt: null,
      lastFetchAt: fresh ? null : (existing?.lastFetchAt ?? null),
      lastFetchedRevision: fresh ? null : (existing?.lastFetchedRevision ?? null),
    });
    return { revision, result: 'applied' };
  }

  async withdrawConfig(mac: string): Promise<ApplyResult> {
    const repo = this.dataSource.getRepository(ProvisioningConfigEntity);
    const existing = await repo.findOneBy({ mac });
    let changed = false;
    if (existing?.servable) {
      await repo.update({ mac }, { servable: false, withdrawnAt: new Date() });
      changed = true;
    }
    const phone = await this.dataSource.getRepository(IpPhoneEntity).findOneBy(live(mac));
    if (phone?.provisioningSecret) {
      // The digest password derives from the secret: a next registration starts its migration anew.
      await this.dataSource.getRepository(IpPhoneEntity).update(
        { id: phone.id },
        {
          provisioningSecret: null,
          provisioningDigestDeliveredAt: null,
          provisioningDigestVerifiedAt: null,
        },
      );
      changed = true;
    }
    return changed ? 'applied' : 'unchanged';
  }

  async lastConfigFetch(mac: string): Promise<Date | null> {
    const row = await this.dataSource.getRepository(ProvisioningConfigEntity).findOneBy({ mac });
    return row?.servable ? row.lastFetchAt : null;
  }

  async findConfig(mac: string): Promise<PublishedConfig | null> {
    const row = await this.dataSource.getRepository(ProvisioningConfigEntity).findOneBy({ mac });
    if (!row) return null;
    return {
      mac: row.mac,
      servable: row.servable,
      revision: row.revision,
      config: row.config as unknown as PhoneConfig,
      publishedAt: row.publishedAt,
      lastFetchAt: row.lastFetchAt,
      lastFetchedRevision: row.lastFetchedRevision,
    };
  }

  /**
   * What the provisioning app serves to a phone presenting `secret` for `mac`: the servable
   * configuration of the live phone with that secret, or null (the app answers 404 either way).
   */
  async configForDevice(secret: string, mac: string): Promise<PublishedConfig | null> {
    const phone = await this.dataSource.getRepository(IpPhoneEntity).findOneBy(live(mac));
    if (!phone?.provisioningSecret || !sameSecret(phone.provisioningSecret, secret)) return null;
    const published = await this.findConfig(mac);
    return published?.servable ? published : null;
  }

  /**
   * The phone downloaded its file (the provisioning app records this; in the sandbox, the phone
   * simulator does). Returns false when nothing is served for that MAC.
   */
  async recordConfigFetch(mac: string, at = new Date()): Promise<boolean> {
    const repo = this.dataSource.getRepository(ProvisioningConfigEntity);
    const row = await repo.findOneBy({ mac });
    if (!row?.servable) return false;
    await repo.update({ mac }, { lastFetchAt: at, lastFetchedRevision: row.revision });
    await this.dataSource.getRepository(IpPhoneEntity).update(live(mac), { lastFetchAt: at });
    return true;
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
