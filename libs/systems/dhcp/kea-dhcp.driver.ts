import { Pool, type PoolClient } from 'pg';
import type { KeaConfig } from '../../config/network-drivers-config';
import { systemRejected, systemUnavailable, type ApplyResult } from '../system-error';
import type { DhcpPort, HostReservation } from './dhcp.port';
import { formatIpv4Range, numberToIpv4 } from './ipv4';
import { keaDatabaseError } from './kea-errors';
import {
  deleteHost,
  findHost,
  findHosts,
  insertHost,
  listHosts,
  lockSubnet,
  lowestFreeAddress,
  MINIMUM_SCHEMA_VERSION,
  replaceHostOptions,
  schemaVersion,
  updateHost,
  type HostRow,
} from './kea-host-rows';

const CANONICAL_MAC = /^[0-9a-f]{12}$/;

/**
 * DHCP on ISC Kea through its PostgreSQL host backend: a reservation is a row in `hosts` with the
 * boot URL in `dhcp4_options`, which kea-dhcp4 reads at lease time. Each write is one transaction
 * holding a per-subnet advisory lock, so concurrent workers never hand out the same address and
 * no Temporal-side serialisation is needed. docs/dhcp.md says why this beat the control agent.
 */
export class KeaDhcpDriver implements DhcpPort {
  private readonly pool: Pool;
  private schemaChecked = false;

  constructor(private readonly config: KeaConfig) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize,
      connectionTimeoutMillis: config.timeoutMs,
      query_timeout: config.timeoutMs,
      application_name: 'switchboard-dhcp',
    });
    // An idle connection dropped by the server must not crash the worker; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async reserveHost(request: {
    mac: string;
    hostname: string;
    bootUrl: string;
  }): Promise<{ reservation: HostReservation; result: ApplyResult }> {
    const mac = canonicalMac(request.mac);
    const { subnetId, reservedRange, bootOptionCodes } = this.config;
    return this.transaction(`reserving ${request.hostname} (${mac})`, async (db) => {
      await lockSubnet(db, subnetId);
      const existing = await findHost(db, subnetId, mac);
      if (existing?.ipv4Address != null && this.matches(existing, request)) {
        return { reservation: this.toReservation(mac, existing), result: 'unchanged' as const };
      }
      // A MAC reserved with another hostname or URL keeps its address; only a new one gets the next.
      const address = existing?.ipv4Address ?? (await lowestFreeAddress(db, subnetId, reservedRange));
      if (address === null) {
        throw systemRejected(
          'dhcp',
          `the reserved range ${formatIpv4Range(reservedRange)} of Kea subnet ${subnetId} is full: widen KEA_RESERVED_RANGE or release unused phones`,
        );
      }
      const values = { hostname: request.hostname, ipv4Address: address };
      const hostId = existing
        ? (await updateHost(db, existing.hostId, values), existing.hostId)
        : await insertHost(db, { subnetId, mac, ...values });
      await replaceHostOptions(db, hostId, bootOptionCodes, request.bootUrl);
      return {
        reservation: {
          mac,
          hostname: request.hostname,
          ipAddress: numberToIpv4(address),
          bootUrl: request.bootUrl,
        },
        result: 'applied' as const,
      };
    });
  }

  async releaseHost(mac: string): Promise<ApplyResult> {
    const canonical = canonicalMac(mac);
    return this.transaction(`releasing ${canonical}`, async (db) => {
      await lockSubnet(db, this.config.subnetId);
      return (await deleteHost(db, this.config.subnetId, canonical)) ? 'applied' : 'unchanged';
    });
  }

  async findReservation(mac: string): Promise<HostReservation | null> {
    const canonical = canonicalMac(mac);
    return this.withClient(`looking up ${canonical}`, async (db) => {
      const host = await findHost(db, this.config.subnetId, canonical);
      return host?.ipv4Address != null ? this.toReservation(canonical, host) : null;
    });
  }

  /** One page of a reconciliation scan: the subnet's reservations in MAC order, one query. */
  async listReservations(page: { after?: string; limit: number }): Promise<HostReservation[]> {
    const after = page.after === undefined ? undefined : canonicalMac(page.after);
    return this.withClient('listing reservations', async (db) => {
      const hosts = await listHosts(db, this.config.subnetId, { after, limit: page.limit });
      return hosts.map((h) => this.toReservation(h.mac, h));
    });
  }

  /** The reservations among these MACs, in one query. */
  async findReservations(macs: string[]): Promise<HostReservation[]> {
    if (macs.length === 0) return [];
    const canonical = macs.map(canonicalMac);
    return this.withClient(`looking up ${canonical.length} reservation(s)`, async (db) => {
      const hosts = await findHosts(db, this.config.subnetId, canonical);
      return hosts.filter((h) => h.ipv4Address !== null).map((h) => this.toReservation(h.mac, h));
    });
  }

  /** Closes the pool when Nest shuts the worker down. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  private matches(host: HostRow, request: { hostname: string; bootUrl: string }): boolean {
    return (
      host.hostname === request.hostname &&
      this.config.bootOptionCodes.every((code) => host.options.get(code) === request.bootUrl)
    );
  }

  private toReservation(mac: string, host: HostRow): HostReservation {
    const bootUrl = this.config.bootOptionCodes.map((code) => host.options.get(code)).find((v) => v) ?? '';
    return {
      mac,
      hostname: host.hostname ?? '',
      ipAddress: numberToIpv4(host.ipv4Address ?? 0),
      bootUrl,
    };
  }

  private async transaction<T>(doing: string, work: (db: PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(doing, async (db) => {
      await db.query('BEGIN');
      try {
        const result = await work(db);
        await db.query('COMMIT');
        return result;
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async withClient<T>(doing: string, work: (db: PoolClient) => Promise<T>): Promise<T> {
    let db: PoolClient | undefined;
    let broken = false;
    try {
      db = await this.pool.connect();
      await this.checkSchema(db);
      return await work(db);
    } catch (error) {
      // A client whose query timed out may still be busy: discard it rather than reuse it.
      broken = true;
      throw keaDatabaseError(error, doing);
    } finally {
      db?.release(broken);
    }
  }

  private async checkSchema(db: PoolClient): Promise<void> {
    if (this.schemaChecked) return;
    const version = await schemaVersion(db);
    if (version < MINIMUM_SCHEMA_VERSION) {
      throw systemUnavailable(
        'dhcp',
        `Kea's host database has schema version ${version}; Switchboard needs ${MINIMUM_SCHEMA_VERSION} (Kea 2.2) or later: run kea-admin db-upgrade pgsql`,
      );
    }
    this.schemaChecked = true;
  }
}

/** Ports pass canonical MACs; separators and upper case are tolerated, anything else is refused. */
function canonicalMac(mac: string): string {
  const canonical = mac.replace(/[:.-]/g, '').toLowerCase();
  if (!CANONICAL_MAC.test(canonical))
    throw systemRejected('dhcp', `"${mac}" is not a MAC address (12 hex digits expected)`);
  return canonical;
}
