import { type DataSource } from 'typeorm';
import { IpPhoneEntity, PhoneActivation, ProvisioningConfigEntity } from '../../persistence/entities';
import { secretSelector, secretsMatch, type DeviceIdentity } from './device-auth';
import type { PhoneConfig } from './provisioning.port';

/** A live phone found by the secret of its boot URL, with the configuration served to it. */
export interface ProvisionedDevice extends DeviceIdentity {
  number: string;
  /** Null when nothing is published or it was withdrawn: the phone's files answer 404. */
  published: { revision: number; config: PhoneConfig } | null;
}

/**
 * What the provisioning server reads from the inventory database per request. The secret is found
 * by its selector, then compared whole in constant time (see device-auth.ts).
 */
export class ProvisionedDevices {
  constructor(private readonly dataSource: DataSource) {}

  async findBySecret(secret: string): Promise<ProvisionedDevice | null> {
    const candidates = await this.dataSource
      .getRepository(IpPhoneEntity)
      .createQueryBuilder('phone')
      .select(['phone.mac', 'phone.number', 'phone.ipAddress', 'phone.provisioningSecret'])
      .where('substr(phone.provisioningSecret, 1, :length) = :selector', {
        length: secretSelector(secret).length,
        selector: secretSelector(secret),
      })
      .andWhere('phone.activation <> :removed', { removed: PhoneActivation.REMOVED })
      .getMany();
    // Every candidate is compared (a selector collision is possible, if unlikely).
    let match: IpPhoneEntity | undefined;
    for (const phone of candidates) {
      if (phone.provisioningSecret && secretsMatch(phone.provisioningSecret, secret)) match = phone;
    }
    if (!match) return null;
    const row = await this.dataSource.getRepository(ProvisioningConfigEntity).findOneBy({ mac: match.mac });
    return {
      mac: match.mac,
      number: match.number,
      ipAddress: match.ipAddress,
      published: row?.servable
        ? { revision: row.revision, config: row.config as unknown as PhoneConfig }
        : null,
    };
  }
}
