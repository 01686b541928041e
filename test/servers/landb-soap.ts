import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { listen, type Client } from 'soap';
import { repositoryRoot } from '../../libs/config/repository-root';
import { freePort } from '../support/free-port';

// A SOAP endpoint serving the network-database (LanDB) contract in fixtures/landb.wsdl, for driver
// tests. It keeps devices in memory, validates every request against the contract and answers SOAP
// Faults as LanDB does; tests can inject transient faults, HTTP 500s and delays.

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

export interface LandbLocation {
  Building: string;
  Floor: string;
  Room: string;
}

export interface LandbPerson {
  Name: string;
  FirstName?: string;
  Department?: string;
  Group?: string;
  PersonID?: number;
}

export interface LandbInterfaceCard {
  /** Canonical form, as LanDB answers it: AA-BB-CC-DD-EE-FF. */
  HardwareAddress: string;
  CardType: string;
}

/** A stored device, in the shape getDeviceInfo answers. */
export interface LandbDevice {
  DeviceName: string;
  Location: LandbLocation;
  Zone?: string;
  Status: string;
  Manufacturer: string;
  Model: string;
  GenericType?: string;
  Description?: string;
  Tag?: string;
  SerialNumber?: string;
  OperatingSystem?: { Name: string; Version: string };
  InventoryNumber?: string;
  ResponsiblePerson: LandbPerson;
  UserPerson?: LandbPerson;
  NetworkInterfaceCards: LandbInterfaceCard[];
  IPv6Ready?: boolean;
  LastChangeDate: string;
}

export interface LandbCall {
  operation: string;
  /** The arguments as node-soap parsed them (undefined for a call answered by an injected HTTP 500). */
  args: unknown;
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
  /** Forgets devices, calls, tokens and pending failures. */
  reset(): void;
  stop(): Promise<void>;
}

export const DEFAULT_LANDB_CREDENTIALS: LandbCredentials = {
  login: 'switchboard',
  password: 'landb-test-secret',
};

const AUTH_TYPES = ['NICE', 'CERN'];
const CARD_TYPES = ['Ethernet', 'Wireless'];

/** An Error that node-soap turns into a SOAP 1.1 Fault (it looks for a `Fault` member). */
class SoapFault extends Error {
  readonly Fault: { faultcode: string; faultstring: string; statusCode: number };

  constructor(faultstring: string, faultcode: 'soap:Client' | 'soap:Server' = 'soap:Client') {
    super(faultstring);
    // node-soap answers faults from promise handlers with HTTP 200 unless told; SOAP 1.1 wants 500.
    this.Fault = { faultcode, faultstring, statusCode: 500 };
  }
}

function validationError(message: string): SoapFault {
  return new SoapFault(`Validation error: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(parent: Record<string, unknown>, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string' || value.trim() === '') throw validationError(`${path}.${key} is required`);
  return value.trim();
}

function optionalString(parent: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw validationError(`${path}.${key} must be a string`);
  return value;
}

function requiredRecord(parent: Record<string, unknown>, key: string, path: string): Record<string, unknown> {
  const value = parent[key];
  if (!isRecord(value)) throw validationError(`${path}.${key} is required`);
  return value;
}

function person(value: Record<string, unknown>, path: string): LandbPerson {
  const result: LandbPerson = { Name: requiredString(value, 'Name', path) };
  for (const key of ['FirstName', 'Department', 'Group'] as const) {
    const text = optionalString(value, key, path);
    if (text !== undefined) result[key] = text;
  }
  if (value.PersonID !== undefined && value.PersonID !== null) {
    const id = Number(value.PersonID);
    if (!Number.isInteger(id)) throw validationError(`${path}.PersonID must be an integer`);
    result.PersonID = id;
  }
  return result;
}

const MAC_FORMATS = [
  /^[0-9A-F]{2}([-:])[0-9A-F]{2}(?:\1[0-9A-F]{2}){4}$/i,
  /^[0-9A-F]{4}\.[0-9A-F]{4}\.[0-9A-F]{4}$/i,
  /^[0-9A-F]{12}$/i,
];

/** LanDB's accepted hardware-address spellings, canonicalised to AA-BB-CC-DD-EE-FF. */
export function canonicalHardwareAddress(value: string): string | undefined {
  const trimmed = value.trim();
  if (!MAC_FORMATS.some((format) => format.test(trimmed))) return undefined;
  const hex = trimmed.replace(/[-:.]/g, '').toUpperCase();
  return hex.match(/../g)?.join('-');
}

/** getDeviceInfo's record: ArrayOfInterfaceCard wraps the cards as repeated InterfaceCard elements. */
function deviceInfo(device: LandbDevice): Record<string, unknown> {
  return { ...device, NetworkInterfaceCards: { InterfaceCard: device.NetworkInterfaceCards } };
}

/** searchDevice's Name: SQL LIKE with `%` for any run of characters, case-insensitive as LanDB's. */
function likePattern(name: string): RegExp {
  const body = name
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

interface Token {
  login: string;
  expiresAt: number;
}

const INJECTED = Symbol('landb-injected-failure');
type InjectableRequest = IncomingMessage & { body?: Buffer; [INJECTED]?: LandbFailure };

/** The operation named by the first element inside soap:Body, read before node-soap parses it. */
function operationOf(xml: string): string | undefined {
  return /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1];
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
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

  const authenticate = (headers: unknown): void => {
    const auth = isRecord(headers) ? headers.Auth : undefined;
    const token = isRecord(auth) ? auth.token : undefined;
    const entry = typeof token === 'string' ? tokens.get(token) : undefined;
    if (!entry || entry.expiresAt < Date.now())
      throw new SoapFault('Invalid or expired authentication token');
  };

  const existing = (name: string): LandbDevice => {
    const device = devices.get(name);
    if (!device) throw new SoapFault(`Device ${name} not found`);
    return device;
  };

  const operations: Record<LandbOperation, (args: Record<string, unknown>, headers: unknown) => unknown> = {
    getAuthToken(args) {
      const login = requiredString(args, 'Login', 'getAuthToken');
      const password = requiredString(args, 'Password', 'getAuthToken');
      const type = requiredString(args, 'Type', 'getAuthToken');
      if (!AUTH_TYPES.includes(type))
        throw validationError(`getAuthToken.Type must be one of ${AUTH_TYPES.join(', ')}`);
      if (!accounts.some((a) => a.login === login && a.password === password)) {
        throw new SoapFault(`Authentication failed for ${login}`);
      }
      const token = randomBytes(16).toString('hex');
      tokens.set(token, { login, expiresAt: Date.now() + tokenTtlMs });
      return { token };
    },

    deviceInsert(args, headers) {
      authenticate(headers);
      const input = requiredRecord(args, 'DeviceInput', 'deviceInsert');
      const path = 'DeviceInput';
      const name = deviceName(input.DeviceName, `${path}.DeviceName`);
      const location = requiredRecord(input, 'Location', path);
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
        ResponsiblePerson: person(
          requiredRecord(input, 'ResponsiblePerson', path),
          `${path}.ResponsiblePerson`,
        ),
        NetworkInterfaceCards: [],
        LastChangeDate: new Date().toISOString(),
      };
      for (const key of ['Zone', 'Description', 'Tag', 'SerialNumber', 'InventoryNumber'] as const) {
        const text = optionalString(input, key, path);
        if (text !== undefined) device[key] = text;
      }
      if (isRecord(input.UserPerson)) device.UserPerson = person(input.UserPerson, `${path}.UserPerson`);
      if (isRecord(input.OperatingSystem)) {
        device.OperatingSystem = {
          Name: requiredString(input.OperatingSystem, 'Name', `${path}.OperatingSystem`),
          Version: requiredString(input.OperatingSystem, 'Version', `${path}.OperatingSystem`),
        };
      }
      if (typeof input.IPv6Ready === 'boolean') device.IPv6Ready = input.IPv6Ready;
      if (devices.has(name)) throw new SoapFault(`Device ${name} already exists`);
      devices.set(name, device);
      return { Result: true };
    },

    deviceAddCard(args, headers) {
      authenticate(headers);
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
      return { Result: true };
    },

    deviceRemove(args, headers) {
      authenticate(headers);
      const name = deviceName(args.DeviceName, 'deviceRemove.DeviceName');
      existing(name);
      devices.delete(name);
      return { Result: true };
    },

    getDeviceInfo(args, headers) {
      authenticate(headers);
      const device = existing(deviceName(args.DeviceName, 'getDeviceInfo.DeviceName'));
      return { DeviceInfo: deviceInfo(device) };
    },

    searchDevice(args, headers) {
      authenticate(headers);
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
      return { DeviceNames: { DeviceName: names } };
    },

    getDeviceInfoArray(args, headers) {
      authenticate(headers);
      const list = requiredRecord(args, 'DeviceNames', 'getDeviceInfoArray');
      const raw = list.DeviceName === undefined ? [] : [list.DeviceName].flat();
      const found = raw
        .map((value) => devices.get(deviceName(value, 'getDeviceInfoArray.DeviceNames.DeviceName')))
        .filter((device): device is LandbDevice => device !== undefined);
      return { DeviceInfos: { DeviceInfo: found.map(deviceInfo) } };
    },
  };

  // node-soap calls (args, callback, headers, req); a returned promise is the answer.
  const port: Record<
    string,
    (args: unknown, callback: unknown, headers: unknown, req: InjectableRequest) => Promise<unknown>
  > = {};
  for (const operation of LANDB_OPERATIONS) {
    port[operation] = (args, _callback, headers, req) => {
      const injected = req[INJECTED];
      const call: LandbCall = {
        operation,
        args: structuredClone(args),
        at: new Date(),
        outcome: 'ok',
        injected,
      };
      calls.push(call);
      try {
        if (injected === 'fault') throw new SoapFault(TRANSIENT_FAULT_STRING, 'soap:Server');
        if (!isRecord(args)) throw validationError(`${operation} has no arguments`);
        return Promise.resolve(operations[operation](args, headers));
      } catch (error) {
        call.outcome = 'fault';
        call.faultString = error instanceof SoapFault ? error.Fault.faultstring : String(error);
        return Promise.reject(
          error instanceof SoapFault ? error : new SoapFault(String(error), 'soap:Server'),
        );
      }
    };
  }

  // From the checkout, not __dirname: compiled into dist/ (start:real), the fixture is not beside it.
  const wsdlTemplate = await readFile(
    join(repositoryRoot(), 'test', 'servers', 'fixtures', 'landb.wsdl'),
    'utf8',
  );
  const host = options.host ?? '127.0.0.1';
  const portNumber = options.port ?? (await freePort());
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${portNumber}/landb`;
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    listen(
      server,
      '/landb',
      { NetworkService: { NetworkServicePort: port } },
      wsdlTemplate.replace('LANDB_ENDPOINT_URL', url),
      (error: unknown) =>
        error
          ? reject(
              error instanceof Error
                ? error
                : new Error(`node-soap could not load the WSDL: ${JSON.stringify(error)}`),
            )
          : resolve(),
    );
  });

  // Failures are injected in front of node-soap's own listener, which reads a pre-read body from req.body.
  const soapListeners = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  const timers = new Set<NodeJS.Timeout>();
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    for (const listener of soapListeners) listener.call(server, req, res);
  };
  server.on('request', (req: InjectableRequest, res: ServerResponse) => {
    if (req.method !== 'POST') {
      dispatch(req, res);
      return;
    }
    readBody(req).then(
      (body) => {
        req.body = body;
        const operation = operationOf(body.toString('utf8'));
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
          return;
        }
        if (failure !== undefined) req[INJECTED] = failure;
        if (typeof failure === 'object') {
          const timer = setTimeout(() => {
            timers.delete(timer);
            dispatch(req, res);
          }, failure.delayMs);
          timers.add(timer);
          return;
        }
        dispatch(req, res);
      },
      () => res.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(portNumber, host, () => resolve());
  });

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

/** Calls `<operation>Async` on a node-soap client and returns the parsed result (typed for tests). */
export async function callLandb(
  client: Client,
  operation: LandbOperation,
  args: Record<string, unknown>,
  options: { timeout?: number } = {},
): Promise<unknown> {
  const method: unknown = client[`${operation}Async`];
  if (typeof method !== 'function') throw new Error(`the client has no ${operation}Async method`);
  const answer: unknown = await (method as (a: unknown, o: unknown) => Promise<unknown>).call(
    client,
    args,
    options,
  );
  return Array.isArray(answer) ? answer[0] : answer;
}
