import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { encoded, encodedParts } from '../../libs/systems/network/landb-encoding';
import {
  canonicalHardwareAddress,
  deviceInfo,
  isRecord,
  likePattern,
  optionalString,
  person,
  requiredRecord,
  requiredString,
  validationError,
  type LandbDevice,
} from './landb-devices';
import { repositoryRoot } from '../../libs/config/repository-root';
import { freePort } from '../support/free-port';
import { SoapFault, startEncodedHttp, type EncodedRequest } from './landb-encoded-http';

// A stand-in for the network database (CERN LanDB's NetworkService), for driver tests. It speaks
// rpc/encoded SOAP as the real service does (fixtures/landb.wsdl; landb-encoded-http.ts checks the
// encoding), keeps devices in memory, issues expiring tokens from getAuthToken and wants one in the
// Auth header of every other call, and answers SOAP Faults. Tests can inject transient faults,
// HTTP 500s and delays. docs/network-database.md says which shapes were checked against what.

export const LANDB_OPERATIONS = [
  'getAuthToken',
  'deviceInsert',
  'deviceAddCard',
  'deviceRemove',
  'getDeviceInfo',
  'searchDevice',
  'getDeviceInfoArray',
] as const;
export type LandbOperation = (typeof LANDB_OPERATIONS)[number];

/** What `failNext` makes the endpoint do instead of (or before) serving the call. */
export type LandbFailure = 'fault' | 'http500' | { delayMs: number };

/** `failNext('deviceInsert', delay(5000))`: the call is served after the delay (its change applies). */
export function delay(ms: number): LandbFailure {
  return { delayMs: ms };
}

/** The transient fault string used by `failNext(op, 'fault')`; no change is applied. */
export const TRANSIENT_FAULT_STRING =
  'Database temporarily unavailable (ORA-03113: end-of-file on communication channel), please retry later';

/** Fault strings, as regular expressions for assertions. */
export const LANDB_FAULTS = {
  deviceExists: /^Device \S+ already exists$/,
  deviceNotFound: /^Device \S+ not found$/,
  hardwareAddressInUse: /^Hardware address \S+ is already registered on device \S+$/,
  invalidToken: /^Invalid or expired authentication token$/,
  authenticationFailed: /^Authentication failed for \S+$/,
  validation: /^Validation error: /,
  transient: /^Database temporarily unavailable/,
} as const;

export interface LandbCall {
  operation: string;
  /** The decoded parts (undefined for a call answered by an injected HTTP 500). */
  args: unknown;
  /** The request envelope as it came over the wire (undefined for an injected HTTP 500). */
  envelope?: string;
  at: Date;
  outcome: 'ok' | 'fault' | 'http500';
  faultString?: string;
  injected?: LandbFailure;
}

export interface LandbCredentials {
  login: string;
  password: string;
}

export interface StartLandbOptions {
  /** Accounts getAuthToken accepts; default one account, see {@link DEFAULT_LANDB_CREDENTIALS}. */
  accounts?: LandbCredentials[];
  /** Device names the endpoint accepts; default TELEPHONE-<5 digits> (case-insensitive, stored upper case). */
  deviceNamePattern?: RegExp;
  tokenTtlMs?: number;
  /** Devices present from the start (for reconciliation and idempotency tests). */
  devices?: LandbDevice[];
  /** Where to listen; 127.0.0.1 and a free port by default (start:real and compose pick their own). */
  host?: string;
  port?: number;
}

export interface LandbHandle {
  /** The SOAP endpoint (the WSDL's soap:address). */
  url: string;
  wsdlUrl: string;
  accounts: LandbCredentials[];
  /** A snapshot of the stored devices, keyed by device name. */
  readonly devices: ReadonlyMap<string, LandbDevice>;
  /** Every call that reached the endpoint, oldest first. */
  readonly calls: readonly LandbCall[];
  /** The next `times` calls of `operation` ('*' for any) fail as `kind`. */
  failNext(operation: LandbOperation | '*', kind: LandbFailure, times?: number): void;
  /** Makes every issued token invalid, as when LanDB's tokens expire. */
  expireTokens(): void;
  /** The tokens issued so far, oldest first, with their expiry. */
  readonly tokens: readonly { token: string; login: string; expiresAt: number }[];
  /** Forgets devices, calls, tokens and pending failures. */
  reset(): void;
  stop(): Promise<void>;
}

export const DEFAULT_LANDB_CREDENTIALS: LandbCredentials = {
  login: 'switchboard',
  password: 'landb-test-secret',
};

export { canonicalHardwareAddress };
export type { LandbDevice, LandbInterfaceCard, LandbLocation, LandbPerson } from './landb-devices';

const AUTH_TYPES = ['NICE', 'CERN'];
const CARD_TYPES = ['Ethernet', 'Wireless'];
/** Parts that are SOAP-ENC arrays, by operation (the rest are scalars or records). */
const ARRAY_PARTS: Record<LandbOperation, readonly string[]> = {
  getAuthToken: [],
  deviceInsert: [],
  deviceAddCard: [],
  deviceRemove: [],
  getDeviceInfo: [],
  searchDevice: [],
  getDeviceInfoArray: ['DeviceNameList'],
};

interface Token {
  login: string;
  expiresAt: number;
}

/** Starts the endpoint on 127.0.0.1:<free port> unless told where. */
export async function startLandbSoap(options: StartLandbOptions = {}): Promise<LandbHandle> {
  const accounts = options.accounts ?? [DEFAULT_LANDB_CREDENTIALS];
  const namePattern = options.deviceNamePattern ?? /^TELEPHONE-\d{5}$/i;
  const tokenTtlMs = options.tokenTtlMs ?? 3_600_000;
  const devices = new Map<string, LandbDevice>();
  const tokens = new Map<string, Token>();
  const calls: LandbCall[] = [];
  let failures: { operation: LandbOperation | '*'; kind: LandbFailure; remaining: number }[] = [];
  const seed = (): void => {
    for (const device of options.devices ?? []) devices.set(device.DeviceName, structuredClone(device));
  };
  seed();

  const takeFailure = (operation: string): LandbFailure | undefined => {
    const index = failures.findIndex((f) => f.operation === operation || f.operation === '*');
    if (index < 0) return undefined;
    const failure = failures[index];
    failure.remaining -= 1;
    if (failure.remaining <= 0) failures.splice(index, 1);
    return failure.kind;
  };

  const deviceName = (value: unknown, path: string): string => {
    if (typeof value !== 'string' || value.trim() === '') throw validationError(`${path} is required`);
    const name = value.trim();
    if (!namePattern.test(name))
      throw validationError(`device name '${name}' does not match ${namePattern.source}`);
    return name.toUpperCase();
  };

  const authenticate = (token: string | undefined): void => {
    const entry = token === undefined ? undefined : tokens.get(token);
    if (!entry || entry.expiresAt <= Date.now())
      throw new SoapFault('Invalid or expired authentication token');
  };

  const existing = (name: string): LandbDevice => {
    const device = devices.get(name);
    if (!device) throw new SoapFault(`Device ${name} not found`);
    return device;
  };

  const result = (): string => encodedParts({ Result: encoded.boolean(true) });

  const operations: Record<LandbOperation, (args: Record<string, unknown>) => string> = {
    getAuthToken(args) {
      const login = requiredString(args, 'Login', 'getAuthToken');
      const password = requiredString(args, 'Password', 'getAuthToken');
      const type = requiredString(args, 'Type', 'getAuthToken');
      if (!AUTH_TYPES.includes(type))
        throw validationError(`getAuthToken.Type must be one of ${AUTH_TYPES.join(', ')}`);
      if (!accounts.some((a) => a.login === login && a.password === password)) {
        throw new SoapFault(`Authentication failed for ${login}`);
      }
      const token = randomBytes(24).toString('base64');
      tokens.set(token, { login, expiresAt: Date.now() + tokenTtlMs });
      return encodedParts({ token: encoded.string(token) });
    },

    deviceInsert(args) {
      const path = 'Device';
      const input = requiredRecord(args, 'Device', 'deviceInsert');
      const name = deviceName(input.DeviceName, `${path}.DeviceName`);
      const location = requiredRecord(input, 'Location', path);
      // Not nillable in LanDB's DeviceInput: phones send UNKNOWN as VM tooling does.
      const os = requiredRecord(input, 'OperatingSystem', path);
      const device: LandbDevice = {
        DeviceName: name,
        Location: {
          Building: requiredString(location, 'Building', `${path}.Location`),
          Floor: requiredString(location, 'Floor', `${path}.Location`),
          Room: requiredString(location, 'Room', `${path}.Location`),
        },
        Status: 'ACTIVE',
        Manufacturer: requiredString(input, 'Manufacturer', path),
        Model: requiredString(input, 'Model', path),
        OperatingSystem: {
          Name: requiredString(os, 'Name', `${path}.OperatingSystem`),
          Version: requiredString(os, 'Version', `${path}.OperatingSystem`),
        },
        ResponsiblePerson: person(
          requiredRecord(input, 'ResponsiblePerson', path),
          `${path}.ResponsiblePerson`,
        ),
        NetworkInterfaceCards: [],
        LastChangeDate: new Date().toISOString(),
      };
      for (const key of ['Zone', 'Description', 'Tag', 'SerialNumber', 'InventoryNumber'] as const) {
        const value = optionalString(input, key, path);
        if (value !== undefined) device[key] = value;
      }
      if (isRecord(input.UserPerson)) device.UserPerson = person(input.UserPerson, `${path}.UserPerson`);
      if (typeof input.IPv6Ready === 'boolean') device.IPv6Ready = input.IPv6Ready;
      if (devices.has(name)) throw new SoapFault(`Device ${name} already exists`);
      devices.set(name, device);
      return result();
    },

    deviceAddCard(args) {
      const name = deviceName(args.DeviceName, 'deviceAddCard.DeviceName');
      const card = requiredRecord(args, 'InterfaceCard', 'deviceAddCard');
      const rawAddress = requiredString(card, 'HardwareAddress', 'InterfaceCard');
      const address = canonicalHardwareAddress(rawAddress);
      if (!address)
        throw validationError(`invalid hardware address '${rawAddress}' (12 hex digits expected)`);
      const cardType = requiredString(card, 'CardType', 'InterfaceCard');
      const type = CARD_TYPES.find((t) => t.toLowerCase() === cardType.toLowerCase());
      if (!type) throw validationError(`InterfaceCard.CardType must be one of ${CARD_TYPES.join(', ')}`);
      const device = existing(name);
      for (const other of devices.values()) {
        if (other.NetworkInterfaceCards.some((c) => c.HardwareAddress === address)) {
          throw new SoapFault(
            `Hardware address ${address} is already registered on device ${other.DeviceName}`,
          );
        }
      }
      device.NetworkInterfaceCards.push({ HardwareAddress: address, CardType: type });
      device.LastChangeDate = new Date().toISOString();
      return result();
    },

    deviceRemove(args) {
      const name = deviceName(args.DeviceName, 'deviceRemove.DeviceName');
      existing(name);
      devices.delete(name);
      return result();
    },

    getDeviceInfo(args) {
      const device = existing(deviceName(args.DeviceName, 'getDeviceInfo.DeviceName'));
      return encodedParts({ Device: deviceInfo(device) });
    },

    searchDevice(args) {
      const search = requiredRecord(args, 'DeviceSearch', 'searchDevice');
      const name = optionalString(search, 'Name', 'DeviceSearch');
      const rawAddress = optionalString(search, 'HardwareAddress', 'DeviceSearch');
      if (name === undefined && rawAddress === undefined)
        throw validationError('DeviceSearch needs a Name or a HardwareAddress');
      const address = rawAddress === undefined ? undefined : canonicalHardwareAddress(rawAddress);
      if (rawAddress !== undefined && !address)
        throw validationError(`invalid hardware address '${rawAddress}' (12 hex digits expected)`);
      const pattern = name === undefined ? undefined : likePattern(name);
      const names = [...devices.values()]
        .filter((d) => !pattern || pattern.test(d.DeviceName))
        .filter((d) => !address || d.NetworkInterfaceCards.some((c) => c.HardwareAddress === address))
        .map((d) => d.DeviceName)
        .sort();
      return encodedParts({ DeviceList: encoded.array('xsd:string', names.map(encoded.string)) });
    },

    getDeviceInfoArray(args) {
      const list = args.DeviceNameList;
      if (!Array.isArray(list)) throw validationError('getDeviceInfoArray.DeviceNameList is required');
      const found = list
        .map((value) => devices.get(deviceName(value, 'getDeviceInfoArray.DeviceNameList.item')))
        .filter((device): device is LandbDevice => device !== undefined);
      return encodedParts({ DeviceInfoList: encoded.array('types:DeviceInfo', found.map(deviceInfo)) });
    },
  };

  const isOperation = (name: string): name is LandbOperation =>
    (LANDB_OPERATIONS as readonly string[]).includes(name);
  const timers = new Set<NodeJS.Timeout>();

  const before = async (operation: string | undefined, res: ServerResponse): Promise<unknown> => {
    const failure = operation === undefined ? undefined : takeFailure(operation);
    if (failure === 'http500') {
      calls.push({
        operation: operation ?? '?',
        args: undefined,
        at: new Date(),
        outcome: 'http500',
        injected: failure,
      });
      // What a failing reverse proxy in front of LanDB answers: no SOAP envelope at all.
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      return 'handled';
    }
    if (typeof failure === 'object') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, failure.delayMs);
        timers.add(timer);
      });
    }
    return failure;
  };

  const handle = (request: EncodedRequest): string => {
    const { operation } = request;
    if (!isOperation(operation)) throw new SoapFault(`Unknown operation ${operation}`);
    const injected = request.injected as LandbFailure | undefined;
    calls.push({
      operation,
      args: structuredClone(request.args),
      envelope: request.envelope,
      at: new Date(),
      outcome: 'ok',
      injected,
    });
    if (injected === 'fault') throw new SoapFault(TRANSIENT_FAULT_STRING, 'soap:Server');
    if (operation !== 'getAuthToken') authenticate(request.token);
    return operations[operation](request.args);
  };

  const onFault = (operation: string, fault: SoapFault, request?: EncodedRequest): void => {
    const call = calls.at(-1);
    if (request && call && call.envelope === request.envelope && call.outcome === 'ok') {
      call.outcome = 'fault';
      call.faultString = fault.faultstring;
      return;
    }
    // Refused before the operation ran (bad encoding, unknown operation).
    calls.push({
      operation,
      args: request?.args,
      envelope: request?.envelope,
      at: new Date(),
      outcome: 'fault',
      faultString: fault.faultstring,
    });
  };

  // From the checkout, not __dirname: compiled into dist/ (start:real), the fixture is not beside it.
  const wsdlTemplate = await readFile(
    join(repositoryRoot(), 'test', 'servers', 'fixtures', 'landb.wsdl'),
    'utf8',
  );
  const host = options.host ?? '127.0.0.1';
  const portNumber = options.port ?? (await freePort());
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${portNumber}/landb`;
  const server: Server = await startEncodedHttp(
    {
      wsdlText: wsdlTemplate.replace('LANDB_ENDPOINT_URL', url),
      arrayParts: ARRAY_PARTS,
      before,
      handle,
      onFault,
    },
    { host, port: portNumber },
  );

  return {
    url,
    wsdlUrl: `${url}?wsdl`,
    accounts,
    get devices() {
      return new Map([...devices].map(([name, device]) => [name, structuredClone(device)]));
    },
    get calls() {
      return calls.map((call) => ({ ...call }));
    },
    get tokens() {
      return [...tokens].map(([token, entry]) => ({ token, ...entry }));
    },
    failNext(operation, kind, times = 1) {
      failures.push({ operation, kind, remaining: times });
    },
    expireTokens() {
      tokens.clear();
    },
    reset() {
      devices.clear();
      tokens.clear();
      calls.length = 0;
      failures = [];
      seed();
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
