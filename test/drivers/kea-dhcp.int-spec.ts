import { Client } from 'pg';
import { ipv4ToNumber } from '../../libs/systems/dhcp/ipv4';
import { KeaDhcpDriver } from '../../libs/systems/dhcp/kea-dhcp.driver';
import { isSystemError, type SystemError } from '../../libs/systems/system-error';
import { createDhcpLab, dhcpExchange, type DhcpLab } from '../servers/dhcp-client';
import { startKea, type KeaHandle } from '../servers/kea';
import { createKeaHostsDatabase, type KeaHostsDatabase } from '../servers/kea-hosts-database';
import { keaConfigFrom, keaEnv } from '../support/network-drivers';

const BOOT_URL = 'http://10.99.0.1:8080/provisioning/';
const OTHER_URL = 'https://prov.switchboard.test/polycom/';

async function systemErrorOf(promise: Promise<unknown>): Promise<SystemError> {
  try {
    await promise;
  } catch (error) {
    if (isSystemError(error)) return error;
    throw error;
  }
  throw new Error('expected a SystemError, the call succeeded');
}

function lastOctet(address: string | undefined): number {
  return Number((address ?? '').split('.')[3]);
}

describe('Kea DHCP driver (PostgreSQL host backend) against kea-dhcp4', () => {
  let database: KeaHostsDatabase | undefined;
  let lab: DhcpLab | undefined;
  let kea: KeaHandle | undefined;
  let sql: Client;
  let driver: KeaDhcpDriver;
  const extraDrivers: KeaDhcpDriver[] = [];

  beforeAll(async () => {
    database = await createKeaHostsDatabase();
    lab = await createDhcpLab({ serverAddress: '10.99.0.1' });
    kea = await startKea({
      subnet: { subnet: '10.99.0.0/24' },
      interfaces: [lab.serverInterface],
      netns: lab.serverNetns,
      hostsDatabase: database.kea,
    });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    driver = newDriver();
  });

  afterAll(async () => {
    for (const d of [driver, ...extraDrivers]) await d?.onApplicationShutdown();
    await sql?.end();
    await kea?.stop();
    await lab?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await sql.query('DELETE FROM hosts');
  });

  function setup(): { lab: DhcpLab; kea: KeaHandle; database: KeaHostsDatabase } {
    if (!lab || !kea || !database) throw new Error('the lab, Kea or its database did not start');
    return { lab, kea, database };
  }

  function newDriver(extra: Record<string, string> = {}): KeaDhcpDriver {
    const { kea, database } = setup();
    return new KeaDhcpDriver(keaConfigFrom(keaEnv(database, kea, extra)));
  }

  async function hostRows(): Promise<{ mac: string; address: string; hostname: string }[]> {
    const rows = await sql.query<{ mac: string; address: string; hostname: string }>(
      `SELECT encode(dhcp_identifier, 'hex') AS mac, ipv4_address::text AS address, hostname
         FROM hosts WHERE dhcp4_subnet_id = 1 ORDER BY ipv4_address`,
    );
    return rows.rows;
  }

  async function optionRows(mac: string): Promise<{ code: number; value: string; space: string }[]> {
    const rows = await sql.query<{ code: number; value: string; space: string }>(
      `SELECT o.code, o.formatted_value AS value, o.space FROM dhcp4_options o JOIN hosts h USING (host_id)
        WHERE h.dhcp_identifier = decode($1, 'hex') AND o.scope_id = 3 ORDER BY o.code`,
      [mac],
    );
    return rows.rows;
  }

  it('reserves the first address of the range with options 66 and 160, as rows Kea reads', async () => {
    const { reservation, result } = await driver.reserveHost({
      mac: '0004f2000001',
      hostname: 'TELEPHONE-65001',
      bootUrl: BOOT_URL,
    });
    expect(result).toBe('applied');
    expect(reservation).toEqual({
      mac: '0004f2000001',
      hostname: 'TELEPHONE-65001',
      ipAddress: '10.99.0.10',
      bootUrl: BOOT_URL,
    });
    expect(await hostRows()).toEqual([
      { mac: '0004f2000001', address: String(ipv4ToNumber('10.99.0.10')), hostname: 'TELEPHONE-65001' },
    ]);
    expect(await optionRows('0004f2000001')).toEqual([
      { code: 66, value: BOOT_URL, space: 'dhcp4' },
      { code: 160, value: BOOT_URL, space: 'dhcp4' },
    ]);
    expect(await driver.findReservation('0004f2000001')).toEqual(reservation);
  });

  it('is idempotent: the same reservation twice is unchanged, a new hostname or URL updates it in place', async () => {
    const request = { mac: '0004f2000002', hostname: 'TELEPHONE-65002', bootUrl: BOOT_URL };
    const first = await driver.reserveHost(request);
    const again = await driver.reserveHost(request);
    expect(again).toEqual({ reservation: first.reservation, result: 'unchanged' });

    const moved = await driver.reserveHost({ ...request, hostname: 'TELEPHONE-65003', bootUrl: OTHER_URL });
    expect(moved.result).toBe('applied');
    expect(moved.reservation.ipAddress).toBe(first.reservation.ipAddress);
    expect(await hostRows()).toEqual([expect.objectContaining({ hostname: 'TELEPHONE-65003' })]);
    expect((await optionRows('0004f2000002')).map((o) => o.value)).toEqual([OTHER_URL, OTHER_URL]);
  });

  it('accepts MACs with separators and gives each new MAC the lowest free address', async () => {
    const a = await driver.reserveHost({
      mac: '00:04:F2:00:00:0A',
      hostname: 'TELEPHONE-65010',
      bootUrl: BOOT_URL,
    });
    const b = await driver.reserveHost({
      mac: '0004f200000b',
      hostname: 'TELEPHONE-65011',
      bootUrl: BOOT_URL,
    });
    expect([a.reservation.ipAddress, b.reservation.ipAddress]).toEqual(['10.99.0.10', '10.99.0.11']);
    expect(a.reservation.mac).toBe('0004f200000a');
    expect(await driver.releaseHost('0004f200000a')).toBe('applied');
    const c = await driver.reserveHost({
      mac: '0004f200000c',
      hostname: 'TELEPHONE-65012',
      bootUrl: BOOT_URL,
    });
    expect(c.reservation.ipAddress).toBe('10.99.0.10');
  });

  it('releases a reservation with its options; releasing it again is unchanged', async () => {
    await driver.reserveHost({ mac: '0004f2000020', hostname: 'TELEPHONE-65020', bootUrl: BOOT_URL });
    expect(await driver.releaseHost('0004f2000020')).toBe('applied');
    expect(await driver.releaseHost('0004f2000020')).toBe('unchanged');
    expect(await driver.findReservation('0004f2000020')).toBeNull();
    expect(await hostRows()).toEqual([]);
    const orphans = await sql.query('SELECT 1 FROM dhcp4_options WHERE scope_id = 3');
    expect(orphans.rowCount).toBe(0);
  });

  it('refuses a reservation when the reserved range is full, and a malformed MAC, as permanent', async () => {
    const small = newDriver({ KEA_RESERVED_RANGE: '10.99.0.10-10.99.0.11' });
    extraDrivers.push(small);
    await small.reserveHost({ mac: '0004f2000030', hostname: 'TELEPHONE-65030', bootUrl: BOOT_URL });
    await small.reserveHost({ mac: '0004f2000031', hostname: 'TELEPHONE-65031', bootUrl: BOOT_URL });
    const full = await systemErrorOf(
      small.reserveHost({ mac: '0004f2000032', hostname: 'TELEPHONE-65032', bootUrl: BOOT_URL }),
    );
    expect(full.transient).toBe(false);
    expect(full.message).toMatch(/reserved range 10\.99\.0\.10-10\.99\.0\.11 of Kea subnet 1 is full/);
    expect(await hostRows()).toHaveLength(2);

    const bad = await systemErrorOf(small.releaseHost('00:04:f2'));
    expect(bad.transient).toBe(false);
  });

  it('classifies a value the database refuses as permanent and leaves nothing behind', async () => {
    const error = await systemErrorOf(
      driver.reserveHost({
        mac: '0004f2000040',
        hostname: `TELEPHONE-${'9'.repeat(300)}`,
        bootUrl: BOOT_URL,
      }),
    );
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/SQLSTATE 22001/);
    expect(await hostRows()).toEqual([]);
  });

  it('classifies a database that refuses connections, or a writer stuck behind a lock, as transient', async () => {
    const down = newDriver({ KEA_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/kea' });
    extraDrivers.push(down);
    const refused = await systemErrorOf(
      down.reserveHost({ mac: '0004f2000050', hostname: 'TELEPHONE-65050', bootUrl: BOOT_URL }),
    );
    expect(refused.transient).toBe(true);
    expect(refused.message).toMatch(/ECONNREFUSED|connect/);

    const slow = newDriver({ KEA_TIMEOUT_MS: '500' });
    extraDrivers.push(slow);
    // Another writer holds the subnet's lock (same keys as the driver's) in an open transaction.
    const holder = new Client({ connectionString: setup().database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [0x5b0a4d, 1]);
      const stuck = await systemErrorOf(
        slow.reserveHost({ mac: '0004f2000051', hostname: 'TELEPHONE-65051', bootUrl: BOOT_URL }),
      );
      expect(stuck.transient).toBe(true);
      expect(stuck.message).toMatch(/timeout/i);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await hostRows()).toEqual([]);
    // The same driver works once the lock is free.
    const later = await slow.reserveHost({
      mac: '0004f2000051',
      hostname: 'TELEPHONE-65051',
      bootUrl: BOOT_URL,
    });
    expect(later.result).toBe('applied');
  });

  it('never hands out one address twice to 20 concurrent reservations from 4 workers', async () => {
    // The schema does not keep addresses unique (since schema 6.2): only the driver's lock does.
    await sql.query(
      `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address)
       VALUES (decode('0004f20000f1', 'hex'), 0, 1, 1), (decode('0004f20000f2', 'hex'), 0, 1, 1)`,
    );
    await sql.query('DELETE FROM hosts');

    const workers = [driver, newDriver(), newDriver(), newDriver()];
    extraDrivers.push(...workers.slice(1));
    const macs = Array.from({ length: 20 }, (_, i) => `0004f2001${i.toString(16).padStart(3, '0')}`);
    const results = await Promise.all(
      macs.map((mac, i) =>
        workers[i % workers.length].reserveHost({
          mac,
          hostname: `TELEPHONE-${65100 + i}`,
          bootUrl: BOOT_URL,
        }),
      ),
    );
    const addresses = results.map((r) => r.reservation.ipAddress);
    expect(new Set(addresses).size).toBe(20);
    expect(addresses.map(lastOctet).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => 10 + i),
    );
    const rows = await hostRows();
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.address)).size).toBe(20);
  });

  it('serves a real DHCP exchange the reserved address and boot options at once, and a pool address after release', async () => {
    const { lab, kea } = setup();
    const mac = '0004f2123456';
    await driver.reserveHost({ mac, hostname: 'TELEPHONE-65001', bootUrl: BOOT_URL });
    const lease = await dhcpExchange({ lab, mac: '00:04:f2:12:34:56' });
    if (!lease) throw new Error(`no lease for the reserved MAC\n${kea.logs()}`);
    expect(lease.address).toBe('10.99.0.10');
    expect(lease.hostname).toBe('telephone-65001');
    expect(lease.options).toEqual({ 66: BOOT_URL, 160: BOOT_URL });

    await driver.releaseHost(mac);
    const after = await dhcpExchange({ lab, mac: '00:04:f2:12:34:56' });
    expect(lastOctet(after?.address)).toBeGreaterThanOrEqual(100);
    expect(lastOctet(after?.address)).toBeLessThanOrEqual(199);
    expect(after?.options).toEqual({});
  });
});
