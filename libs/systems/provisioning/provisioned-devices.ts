import { Not, type DataSource } from 'typeorm';
import { PhoneActivation } from '../../domain/phone-activation';
import { IpPhoneEntity, ProvisioningConfigEntity } from '../../persistence/entities';
import { secretSelector, secretsMatch, SECRET_SELECTOR_LENGTH, type DeviceIdentity } from './device-auth';
import type { DigestState } from './device-digest';
import type { PhoneConfig } from './provisioning.port';

/** A live phone found by the secret of its boot URL, with the configuration served to it. */
export interface ProvisionedDevice extends DeviceIdentity {
  number: string;
  /** The secret it presented (and has): its digest password derives from it. */
  secret: string;
  digest: DigestState;
  /** Null when nothing is published or it was withdrawn: the phone's files answer 404. */
  published: { revision: number; config: PhoneConfig } | null;
}

interface DeviceRow {
  mac: string;
  number: string;
  ipAddress: string | null;
  provisioningSecret: string | null;
  provisioningDigestDeliveredAt: Date | string | null;
  provisioningDigestVerifiedAt: Date | string | null;
  servable: boolean | number | null;
  revision: number | null;
  config: string | null;
}

/** How often an unknown selector may reload the selector index (new phones; bogus secrets). */
const RELOAD_AT_MOST_EVERY_MS = 1_000;

/**
 * What the provisioning server reads from the inventory database per request.
 *
 * A secret is found through an in-memory index from its selector (first 11 characters) to MACs,
 * then the phone is read by MAC (an indexed lookup) and its stored secret compared whole in constant
 * time (device-auth.ts). The index only narrows the search: the database decides, so a stale entry
 * (a withdrawn secret) finds nothing, and replicas need no coordination. An unknown selector waits
 * for the next reload of the index (a phone registered since), and reloads happen at most once per
 * {@link RELOAD_AT_MOST_EVERY_MS}, so a flood of made-up secrets costs one small query per
 * interval, not one table scan per request.
 */
export class ProvisionedDevices {
  private index = new Map<string, string[]>();
  private loadedAt = 0;
  private scheduled: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  private async reload(): Promise<void> {
    const rows = await this.dataSource
      .getRepository(IpPhoneEntity)
      .createQueryBuilder('phone')
      .select('phone.mac', 'mac')
      .addSelect(`substr(phone.provisioningSecret, 1, ${SECRET_SELECTOR_LENGTH})`, 'selector')
      .where('phone.provisioningSecret IS NOT NULL')
      .andWhere('phone.activation <> :removed', { removed: PhoneActivation.REMOVED })
      .getRawMany<{ mac: string; selector: string }>();
    const index = new Map<string, string[]>();
    for (const { mac, selector } of rows) index.set(selector, [...(index.get(selector) ?? []), mac]);
    this.index = index;
  }

  private async macsFor(selector: string): Promise<string[]> {
    const known = this.index.get(selector);
    if (known) return known;
    // A miss waits for the next reload (at most one per interval, shared by every request that
    // missed meanwhile), so a phone registered a moment ago is found and a flood of made-up
    // secrets costs one small query per interval.
    this.scheduled ??= (async () => {
      const wait = this.loadedAt + RELOAD_AT_MOST_EVERY_MS - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        await this.reload();
      } finally {
        this.loadedAt = this.now();
        this.scheduled = null;
      }
    })();
    await this.scheduled;
    return this.index.get(selector) ?? [];
  }

  /** Runs SQL written with `:name` parameters on PostgreSQL and SQLite alike (no query builder in the hot path). */
  private run<T>(sql: string, parameters: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return this.dataSource.query(query, values);
  }

  async findBySecret(secret: string): Promise<ProvisionedDevice | null> {
    const macs = await this.macsFor(secretSelector(secret));
    if (macs.length === 0) return null;
    // One statement: the live phone(s) of the candidate MACs with their configuration.
    const rows = await this.run<DeviceRow>(
      `SELECT p.mac, p.number, p."ipAddress", p."provisioningSecret", p."provisioningDigestDeliveredAt",
              p."provisioningDigestVerifiedAt", c.servable, c.revision, c.config
         FROM ip_phones p LEFT JOIN provisioning_configs c ON c.mac = p.mac
        WHERE p.mac IN (:...macs) AND p.activation <> :removed`,
      { macs, removed: PhoneActivation.REMOVED },
    );
    let match: DeviceRow | undefined;
    // Every candidate is compared (a selector collision is possible, if unlikely).
    for (const row of rows) {
      if (row.provisioningSecret && secretsMatch(row.provisioningSecret, secret)) match = row;
    }
    if (!match) return null;
    // SQLite keeps booleans as 0/1 and simple-json as text; PostgreSQL as boolean and text.
    const servable = match.servable === true || match.servable === 1;
    // SQLite returns dates as text, PostgreSQL as Date.
    const date = (value: Date | string | null) => (value === null ? null : new Date(value));
    return {
      mac: match.mac,
      number: match.number,
      ipAddress: match.ipAddress,
      secret,
      digest: {
        deliveredAt: date(match.provisioningDigestDeliveredAt),
        verifiedAt: date(match.provisioningDigestVerifiedAt),
      },
      published:
        servable && match.config !== null && match.revision !== null
          ? { revision: Number(match.revision), config: JSON.parse(match.config) as PhoneConfig }
          : null,
    };
  }

  /** Records the first time the phone got (`delivered`) or used (`verified`) its digest credentials. */
  async recordDigest(mac: string, event: 'delivered' | 'verified', at = new Date()): Promise<void> {
    const column = event === 'delivered' ? 'provisioningDigestDeliveredAt' : 'provisioningDigestVerifiedAt';
    await this.dataSource
      .createQueryBuilder()
      .update(IpPhoneEntity)
      .set({ [column]: at })
      .where(`mac = :mac AND activation <> :removed AND "${column}" IS NULL`, {
        mac,
        removed: PhoneActivation.REMOVED,
      })
      .execute();
  }

  /**
   * The phone downloaded its own file: two updates, no read (a boot storm records 10,000 of them).
   * Returns false when nothing is served for that MAC any more.
   */
  async recordConfigFetch(mac: string, at = new Date()): Promise<boolean> {
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(ProvisioningConfigEntity)
      .set({ lastFetchAt: at, lastFetchedRevision: () => 'revision' })
      .where({ mac, servable: true })
      .execute();
    if (!updated.affected) return false;
    await this.dataSource
      .createQueryBuilder()
      .update(IpPhoneEntity)
      .set({ lastFetchAt: at })
      .where({ mac, activation: Not(PhoneActivation.REMOVED) })
      .execute();
    return true;
  }
}
