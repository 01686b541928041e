import { createClientAsync, type Client } from 'soap';
import type { LandbConfig } from '../../config/network-drivers-config';
import { systemRejected, systemUnavailable, type ApplyResult } from '../system-error';
import {
  authHeader,
  decoded,
  encoded,
  encodedParts,
  ENCODED_XMLNS,
  SOAP_ENCODING_NS,
  type Encoded,
} from './landb-encoding';
import { isFault, LANDB_FAULT_PATTERNS, landbError } from './landb-errors';
import {
  canonicalMac,
  fromDeviceInfo,
  fromDeviceInfoArray,
  fromDeviceNames,
  landbHardwareAddress,
  toDeviceInput,
} from './landb-records';
import type { NetworkDatabasePort, NetworkDevice } from './network-database.port';
import { ScanSnapshot } from '../scan-snapshot';

type LandbOperation =
  | 'getAuthToken'
  | 'deviceInsert'
  | 'deviceAddCard'
  | 'deviceRemove'
  | 'getDeviceInfo'
  | 'searchDevice'
  | 'getDeviceInfoArray';

/**
 * The network database on LanDB's SOAP API, which is rpc/encoded (SOAP 1.1 section 5). node-soap
 * reads the WSDL, carries the call and parses answers and faults; the parts are encoded here
 * (landb-encoding.ts) because node-soap writes rpc bodies without xsi:type or SOAP-ENC arrays.
 * One client per driver, created from the WSDL on first use. Authentication: getAuthToken(Login,
 * Password, Type) gives a token that every other call carries in an Auth SOAP header; one token is
 * reused until it is older than LANDB_TOKEN_TTL_MS, and renewed once when LanDB calls it invalid
 * or expired (it may expire sooner than we think). Writes are idempotent: what is already there with the same card is
 * `unchanged`, so a retry after a timed-out call that LanDB applied anyway succeeds.
 */
export class LandbNetworkDatabaseDriver implements NetworkDatabasePort {
  private client?: Promise<Client>;
  private token?: { value: Promise<string>; obtainedAt: number };
  /** LanDB's search answers every matching name at once: one search per scan, pages sliced from it. */
  private readonly names = new ScanSnapshot<string>((name) => name);

  constructor(private readonly config: LandbConfig) {}

  async registerDevice(device: NetworkDevice): Promise<ApplyResult> {
    const doing = `registering ${device.name}`;
    const input = toDeviceInput(device);
    const card = { HardwareAddress: landbHardwareAddress(device.mac), CardType: this.config.cardType };
    try {
      let inserted = false;
      try {
        await this.call('deviceInsert', { Device: input });
        inserted = true;
      } catch (error) {
        if (!isFault(error, LANDB_FAULT_PATTERNS.deviceExists)) throw error;
      }
      if (!inserted) {
        // There already: ours from an earlier attempt (maybe one that timed out), or someone else's.
        const existing = await this.findDevice(device.name);
        if (!existing) throw systemUnavailable('network', `LanDB, ${doing}: the device vanished meanwhile`);
        if (existing.mac === canonicalMac(device.mac)) return 'unchanged';
        if (existing.mac !== '') {
          throw systemRejected(
            'network',
            `device ${device.name} already exists in LanDB with another interface card (${landbHardwareAddress(existing.mac)})`,
          );
        }
      }
      const added = await this.addCard(device.name, card);
      if (typeof added === 'object') {
        // Taken back only when this call inserted it: an existing device is not ours to remove.
        if (inserted)
          await this.call('deviceRemove', { DeviceName: encoded.string(device.name) }).catch(() => undefined);
        throw systemRejected(
          'network',
          `MAC ${card.HardwareAddress} is already registered in LanDB on device ${added.holder}`,
        );
      }
      return inserted || added === 'added' ? 'applied' : 'unchanged';
    } catch (error) {
      throw landbError(error, doing);
    }
  }

  async removeDevice(name: string): Promise<ApplyResult> {
    try {
      await this.call('deviceRemove', { DeviceName: encoded.string(name) });
      return 'applied';
    } catch (error) {
      if (isFault(error, LANDB_FAULT_PATTERNS.deviceNotFound)) return 'unchanged';
      throw landbError(error, `removing ${name}`);
    }
  }

  async findDevice(name: string): Promise<NetworkDevice | null> {
    try {
      const answer = await this.call('getDeviceInfo', { DeviceName: encoded.string(name) });
      return fromDeviceInfo(answer.Device);
    } catch (error) {
      if (isFault(error, LANDB_FAULT_PATTERNS.deviceNotFound)) return null;
      throw landbError(error, `looking up ${name}`);
    }
  }

  async findDeviceByMac(mac: string): Promise<NetworkDevice | null> {
    const doing = `looking up the device of ${mac}`;
    try {
      const answer = await this.call('searchDevice', {
        DeviceSearch: encoded.struct('DeviceSearch', {
          HardwareAddress: encoded.string(landbHardwareAddress(mac)),
        }),
      });
      const names = fromDeviceNames(answer.DeviceList);
      return names.length === 0 ? null : ((await this.findDevices(names.slice(0, 1)))[0] ?? null);
    } catch (error) {
      throw landbError(error, doing);
    }
  }

  /**
   * One page of a reconciliation scan: names from one searchDevice per scan (`<prefix>%`), the page's
   * devices from one getDeviceInfoArray. A device removed since the search is skipped and the page
   * filled from the next names, so only the last page is short.
   */
  async listDevices(page: { namePrefix: string; after?: string; limit: number }): Promise<NetworkDevice[]> {
    const devices: NetworkDevice[] = [];
    let after = page.after;
    try {
      while (devices.length < page.limit) {
        const { items, next } = await this.names.page(
          page.namePrefix,
          { after, limit: page.limit - devices.length },
          async () =>
            fromDeviceNames(
              (
                await this.call('searchDevice', {
                  DeviceSearch: encoded.struct('DeviceSearch', {
                    Name: encoded.string(`${likeEscaped(page.namePrefix)}%`),
                  }),
                })
              ).DeviceList,
            ),
        );
        devices.push(...(await this.findDevices(items)));
        if (next === undefined) break;
        after = next;
      }
      return devices.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      throw landbError(error, `listing devices named ${page.namePrefix}…`);
    }
  }

  /** The devices among these names that exist, in one getDeviceInfoArray call. */
  async findDevices(names: string[]): Promise<NetworkDevice[]> {
    if (names.length === 0) return [];
    try {
      const answer = await this.call('getDeviceInfoArray', {
        DeviceNameList: encoded.array('xsd:string', names.map(encoded.string)),
      });
      return fromDeviceInfoArray(answer.DeviceInfoList);
    } catch (error) {
      throw landbError(error, `looking up ${names.length} device(s)`);
    }
  }

  /** 'added'; 'present' when the card is already on this device; the holder when on another one. */
  private async addCard(
    name: string,
    card: { HardwareAddress: string; CardType: string },
  ): Promise<'added' | 'present' | { holder: string }> {
    try {
      await this.call('deviceAddCard', {
        DeviceName: encoded.string(name),
        InterfaceCard: encoded.struct('InterfaceCard', {
          HardwareAddress: encoded.string(card.HardwareAddress),
          CardType: encoded.string(card.CardType),
        }),
      });
      return 'added';
    } catch (error) {
      const inUse = isFault(error, LANDB_FAULT_PATTERNS.hardwareAddressInUse);
      if (!inUse) throw error;
      return inUse[2].toUpperCase() === name.toUpperCase() ? 'present' : { holder: inUse[2] };
    }
  }

  /** One authenticated call; an invalid-token fault renews the token and tries once more. */
  private async call(
    operation: LandbOperation,
    args: Record<string, Encoded>,
  ): Promise<Record<string, unknown>> {
    const client = await this.soapClient();
    const token = await this.currentToken(client);
    const used = this.token;
    try {
      return await this.invoke(client, operation, args, token);
    } catch (error) {
      if (!isFault(error, LANDB_FAULT_PATTERNS.invalidToken)) throw error;
      // Concurrent calls refused with the same token renew it once between them, not once each.
      if (this.token === used) this.token = undefined;
      return this.invoke(client, operation, args, await this.currentToken(client));
    }
  }

  /** The answer's parts, decoded (SOAP-ENC arrays as arrays, typed scalars as values). */
  private async invoke(
    client: Client,
    operation: LandbOperation,
    args: Record<string, Encoded>,
    token?: string,
  ): Promise<Record<string, unknown>> {
    const method: unknown = client[`${operation}Async`];
    if (typeof method !== 'function') throw new Error(`the LanDB WSDL has no ${operation} operation`);
    // Headers are per client, and concurrent calls share it: set the token just before each call.
    // node-soap sends the header string as it is, and the encoded parts as raw XML under `$xml`.
    client.clearSoapHeaders();
    if (token !== undefined) client.addSoapHeader(authHeader(token));
    const answer: unknown = await (method as (a: unknown, o: unknown) => Promise<unknown>).call(
      client,
      { $xml: encodedParts(args) },
      { timeout: this.config.timeoutMs },
    );
    const parts = decoded(Array.isArray(answer) ? answer[0] : answer);
    return typeof parts === 'object' && parts !== null && !Array.isArray(parts)
      ? (parts as Record<string, unknown>)
      : {};
  }

  private currentToken(client: Client): Promise<string> {
    if (this.token && Date.now() - this.token.obtainedAt < this.config.tokenTtlMs) return this.token.value;
    const value = this.invoke(client, 'getAuthToken', {
      Login: encoded.string(this.config.user),
      Password: encoded.string(this.config.password),
      Type: encoded.string(this.config.authType),
    }).then((answer) => {
      const token = answer.token;
      if (typeof token !== 'string' || token === '') throw new Error('getAuthToken returned no token');
      return token;
    });
    const entry = { value, obtainedAt: Date.now() };
    // A failed login must not be cached.
    value.catch(() => {
      if (this.token === entry) this.token = undefined;
    });
    this.token = entry;
    return value;
  }

  private soapClient(): Promise<Client> {
    this.client ??= createClientAsync(this.config.wsdlUrl, {
      wsdl_options: { timeout: this.config.timeoutMs },
      ...(this.config.endpointUrl ? { endpoint: this.config.endpointUrl } : {}),
    })
      .then((client) => {
        // The prefixes the encoded parts use, and the encoding they follow.
        client.addBodyAttribute({ ...ENCODED_XMLNS, 'soap:encodingStyle': SOAP_ENCODING_NS });
        return client;
      })
      .catch((error: unknown) => {
        // The WSDL could not be read (LanDB down?): try again on the next call.
        this.client = undefined;
        throw error;
      });
    return this.client;
  }
}

/** A literal name prefix for searchDevice's LIKE match: its own `%` and `_` must not act as wildcards. */
function likeEscaped(prefix: string): string {
  if (/[%_]/.test(prefix))
    throw systemRejected('network', `the device name prefix "${prefix}" holds a LIKE wildcard (% or _)`);
  return prefix;
}
