import { Client } from 'pg';
import { loadConfig } from '../libs/config/app-config';
import { formatIpv4Range, ipv4ToNumber, type Ipv4Range } from '../libs/systems/dhcp/ipv4';
import { KeaDhcpDriver } from '../libs/systems/dhcp/kea-dhcp.driver';
import { formatMacAddress } from '../libs/domain/mac-address';
import { createDhcpLab, dhcpExchange, type DhcpLab } from '../test/servers/dhcp-client';
import { keaApplyConfig, keaConfigGet, startKea, type KeaHandle } from '../test/servers/kea';
import { createKeaHostsDatabase } from '../test/servers/kea-hosts-database';
import { agentPreload, agentRelease, agentReserve, type AgentTarget } from './kea-control-agent-prototype';

// Measures the two ways Switchboard can keep Kea 2.2's host reservations: the control agent
// (config-get/test/set/write of the whole config) and the PostgreSQL host backend (rows).
//   node bench/run.js bench/dhcp-backends.ts [--sizes 1,1000,10000] [--ops 5] [--no-exchange]
// Needs kea-dhcp4, kea-ctrl-agent, kea-admin, PostgreSQL (TEST_POSTGRES_ADMIN_URL) and, for the
// DHCP exchange, root (network namespaces) and dhclient. Results go to stdout as Markdown.

const SUBNET = '10.96.0.0/16';
const POOL = '10.96.250.0 - 10.96.250.255';
const RANGE: Ipv4Range = { first: ipv4ToNumber('10.96.0.10'), last: ipv4ToNumber('10.96.249.255') };
const BOOT_URL = 'http://10.96.255.254:8080/provisioning/';

interface Args {
  sizes: number[];
  ops: number;
  exchange: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  return {
    sizes: (value('--sizes') ?? '1,1000,10000').split(',').map(Number),
    ops: Number(value('--ops') ?? 5),
    exchange: !argv.includes('--no-exchange') && process.getuid?.() === 0,
  };
}

const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
const note = (line: string): boolean => process.stderr.write(`${line}\n`);

interface Row {
  backend: string;
  size: number;
  reserve: number[];
  release: number[];
  exchange: string;
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return `${median.toFixed(1)} / ${mean.toFixed(1)}`;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

function benchMac(size: number, i: number): string {
  return `0c${size.toString(16).padStart(6, '0')}${i.toString(16).padStart(4, '0')}`;
}

/** Reserves, then (optionally) asks for a lease at once; "yes" when it got the reserved address. */
async function exchangeCheck(lab: DhcpLab | undefined, mac: string, expected: string): Promise<string> {
  if (!lab) return 'not run';
  const [ms, lease] = await timed(() => dhcpExchange({ lab, mac: formatMacAddress(mac, 'colon') }));
  const ok = lease?.address === expected && lease.options[66] === BOOT_URL && lease.options[160] === BOOT_URL;
  return ok ? `yes (lease in ${ms.toFixed(0)} ms)` : `no (got ${lease?.address ?? 'no lease'})`;
}

async function benchAgent(args: Args, lab: DhcpLab | undefined): Promise<{ rows: Row[]; race: string }> {
  const kea = await startKea({
    subnet: { subnet: SUBNET, pools: [POOL], reservedRange: { first: '10.96.0.10', last: '10.96.249.255' } },
    interfaces: lab ? [lab.serverInterface] : [],
    netns: lab?.serverNetns,
    logSeverity: 'WARN',
  });
  const target: AgentTarget = { controlUrl: kea.controlUrl, subnetId: kea.subnetId, reservedRange: RANGE };
  const rows: Row[] = [];
  try {
    for (const size of args.sizes) {
      await preloadAgent(kea, target, size);
      const row: Row = { backend: 'control agent', size, reserve: [], release: [], exchange: '' };
      for (let i = 0; i < args.ops; i += 1) {
        const mac = benchMac(size, i);
        const [ms, done] = await timed(() =>
          agentReserve(target, { mac, hostname: `TELEPHONE-${i}`, bootUrl: BOOT_URL }),
        );
        row.reserve.push(ms);
        if (i === 0) row.exchange = await exchangeCheck(lab, mac, done.ipAddress);
      }
      for (let i = 0; i < args.ops; i += 1)
        row.release.push((await timed(() => agentRelease(target, benchMac(size, i))))[0]);
      rows.push(row);
      note(`agent ${size}: ${stats(row.reserve)} / ${stats(row.release)}`);
    }
    // Without serialisation: 20 writers at once, each config-get then config-set.
    await preloadAgent(kea, target, 0);
    const macs = Array.from({ length: 20 }, (_, i) => benchMac(0xfff, i));
    const outcomes = await Promise.allSettled(
      macs.map((mac, i) => agentReserve(target, { mac, hostname: `TELEPHONE-${i}`, bootUrl: BOOT_URL })),
    );
    const present = (await keaConfigGet(kea.controlUrl)).subnet4?.[0].reservations?.length ?? 0;
    const failed = outcomes.filter((o) => o.status === 'rejected').length;
    const race = `20 concurrent unserialised reserves: ${20 - failed} reported success, ${present} present in Kea afterwards (${20 - failed - present} lost)`;
    return { rows, race };
  } finally {
    await kea.stop();
  }
}

async function preloadAgent(kea: KeaHandle, target: AgentTarget, size: number): Promise<void> {
  const dhcp4 = await keaConfigGet(kea.controlUrl);
  const subnet = dhcp4.subnet4?.find((s) => s.id === kea.subnetId);
  if (!subnet) throw new Error('subnet missing');
  subnet.reservations = agentPreload(target, size, BOOT_URL);
  await keaApplyConfig(kea.controlUrl, dhcp4);
}

async function benchPostgres(args: Args, lab: DhcpLab | undefined): Promise<{ rows: Row[]; race: string }> {
  const database = await createKeaHostsDatabase();
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  let kea: KeaHandle | undefined;
  const config = loadConfig({
    DHCP_DRIVER: 'kea',
    KEA_DATABASE_URL: database.url,
    KEA_SUBNET_ID: '1',
    KEA_RESERVED_RANGE: formatIpv4Range(RANGE),
  }).kea;
  if (!config) throw new Error('no kea config');
  const drivers = Array.from({ length: 4 }, () => new KeaDhcpDriver(config));
  const driver = drivers[0];
  const rows: Row[] = [];
  try {
    kea = await startKea({
      subnet: {
        subnet: SUBNET,
        pools: [POOL],
        reservedRange: { first: '10.96.0.10', last: '10.96.249.255' },
      },
      interfaces: lab ? [lab.serverInterface] : [],
      netns: lab?.serverNetns,
      hostsDatabase: database.kea,
      logSeverity: 'WARN',
    });
    for (const size of args.sizes) {
      await preloadRows(sql, size);
      const row: Row = { backend: 'PostgreSQL host backend', size, reserve: [], release: [], exchange: '' };
      for (let i = 0; i < args.ops; i += 1) {
        const mac = benchMac(size, i);
        const [ms, done] = await timed(() =>
          driver.reserveHost({ mac, hostname: `TELEPHONE-${i}`, bootUrl: BOOT_URL }),
        );
        row.reserve.push(ms);
        if (i === 0) row.exchange = await exchangeCheck(lab, mac, done.reservation.ipAddress);
      }
      for (let i = 0; i < args.ops; i += 1)
        row.release.push((await timed(() => driver.releaseHost(benchMac(size, i))))[0]);
      rows.push(row);
      note(`pgsql ${size}: ${stats(row.reserve)} / ${stats(row.release)}`);
    }
    await preloadRows(sql, 0);
    const macs = Array.from({ length: 20 }, (_, i) => benchMac(0xfff, i));
    const results = await Promise.all(
      macs.map((mac, i) =>
        drivers[i % 4].reserveHost({ mac, hostname: `TELEPHONE-${i}`, bootUrl: BOOT_URL }),
      ),
    );
    const present = await sql.query<{ n: string; addresses: string }>(
      'SELECT count(*) AS n, count(DISTINCT ipv4_address) AS addresses FROM hosts',
    );
    const distinct = new Set(results.map((r) => r.reservation.ipAddress)).size;
    const race = `20 concurrent reserves from 4 pools: 20 reported success, ${present.rows[0].n} rows, ${present.rows[0].addresses} distinct addresses (${distinct} distinct in the answers)`;
    return { rows, race };
  } finally {
    for (const d of drivers) await d.onApplicationShutdown();
    await kea?.stop();
    await sql.end();
    await database.drop();
  }
}

/** `size` hosts with options 66 and 160, from the bottom of the range as a filled site would have. */
async function preloadRows(sql: Client, size: number): Promise<void> {
  await sql.query('DELETE FROM hosts');
  await sql.query(
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address, hostname)
     SELECT decode('0b' || lpad(to_hex(i), 10, '0'), 'hex'), 0, 1, $1::bigint + i, 'PRELOAD-' || i
       FROM generate_series(0, $2::int - 1) AS i`,
    [RANGE.first, size],
  );
  await sql.query(
    `INSERT INTO dhcp4_options (code, formatted_value, space, persistent, host_id, scope_id)
     SELECT c, $1, 'dhcp4', false, host_id, 3 FROM hosts, unnest(ARRAY[66, 160]) AS c`,
    [BOOT_URL],
  );
  await sql.query('ANALYZE hosts');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const lab = args.exchange
    ? await createDhcpLab({ serverAddress: '10.96.255.254', prefixLength: 16 })
    : undefined;
  try {
    const agent = await benchAgent(args, lab);
    const pgsql = await benchPostgres(args, lab);
    out(
      `Kea DHCP backends, ${new Date().toISOString()}, ${args.ops} reserves then ${args.ops} releases per size`,
    );
    out();
    out(
      '| backend | existing reservations | reserve ms (median / mean) | release ms (median / mean) | next DHCP exchange gets it |',
    );
    out('| --- | --- | --- | --- | --- |');
    for (const row of [...agent.rows, ...pgsql.rows]) {
      out(
        `| ${row.backend} | ${row.size} | ${stats(row.reserve)} | ${stats(row.release)} | ${row.exchange} |`,
      );
    }
    out();
    out(`- control agent: ${agent.race}`);
    out(`- PostgreSQL: ${pgsql.race}`);
  } finally {
    await lab?.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    note(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
