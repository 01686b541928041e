import type { PoolClient } from 'pg';
import type { Ipv4Range } from './ipv4';

// Rows of Kea's PostgreSQL host backend (schema 13, Kea 2.2: dhcpdb_create.pgsql). kea-dhcp4 looks
// a client up in these tables on every DISCOVER/REQUEST (Kea has no host cache without a premium
// hook), so a committed row is served at the next exchange.

/** `host_identifier_type.type` of a hardware address. */
const HW_ADDRESS = 0;
/** `dhcp_option_scope.scope_id` of a host's own options. */
const HOST_SCOPE = 3;
const OPTION_SPACE = 'dhcp4';
/** First key of the transaction-scoped advisory lock; the second is the subnet id. */
const ADVISORY_LOCK_CLASS = 0x5b0a4d;

export interface HostRow {
  hostId: number;
  hostname: string | null;
  /** Unsigned 32-bit; PostgreSQL's BIGINT arrives as a string. */
  ipv4Address: number | null;
  /** Option code → formatted value, for the host's dhcp4 options. */
  options: Map<number, string | null>;
}

function macBytes(mac: string): Buffer {
  return Buffer.from(mac, 'hex');
}

/**
 * Serialises Switchboard's writers on one subnet until the transaction ends. Since schema 6.2 the
 * database no longer keeps reserved addresses unique, so two writers picking the lowest free
 * address at once would both take it.
 */
export async function lockSubnet(db: PoolClient, subnetId: number): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_CLASS, subnetId]);
}

export async function findHost(db: PoolClient, subnetId: number, mac: string): Promise<HostRow | null> {
  const hosts = await db.query<{ host_id: number; hostname: string | null; ipv4_address: string | null }>(
    `SELECT host_id, hostname, ipv4_address FROM hosts
      WHERE dhcp_identifier = $1 AND dhcp_identifier_type = $2 AND dhcp4_subnet_id = $3`,
    [macBytes(mac), HW_ADDRESS, subnetId],
  );
  const host = hosts.rows[0];
  if (!host) return null;
  const options = await db.query<{ code: number; formatted_value: string | null }>(
    `SELECT code, formatted_value FROM dhcp4_options
      WHERE host_id = $1 AND scope_id = $2 AND space = $3 ORDER BY option_id`,
    [host.host_id, HOST_SCOPE, OPTION_SPACE],
  );
  return {
    hostId: host.host_id,
    hostname: host.hostname,
    ipv4Address: host.ipv4_address === null ? null : Number(host.ipv4_address),
    options: new Map(options.rows.map((o) => [o.code, o.formatted_value])),
  };
}

/** A host row with its MAC, as the bulk reads return it. */
export interface HostRowWithMac extends HostRow {
  /** Canonical: 12 lowercase hex digits. */
  mac: string;
}

/**
 * The selected hosts (`selection`: a query of hosts rows) with their dhcp4 options gathered in the same
 * round trip: the hosts are chosen first, so the options of only those are read (by host_id index).
 */
const withOptions = (selection: string) => `WITH page AS (${selection})
SELECT p.host_id, encode(p.dhcp_identifier, 'hex') AS mac, p.hostname, p.ipv4_address,
       COALESCE((SELECT json_agg(json_build_array(o.code, o.formatted_value) ORDER BY o.option_id)
                   FROM dhcp4_options o
                  WHERE o.host_id = p.host_id AND o.scope_id = ${HOST_SCOPE} AND o.space = '${OPTION_SPACE}'),
                '[]') AS options
  FROM page p ORDER BY p.dhcp_identifier`;

const HOSTS_OF_SUBNET = `SELECT host_id, dhcp_identifier, hostname, ipv4_address FROM hosts
  WHERE dhcp_identifier_type = ${HW_ADDRESS} AND dhcp4_subnet_id = $1`;

interface HostWithOptionsRow {
  host_id: number;
  mac: string;
  hostname: string | null;
  ipv4_address: string | null;
  options: [number, string | null][];
}

const toHostRowWithMac = (row: HostWithOptionsRow): HostRowWithMac => ({
  hostId: row.host_id,
  mac: row.mac,
  hostname: row.hostname,
  ipv4Address: row.ipv4_address === null ? null : Number(row.ipv4_address),
  options: new Map(row.options),
});

/**
 * Reserved hosts (with an address) of the subnet in MAC order after `after`: keyset paging, as the
 * identifier's bytes sort as its lowercase hex does and the unique key on identifier, type and subnet
 * serves the order. Filtered in SQL so that a full page means there may be more.
 */
export async function listHosts(
  db: PoolClient,
  subnetId: number,
  page: { after?: string; limit: number },
): Promise<HostRowWithMac[]> {
  const { rows } = await db.query<HostWithOptionsRow>(
    withOptions(
      `${HOSTS_OF_SUBNET} AND ipv4_address IS NOT NULL AND dhcp_identifier > $2
        ORDER BY dhcp_identifier LIMIT $3`,
    ),
    // Every identifier sorts after the empty one: the first page needs no other query.
    [subnetId, macBytes(page.after ?? ''), page.limit],
  );
  return rows.map(toHostRowWithMac);
}

/** The hosts of the subnet among these MACs, in one query. */
export async function findHosts(db: PoolClient, subnetId: number, macs: string[]): Promise<HostRowWithMac[]> {
  const { rows } = await db.query<HostWithOptionsRow>(
    withOptions(`${HOSTS_OF_SUBNET} AND dhcp_identifier = ANY($2::bytea[])`),
    [subnetId, macs.map(macBytes)],
  );
  return rows.map(toHostRowWithMac);
}

/** The lowest address of the range that no host of the subnet holds, or null when it is full. */
export async function lowestFreeAddress(
  db: PoolClient,
  subnetId: number,
  range: Ipv4Range,
): Promise<number | null> {
  const free = await db.query<{ address: string }>(
    `SELECT candidate AS address FROM generate_series($2::bigint, $3::bigint) AS candidate
      WHERE NOT EXISTS (
        SELECT 1 FROM hosts WHERE ipv4_address = candidate AND dhcp4_subnet_id = $1)
      ORDER BY candidate LIMIT 1`,
    [subnetId, range.first, range.last],
  );
  return free.rows[0] ? Number(free.rows[0].address) : null;
}

export async function insertHost(
  db: PoolClient,
  host: { subnetId: number; mac: string; hostname: string; ipv4Address: number },
): Promise<number> {
  const inserted = await db.query<{ host_id: number }>(
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address, hostname)
     VALUES ($1, $2, $3, $4, $5) RETURNING host_id`,
    [macBytes(host.mac), HW_ADDRESS, host.subnetId, host.ipv4Address, host.hostname],
  );
  return inserted.rows[0].host_id;
}

export async function updateHost(
  db: PoolClient,
  hostId: number,
  values: { hostname: string; ipv4Address: number },
): Promise<void> {
  await db.query('UPDATE hosts SET hostname = $2, ipv4_address = $3 WHERE host_id = $1', [
    hostId,
    values.hostname,
    values.ipv4Address,
  ]);
}

/**
 * Replaces the host's options with these codes by one option each carrying `value` as text; Kea
 * parses the text with the option's definition (66 is standard, 160 must be defined in the
 * server's `option-def` as a string).
 */
export async function replaceHostOptions(
  db: PoolClient,
  hostId: number,
  codes: readonly number[],
  value: string,
): Promise<void> {
  await db.query(
    'DELETE FROM dhcp4_options WHERE host_id = $1 AND scope_id = $2 AND space = $3 AND code = ANY($4)',
    [hostId, HOST_SCOPE, OPTION_SPACE, codes],
  );
  for (const code of codes) {
    await db.query(
      `INSERT INTO dhcp4_options (code, formatted_value, space, persistent, host_id, scope_id)
       VALUES ($1, $2, $3, false, $4, $5)`,
      [code, value, OPTION_SPACE, hostId, HOST_SCOPE],
    );
  }
}

/** Deletes the host; its options go with it (ON DELETE CASCADE). True when there was one. */
export async function deleteHost(db: PoolClient, subnetId: number, mac: string): Promise<boolean> {
  const deleted = await db.query(
    'DELETE FROM hosts WHERE dhcp_identifier = $1 AND dhcp_identifier_type = $2 AND dhcp4_subnet_id = $3',
    [macBytes(mac), HW_ADDRESS, subnetId],
  );
  return (deleted.rowCount ?? 0) > 0;
}

/** Kea 2.2 writes schema 13; older ones lack columns and indexes this driver relies on. */
export const MINIMUM_SCHEMA_VERSION = 13;

export async function schemaVersion(db: PoolClient): Promise<number> {
  const version = await db.query<{ version: number }>('SELECT version FROM schema_version');
  return version.rows[0]?.version ?? 0;
}
