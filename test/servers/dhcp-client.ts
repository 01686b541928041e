import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, startProcess, waitFor } from './kea-process';

// A real DHCP exchange: ISC dhclient (Debian package isc-dhcp-client) runs in its own network
// namespace, wired by a veth pair to the interface kea-dhcp4 listens on. By default that server end
// lives in a second namespace, so the root namespace gets no address or route and parallel runs
// cannot collide; `serverSide: 'root'` puts it in the root namespace instead.
// dhclient rather than busybox udhcpc: udhcpc replaces an option 66 value that is not a plain host
// name (a URL) with "bad", and we need the exact bytes a phone would receive.

const NETNS_PREFIX = 'sbdhcp';

export interface DhcpLab {
  /**
   * Namespace holding the server end (`serverInterface`, with `serverAddress`): run kea-dhcp4 here
   * (`startKea({ netns })`). Undefined when the server end is in the root namespace.
   */
  serverNetns: string | undefined;
  serverInterface: string;
  serverAddress: string;
  prefixLength: number;
  /** Namespace holding the client end; its MAC is set per exchange. */
  clientNetns: string;
  clientInterface: string;
  /** Deletes the namespaces (and with them the veth pair). Safe to call twice. */
  destroy(): Promise<void>;
}

export interface DhcpLease {
  address: string;
  subnetMask?: string;
  serverIdentifier?: string;
  /** Option 12 as received (Kea sends reserved host names in lower case). */
  hostname?: string;
  leaseSeconds?: number;
  /** Option 66 (tftp-server-name / boot server) and option 160 (Polycom provisioning URL). */
  options: { 66?: string; 160?: string };
  /** Everything dhclient passed to its script, for debugging. */
  environment: Record<string, string>;
}

async function namespaceNames(): Promise<string[]> {
  const { stdout } = await runCommand('ip', ['netns', 'list']);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.length > 0);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but is not ours: leave its namespaces alone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function deleteNamespace(name: string): Promise<void> {
  try {
    await runCommand('ip', ['netns', 'del', name]);
  } catch (error) {
    if (!(await namespaceNames()).includes(name)) return;
    throw error;
  }
}

/** Removes namespaces left by runs whose process died before its afterAll. */
export async function sweepStaleDhcpLabs(): Promise<string[]> {
  const stale = (await namespaceNames()).filter((name) => {
    const match = new RegExp(`^${NETNS_PREFIX}-(\\d+)-`).exec(name);
    return match !== null && !processIsAlive(Number(match[1]));
  });
  for (const name of stale) await deleteNamespace(name);
  return stale;
}

export interface DhcpLabOptions {
  serverAddress?: string;
  prefixLength?: number;
  /**
   * 'namespace' (default): the server end lives in a namespace of its own, so the root namespace
   * gets no address or route. 'root': the server end lives in the root namespace, so the client can
   * also reach servers bound there (e.g. a provisioning HTTP server on 0.0.0.0); give every such lab
   * its own subnet, or parallel runs would install the same route twice.
   */
  serverSide?: 'namespace' | 'root';
}

/**
 * Creates a client namespace joined by a veth pair to the server end, which gets
 * `serverAddress/prefixLength`. Needs root (CAP_NET_ADMIN) and iproute2.
 */
export async function createDhcpLab(options: DhcpLabOptions = {}): Promise<DhcpLab> {
  await sweepStaleDhcpLabs();
  const id = randomBytes(3).toString('hex');
  const base = `${NETNS_PREFIX}-${process.pid}-${id}`;
  const serverAddress = options.serverAddress ?? '10.99.0.1';
  const prefixLength = options.prefixLength ?? 24;
  const serverNetns = options.serverSide === 'root' ? undefined : `${base}-srv`;
  // `ip -n <ns>` for the server end, nothing for the root namespace.
  const onServer = serverNetns === undefined ? [] : ['-n', serverNetns];
  const lab: DhcpLab = {
    serverNetns,
    clientNetns: `${base}-cli`,
    // Interface names are limited to 15 characters; these are unique anyway.
    serverInterface: `sbs-${id}`,
    clientInterface: `sbc-${id}`,
    serverAddress,
    prefixLength,
    destroy: async () => {
      // Deleting the client namespace destroys the veth pair, including a root-side end.
      await deleteNamespace(lab.clientNetns);
      if (serverNetns !== undefined) await deleteNamespace(serverNetns);
    },
  };
  try {
    if (serverNetns !== undefined) await runCommand('ip', ['netns', 'add', serverNetns]);
    await runCommand('ip', ['netns', 'add', lab.clientNetns]);
    // Each end is created directly where it lives: no window with both ends in the root namespace.
    await runCommand('ip', [
      'link', 'add', lab.serverInterface, ...(serverNetns === undefined ? [] : ['netns', serverNetns]),
      'type', 'veth', 'peer', 'name', lab.clientInterface, 'netns', lab.clientNetns,
    ]); // prettier-ignore
    await runCommand('ip', [
      ...onServer, 'addr', 'add', `${serverAddress}/${prefixLength}`, 'dev', lab.serverInterface,
    ]); // prettier-ignore
    await runCommand('ip', [...onServer, 'link', 'set', lab.serverInterface, 'up']);
    await runCommand('ip', ['-n', lab.clientNetns, 'link', 'set', lab.clientInterface, 'up']);
  } catch (error) {
    await lab.destroy().catch(() => undefined);
    throw error;
  }
  return lab;
}

// One client interface per lab: exchanges on the same lab take turns.
const labQueues = new WeakMap<DhcpLab, Promise<unknown>>();

function parseEnvironment(text: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) environment[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return environment;
}

function toLease(environment: Record<string, string>): DhcpLease {
  const lease: DhcpLease = { address: environment.new_ip_address, options: {}, environment };
  if (environment.new_subnet_mask) lease.subnetMask = environment.new_subnet_mask;
  if (environment.new_dhcp_server_identifier) lease.serverIdentifier = environment.new_dhcp_server_identifier;
  if (environment.new_host_name) lease.hostname = environment.new_host_name;
  if (environment.new_dhcp_lease_time) lease.leaseSeconds = Number(environment.new_dhcp_lease_time);
  if (environment.new_tftp_server_name !== undefined) lease.options[66] = environment.new_tftp_server_name;
  if (environment.new_polycom_provisioning_url !== undefined) {
    lease.options[160] = environment.new_polycom_provisioning_url;
  }
  return lease;
}

async function exchangeOnce(lab: DhcpLab, mac: string, timeoutMs: number): Promise<DhcpLease | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-dhclient-'));
  const timeoutSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  // Like a Polycom phone, the client asks for 66 and 160 in its parameter request list.
  await writeFile(
    join(dir, 'dhclient.conf'),
    [
      'option polycom-provisioning-url code 160 = text;',
      `timeout ${timeoutSeconds};`,
      'initial-interval 1;',
      'request subnet-mask, host-name, dhcp-lease-time, dhcp-server-identifier, tftp-server-name, polycom-provisioning-url;',
      '',
    ].join('\n'),
  );
  // The script only records what dhclient learnt; it never configures the interface.
  const script = join(dir, 'record.sh');
  await writeFile(
    script,
    `#!/bin/sh\ncase "$reason" in BOUND|REBOOT|RENEW) env > "${dir}/lease.tmp" && mv "${dir}/lease.tmp" "${dir}/lease.env";; esac\n`,
  );
  await chmod(script, 0o755);
  const client = startProcess('dhclient', 'ip', [
    'netns', 'exec', lab.clientNetns,
    'dhclient', '-d', '-1', '-v',
    '-cf', join(dir, 'dhclient.conf'), '-lf', join(dir, 'dhclient.leases'), '-pf', join(dir, 'dhclient.pid'),
    '-sf', script, lab.clientInterface,
  ]); // prettier-ignore
  try {
    const leaseFile = join(dir, 'lease.env');
    const outcome = await waitFor(
      async () => {
        try {
          return { env: await readFile(leaseFile, 'utf8') };
        } catch {
          // `-1`: dhclient exits by itself (status 2) when no lease came within `timeout`.
          return client.exitStatus() ? { env: undefined } : undefined;
        }
      },
      { timeoutMs: timeoutMs + 5000, intervalMs: 50, description: `a DHCP lease for ${mac}` },
    );
    if (outcome.env !== undefined) return toLease(parseEnvironment(outcome.env));
    // Status 2 is dhclient's "no lease"; anything else (not installed, bad config) is a harness error.
    const status = client.exitStatus();
    if (status?.code !== 2)
      throw new Error(`dhclient exited with code ${status?.code} signal ${status?.signal}`);
    return undefined;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- dhclient\n${client.output()}`);
  } finally {
    await client.stop(2000);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one DISCOVER/OFFER/REQUEST/ACK exchange from the client namespace with the given MAC.
 * Resolves to undefined when no server answered within `timeoutMs`.
 */
export async function dhcpExchange(options: {
  lab: DhcpLab;
  mac: string;
  timeoutMs?: number;
}): Promise<DhcpLease | undefined> {
  const { lab, mac } = options;
  const run = async (): Promise<DhcpLease | undefined> => {
    const link = ['-n', lab.clientNetns, 'link', 'set', 'dev', lab.clientInterface];
    await runCommand('ip', [...link, 'down']);
    await runCommand('ip', [...link, 'address', mac]);
    await runCommand('ip', [...link, 'up']);
    return exchangeOnce(lab, mac, options.timeoutMs ?? 10_000);
  };
  const previous = labQueues.get(lab) ?? Promise.resolve();
  const next = previous.then(run, run);
  labQueues.set(
    lab,
    next.catch(() => undefined),
  );
  return next;
}
