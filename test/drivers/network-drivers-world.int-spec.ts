import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { KeaDhcpDriver } from '../../libs/systems/dhcp/kea-dhcp.driver';
import { LandbNetworkDatabaseDriver } from '../../libs/systems/network/landb-network-database.driver';
import type { NetworkDevice } from '../../libs/systems/network/network-database.port';
import { officeLocation } from '../../libs/systems/network/office-location';
import { createDhcpLab, dhcpExchange, type DhcpLab } from '../servers/dhcp-client';
import { startKea, type KeaHandle } from '../servers/kea';
import { createKeaHostsDatabase, type KeaHostsDatabase } from '../servers/kea-hosts-database';
import { delay, startLandbSoap, type LandbHandle } from '../servers/landb-soap';
import { keaEnv, landbEnv } from '../support/network-drivers';
import { World } from '../support/world';
import { createNetworkProbeActivities } from './fixtures/network-probe.activities';
import type { NetworkProbeInput } from './fixtures/network-probe.workflow';

// The real network drivers inside a World (DHCP_DRIVER=kea, NETWORK_DRIVER=landb): the worker's Nest
// context builds them from configuration, and a test-only workflow calls them as activities through
// runStep on the real Temporal server, with the world's retry policy.

const BOOT_URL = 'http://10.99.0.1:8080/provisioning/';
const PHONE: NetworkDevice = {
  name: 'TELEPHONE-65001',
  location: officeLocation('31/S-021'),
  manufacturer: 'POLYCOM',
  model: 'VVX 450',
  responsible: 'ada',
  user: 'ada',
  mac: '0004f2abcdef',
};

describe('network drivers in a World (kea + landb) through Temporal activities', () => {
  let database: KeaHostsDatabase | undefined;
  let lab: DhcpLab | undefined;
  let kea: KeaHandle | undefined;
  let landb: LandbHandle | undefined;
  let world: World | undefined;
  let connection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let sql: PgClient;
  const taskQueue = `network-probe-${randomUUID()}`;

  beforeAll(async () => {
    database = await createKeaHostsDatabase();
    lab = await createDhcpLab({ serverAddress: '10.99.0.1' });
    kea = await startKea({
      subnet: { subnet: '10.99.0.0/24' },
      interfaces: [lab.serverInterface],
      netns: lab.serverNetns,
      hostsDatabase: database.kea,
    });
    landb = await startLandbSoap();
    sql = new PgClient({ connectionString: database.url });
    await sql.connect();
    world = await World.start({
      ...keaEnv(database, kea),
      ...landbEnv(landb, { LANDB_TIMEOUT_MS: '1000' }),
      // Retries slow enough that a LanDB call which timed out has landed before the next attempt.
      RETRY_INITIAL_INTERVAL_MS: '1000',
      RETRY_MAX_INTERVAL_MS: '2000',
    });
    connection = await NativeConnection.connect({ address: world.config.temporal.address });
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/network-probe.workflow'),
      logger: new DefaultLogger('WARN'),
    });
    worker = await Worker.create({
      connection,
      namespace: world.config.temporal.namespace,
      taskQueue,
      workflowBundle: bundle,
      activities: createNetworkProbeActivities(world.deps),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await world?.stop();
    await sql?.end();
    await landb?.stop();
    await kea?.stop();
    await lab?.destroy();
    await database?.drop();
  });

  function setup(): { world: World; landb: LandbHandle; lab: DhcpLab } {
    if (!world || !landb || !lab) throw new Error('the world or its servers did not start');
    return { world, landb, lab };
  }

  function run(workflow: 'registerOnNetwork' | 'unregisterFromNetwork', device = PHONE): Promise<unknown> {
    const { world } = setup();
    const input: NetworkProbeInput = { settings: world.config.workflow, device, bootUrl: BOOT_URL };
    return world.client.workflow.execute(workflow, {
      taskQueue,
      workflowId: `${workflow}-${randomUUID()}`,
      args: [input],
    });
  }

  it('builds the Kea and LanDB drivers from configuration in the worker context', () => {
    const { world } = setup();
    expect(world.deps.dhcp).toBeInstanceOf(KeaDhcpDriver);
    expect(world.deps.network).toBeInstanceOf(LandbNetworkDatabaseDriver);
  });

  it('registers the device and the reservation, retrying LanDB faults, and the phone gets its lease', async () => {
    const { landb, lab } = setup();
    landb.failNext('deviceInsert', 'fault');
    landb.failNext('deviceAddCard', delay(1500));
    const result = await run('registerOnNetwork');
    expect(result).toEqual({
      // Attempt 1: transient fault; 2: the card call timed out (LANDB_TIMEOUT_MS 1 s) and landed
      // late; 3: the device is there with this card.
      network: { value: undefined, attempt: 3, note: 'already in place' },
      dhcp: {
        value: { mac: PHONE.mac, hostname: 'TELEPHONE-65001', ipAddress: '10.99.0.10', bootUrl: BOOT_URL },
        attempt: 1,
      },
    });
    expect(landb.devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toEqual([
      { HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' },
    ]);
    const hosts = await sql.query<{ hostname: string }>('SELECT hostname FROM hosts');
    expect(hosts.rows).toEqual([{ hostname: 'TELEPHONE-65001' }]);

    const lease = await dhcpExchange({ lab, mac: '00:04:f2:ab:cd:ef' });
    expect(lease?.address).toBe('10.99.0.10');
    expect(lease?.options).toEqual({ 66: BOOT_URL, 160: BOOT_URL });
  });

  it('fails without retrying when LanDB rejects the MAC (a permanent rejection)', async () => {
    const { landb } = setup();
    const clash = { ...PHONE, name: 'TELEPHONE-65002' };
    const failure = await run('registerOnNetwork', clash).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause?.cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'SystemRejected', nonRetryable: true });
    expect((cause as ApplicationFailure).message).toMatch(
      /already registered in LanDB on device TELEPHONE-65001/,
    );
    expect(landb.devices.has('TELEPHONE-65002')).toBe(false);
    // One attempt only: the activity failed as non-retryable.
    expect(landb.calls.filter((c) => c.operation === 'deviceInsert').map((c) => c.outcome)).toEqual([
      'fault',
      'ok',
      'fault',
      'ok',
    ]);
  });

  it('unregisters both, and a second unregistration finds nothing to do', async () => {
    const { landb } = setup();
    expect(await run('unregisterFromNetwork')).toEqual({
      dhcp: { value: undefined, attempt: 1 },
      network: { value: undefined, attempt: 1 },
    });
    expect(landb.devices.has('TELEPHONE-65001')).toBe(false);
    expect((await sql.query('SELECT 1 FROM hosts')).rowCount).toBe(0);
    expect(await run('unregisterFromNetwork')).toEqual({
      dhcp: { value: undefined, attempt: 1, note: 'already in place' },
      network: { value: undefined, attempt: 1, note: 'already in place' },
    });
  });
});
