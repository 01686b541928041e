import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { startProcess, waitFor, type ManagedProcess } from './kea-process';

// A real Kea 2.2 DHCPv4 server plus its control agent, each started from a config written into a
// fresh temp dir. Debian's Kea 2.2 has no host_cmds hook, so reservations are edited the way the
// production driver does it: config-get -> edit subnet4[].reservations -> config-test -> config-set
// -> config-write.

/** Option 66 is standard in Kea ("tftp-server-name", a string); Polycom phones accept a URL in it. */
export const OPTION_BOOT_SERVER = { name: 'tftp-server-name', code: 66, space: 'dhcp4' } as const;

/**
 * Option 160 is not defined by Kea 2.2, so the harness defines it (a string). Production configs may
 * name it differently: match on code + space, not on the name.
 */
export const OPTION_POLYCOM_PROVISIONING = {
  name: 'polycom-provisioning-url',
  code: 160,
  space: 'dhcp4',
} as const;

export interface KeaOptionData {
  name?: string;
  code?: number;
  space?: string;
  data: string;
  'csv-format'?: boolean;
  'always-send'?: boolean;
  [key: string]: unknown;
}

export interface KeaReservation {
  'hw-address'?: string;
  'client-id'?: string;
  'ip-address'?: string;
  hostname?: string;
  'option-data'?: KeaOptionData[];
  [key: string]: unknown;
}

export interface KeaSubnet4 {
  id: number;
  subnet: string;
  pools?: { pool: string; [key: string]: unknown }[];
  reservations?: KeaReservation[];
  [key: string]: unknown;
}

/** The `Dhcp4` object of a config; only the parts the harness reads are typed. */
export interface KeaDhcp4Config {
  subnet4?: KeaSubnet4[];
  'option-def'?: { name: string; code: number; type: string; space: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

/** One element of the agent's answer: the agent answers with one element per service. */
export interface KeaAnswer {
  result: number;
  text?: string;
  arguments?: unknown;
}

export class KeaCommandError extends Error {
  constructor(
    readonly command: string,
    readonly answers: KeaAnswer[],
  ) {
    super(`Kea ${command} failed: ${answers.map((a) => `result ${a.result}: ${a.text ?? ''}`).join('; ')}`);
    this.name = 'KeaCommandError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toAnswer(value: unknown): KeaAnswer {
  if (!isRecord(value) || typeof value.result !== 'number') {
    throw new Error(`unexpected Kea answer element: ${JSON.stringify(value)}`);
  }
  return {
    result: value.result,
    text: typeof value.text === 'string' ? value.text : undefined,
    arguments: value.arguments,
  };
}

/**
 * Sends one command to the control agent. Answers are normalised to an array because the agent
 * answers some errors (bad JSON, unknown service) with a bare object.
 */
export async function keaCommand(
  url: string,
  command: string,
  args?: Record<string, unknown>,
  options: { service?: string[]; timeoutMs?: number } = {},
): Promise<KeaAnswer[]> {
  const body: Record<string, unknown> = { command, service: options.service ?? ['dhcp4'] };
  if (args !== undefined) body.arguments = args;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Kea agent answered HTTP ${response.status} to ${command}: ${text}`);
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map(toAnswer) : [toAnswer(parsed)];
}

/** Like {@link keaCommand} but throws unless every service answered result 0; returns the first answer. */
export async function keaCommandOk(
  url: string,
  command: string,
  args?: Record<string, unknown>,
  options: { service?: string[]; timeoutMs?: number } = {},
): Promise<KeaAnswer> {
  const answers = await keaCommand(url, command, args, options);
  if (answers.length === 0 || answers.some((a) => a.result !== 0))
    throw new KeaCommandError(command, answers);
  return answers[0];
}

/** The running DHCPv4 config (`Dhcp4`) as the server reports it. */
export async function keaConfigGet(url: string): Promise<KeaDhcp4Config> {
  const answer = await keaCommandOk(url, 'config-get');
  if (!isRecord(answer.arguments) || !isRecord(answer.arguments.Dhcp4)) {
    throw new Error(`config-get returned no Dhcp4 object: ${JSON.stringify(answer.arguments)}`);
  }
  return answer.arguments.Dhcp4;
}

/**
 * config-test, config-set, config-write: the only way to change reservations on Kea 2.2 without
 * host_cmds. config-test first so a bad reservation is reported without touching the server.
 */
export async function keaApplyConfig(url: string, dhcp4: KeaDhcp4Config): Promise<void> {
  // Send only Dhcp4: Kea 2.2's config-set refuses any other member (later versions' config-get
  // adds "hash", which 2.2 answers with "Unsupported 'hash' parameter").
  const args = { Dhcp4: dhcp4 };
  await keaCommandOk(url, 'config-test', args);
  await keaCommandOk(url, 'config-set', args);
  await keaCommandOk(url, 'config-write');
}

/** Edits the reservations of one subnet through {@link keaApplyConfig}. */
export async function keaEditReservations(
  url: string,
  subnetId: number,
  edit: (reservations: KeaReservation[]) => KeaReservation[],
): Promise<KeaReservation[]> {
  const dhcp4 = await keaConfigGet(url);
  const subnet = dhcp4.subnet4?.find((s) => s.id === subnetId);
  if (!subnet) throw new Error(`subnet ${subnetId} is not in the running Kea config`);
  subnet.reservations = edit(subnet.reservations ?? []);
  await keaApplyConfig(url, dhcp4);
  return subnet.reservations;
}

export interface KeaSubnetOptions {
  id?: number;
  /** CIDR; defaults to 10.99.0.0/24. */
  subnet?: string;
  /** Dynamic pools as Kea writes them ("first - last"); defaults to .100-.199 of a /24; [] for none. */
  pools?: string[];
  /** Addresses kept for reservations (outside the pools); defaults to .10-.99 of a /24. */
  reservedRange?: { first: string; last: string };
  reservations?: KeaReservation[];
}

/** A PostgreSQL database as Kea's `hosts-database` names it. */
export interface KeaPostgresDatabase {
  name: string;
  host: string;
  port?: number;
  user: string;
  password?: string;
}

export interface StartKeaOptions {
  subnet?: KeaSubnetOptions;
  /** Interfaces kea-dhcp4 listens on; [] (the default) serves the API only. */
  interfaces?: string[];
  /** Runs kea-dhcp4 inside this network namespace (where `interfaces` live); the agent stays on the loopback. */
  netns?: string;
  validLifetime?: number;
  /**
   * Reads host reservations from Kea's PostgreSQL host backend too (a database prepared with
   * `kea-admin db-init pgsql`). `host` may be a socket directory, which also works from `netns`.
   */
  hostsDatabase?: KeaPostgresDatabase;
  logSeverity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  startTimeoutMs?: number;
}

export interface KeaHandle {
  /** The control agent's URL (POST JSON commands here). */
  controlUrl: string;
  /** kea-dhcp4's config file; config-write rewrites it. */
  configPath: string;
  subnetId: number;
  subnet: string;
  pools: string[];
  reservedRange: { first: string; last: string };
  interfaces: string[];
  netns: string | undefined;
  controlSocketPath: string;
  leaseFile: string;
  dir: string;
  /** Recent output of both daemons, for assertion messages. */
  logs(): string;
  stop(): Promise<void>;
}

function slash24Layout(subnet: string): { prefix: string } | undefined {
  const match = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(subnet);
  return match ? { prefix: match[1] } : undefined;
}

function resolveSubnet(options: KeaSubnetOptions = {}): Required<KeaSubnetOptions> {
  const subnet = options.subnet ?? '10.99.0.0/24';
  const layout = slash24Layout(subnet);
  if (!layout && (options.pools === undefined || options.reservedRange === undefined)) {
    throw new Error(`give pools and reservedRange explicitly for ${subnet} (defaults exist only for a /24)`);
  }
  return {
    id: options.id ?? 1,
    subnet,
    pools: options.pools ?? [`${layout?.prefix}.100 - ${layout?.prefix}.199`],
    reservedRange: options.reservedRange ?? { first: `${layout?.prefix}.10`, last: `${layout?.prefix}.99` },
    reservations: options.reservations ?? [],
  };
}

function dhcp4Config(dir: string, options: StartKeaOptions, subnet: Required<KeaSubnetOptions>): unknown {
  const severity = options.logSeverity ?? 'INFO';
  return {
    Dhcp4: {
      'interfaces-config': { interfaces: options.interfaces ?? [] },
      'control-socket': { 'socket-type': 'unix', 'socket-name': join(dir, 'kea4-ctrl.sock') },
      // lfc-interval 0: no kea-lfc child process to clean up.
      'lease-database': {
        type: 'memfile',
        persist: true,
        name: join(dir, 'kea-leases4.csv'),
        'lfc-interval': 0,
      },
      'valid-lifetime': options.validLifetime ?? 3600,
      ...(options.hostsDatabase
        ? { 'hosts-database': { type: 'postgresql', ...options.hostsDatabase } }
        : {}),
      'option-def': [{ ...OPTION_POLYCOM_PROVISIONING, type: 'string' }],
      subnet4: [
        {
          id: subnet.id,
          subnet: subnet.subnet,
          pools: subnet.pools.map((pool) => ({ pool })),
          reservations: subnet.reservations,
        },
      ],
      loggers: [{ name: 'kea-dhcp4', output_options: [{ output: 'stdout' }], severity }],
    },
  };
}

function agentConfig(port: number, dhcp4Socket: string, severity: string): unknown {
  return {
    'Control-agent': {
      'http-host': '127.0.0.1',
      'http-port': port,
      'control-sockets': { dhcp4: { 'socket-type': 'unix', 'socket-name': dhcp4Socket } },
      loggers: [{ name: 'kea-ctrl-agent', output_options: [{ output: 'stdout' }], severity }],
    },
  };
}

function exitReason(processes: ManagedProcess[]): string | undefined {
  for (const p of processes) {
    const status = p.exitStatus();
    if (status) return `${p.name} exited (code ${status.code}, signal ${status.signal}):\n${p.output()}`;
  }
  return undefined;
}

/** Starts kea-dhcp4 and kea-ctrl-agent and waits until the agent relays config-get to dhcp4. */
export async function startKea(options: StartKeaOptions = {}): Promise<KeaHandle> {
  const subnet = resolveSubnet(options.subnet);
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-kea-'));
  const configPath = join(dir, 'kea-dhcp4.json');
  const agentPath = join(dir, 'kea-ctrl-agent.json');
  const controlSocketPath = join(dir, 'kea4-ctrl.sock');
  const port = await freePort();
  const severity = options.logSeverity ?? 'INFO';
  await writeFile(configPath, JSON.stringify(dhcp4Config(dir, options, subnet), null, 2));
  await writeFile(agentPath, JSON.stringify(agentConfig(port, controlSocketPath, severity), null, 2));

  // Pid and lock files go to the temp dir so parallel instances (and a system Kea) never clash.
  const env = { ...process.env, KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
  const processes: ManagedProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(processes.map((p) => p.stop()));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const dhcpArgs = ['-c', configPath];
    processes.push(
      options.netns
        ? startProcess('kea-dhcp4', 'ip', ['netns', 'exec', options.netns, 'kea-dhcp4', ...dhcpArgs], { env })
        : startProcess('kea-dhcp4', 'kea-dhcp4', dhcpArgs, { env }),
    );
    processes.push(startProcess('kea-ctrl-agent', 'kea-ctrl-agent', ['-c', agentPath], { env }));
    const controlUrl = `http://127.0.0.1:${port}/`;
    await waitFor(
      async () => {
        const answers = await keaCommand(controlUrl, 'config-get', undefined, { timeoutMs: 2000 });
        return answers.length > 0 && answers.every((a) => a.result === 0) ? true : undefined;
      },
      {
        timeoutMs: options.startTimeoutMs ?? 30_000,
        description: `the Kea control agent on port ${port} to relay config-get`,
        giveUpIf: () => exitReason(processes),
      },
    );
    return {
      controlUrl,
      configPath,
      subnetId: subnet.id,
      subnet: subnet.subnet,
      pools: subnet.pools,
      reservedRange: subnet.reservedRange,
      interfaces: options.interfaces ?? [],
      netns: options.netns,
      controlSocketPath,
      leaseFile: join(dir, 'kea-leases4.csv'),
      dir,
      logs: () => processes.map((p) => `--- ${p.name}\n${p.output()}`).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
