import { createClientAsync, type Client } from 'soap';
import {
  authHeader,
  decoded,
  encoded,
  encodedParts,
  ENCODED_XMLNS,
  SOAP_ENCODING_NS,
  type Encoded,
} from '../../libs/systems/network/landb-encoding';
import {
  canonicalHardwareAddress,
  delay,
  DEFAULT_LANDB_CREDENTIALS,
  LANDB_FAULTS,
  startLandbSoap,
  type LandbHandle,
  type LandbOperation,
} from './landb-soap';

const s = encoded.string;

function person(name: string, extra: Record<string, Encoded> = {}): Encoded {
  return encoded.struct('PersonInput', { Name: s(name), ...extra });
}

function deviceInput(overrides: Record<string, Encoded | undefined> = {}): Encoded {
  return encoded.struct('DeviceInput', {
    DeviceName: s('TELEPHONE-65001'),
    Location: encoded.struct('Location', { Building: s('31'), Floor: s('S'), Room: s('021') }),
    Manufacturer: s('POLYCOM'),
    Model: s('VVX 450'),
    Description: s('Desk phone of line 65001'),
    OperatingSystem: encoded.struct('OperatingSystem', { Name: s('UNKNOWN'), Version: s('UNKNOWN') }),
    ResponsiblePerson: person('DOE', {
      FirstName: s('JANE'),
      Department: s('IT'),
      Group: s('CDA'),
      PersonID: encoded.long(765432),
    }),
    UserPerson: person('DOE', { FirstName: s('JANE') }),
    ...overrides,
  });
}

function card(address: string, type = 'Ethernet'): Encoded {
  return encoded.struct('InterfaceCard', { HardwareAddress: s(address), CardType: s(type) });
}

/** One call as LanDB's encoded clients make it; parts are raw XML under node-soap's `$xml`. */
async function callLandb(
  client: Client,
  operation: LandbOperation,
  parts: Record<string, Encoded> | { $xml: string } | Record<string, unknown>,
  options: { timeout?: number } = {},
): Promise<Record<string, unknown>> {
  const method: unknown = client[`${operation}Async`];
  if (typeof method !== 'function') throw new Error(`the client has no ${operation}Async method`);
  const isEncoded = Object.values(parts).every((v) => typeof v === 'object' && v !== null && 'kind' in v);
  const args = isEncoded ? { $xml: encodedParts(parts as Record<string, Encoded>) } : parts;
  const answer: unknown = await (method as (a: unknown, o: unknown) => Promise<unknown>).call(
    client,
    args,
    options,
  );
  return decoded(Array.isArray(answer) ? answer[0] : answer) as Record<string, unknown>;
}

/** The fault string of a rejected node-soap call (node-soap puts the parsed envelope in `root`). */
function faultStringOf(error: unknown): string | undefined {
  const root = (error as { root?: { Envelope?: { Body?: { Fault?: { faultstring?: unknown } } } } }).root;
  const text = root?.Envelope?.Body?.Fault?.faultstring;
  return typeof text === 'string' ? text : undefined;
}

async function faultOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const text = faultStringOf(error);
    if (text === undefined) throw new Error(`expected a SOAP fault, got ${String(error)}`);
    // SOAP 1.1 carries faults with HTTP 500.
    expect((error as { response?: { status?: number } }).response?.status).toBe(500);
    return text;
  }
  throw new Error('expected a SOAP fault, the call succeeded');
}

describe('LanDB SOAP endpoint', () => {
  let landb: LandbHandle | undefined;
  let client: Client;

  beforeAll(async () => {
    landb = await startLandbSoap();
    client = await createClientAsync(landb.wsdlUrl);
    client.addBodyAttribute({ ...ENCODED_XMLNS, 'soap:encodingStyle': SOAP_ENCODING_NS });
  });

  afterAll(async () => {
    await landb?.stop();
  });

  function endpoint(): LandbHandle {
    if (!landb) throw new Error('the endpoint did not start');
    return landb;
  }

  async function login(): Promise<string> {
    const answer = await callLandb(client, 'getAuthToken', {
      Login: s(DEFAULT_LANDB_CREDENTIALS.login),
      Password: s(DEFAULT_LANDB_CREDENTIALS.password),
      Type: s('NICE'),
    });
    const token = answer.token;
    if (typeof token !== 'string') throw new Error(`no token in ${JSON.stringify(answer)}`);
    client.clearSoapHeaders();
    client.addSoapHeader(authHeader(token));
    return token;
  }

  beforeEach(async () => {
    endpoint().reset();
    await login();
  });

  it('serves its WSDL with the seven operations', () => {
    const description = client.describe() as { SOAPNetworkService: { NetworkServicePort: object } };
    const operations = Object.keys(description.SOAPNetworkService.NetworkServicePort);
    expect(operations.sort()).toEqual([
      'deviceAddCard',
      'deviceInsert',
      'deviceRemove',
      'getAuthToken',
      'getDeviceInfo',
      'getDeviceInfoArray',
      'searchDevice',
    ]);
  });

  it('inserts a device, adds its card, reports it and removes it, in rpc/encoded messages', async () => {
    expect(await callLandb(client, 'deviceInsert', { Device: deviceInput() })).toEqual({ Result: true });
    // The request went as LanDB's clients send it: rpc body in urn:NetworkService, typed parts, Auth header.
    const sent = endpoint().calls.at(-1)?.envelope ?? '';
    expect(sent).toMatch(/<soap:Header><Auth [^>]*xsi:type="types:Auth"><token xsi:type="xsd:string">/);
    expect(sent).toMatch(
      /<tns:deviceInsert><Device xsi:type="types:DeviceInput"><DeviceName xsi:type="xsd:string">/,
    );
    expect(
      await callLandb(client, 'deviceAddCard', {
        DeviceName: s('TELEPHONE-65001'),
        InterfaceCard: card('00:04:f2:ab:cd:ef'),
      }),
    ).toEqual({ Result: true });

    const info = await callLandb(client, 'getDeviceInfo', { DeviceName: s('TELEPHONE-65001') });
    expect(info.Device).toMatchObject({
      DeviceName: 'TELEPHONE-65001',
      Location: { Building: '31', Floor: 'S', Room: '021' },
      Manufacturer: 'POLYCOM',
      Model: 'VVX 450',
      OperatingSystem: { Name: 'UNKNOWN', Version: 'UNKNOWN' },
      ResponsiblePerson: { Name: 'DOE', FirstName: 'JANE', Department: 'IT', Group: 'CDA', CCID: 765432 },
      UserPerson: { Name: 'DOE', FirstName: 'JANE' },
      // A SOAP-ENC array of one card is still an array.
      NetworkInterfaceCards: [{ HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' }],
      HCPResponse: false,
    });
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toEqual([
      { HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' },
    ]);

    expect(
      await callLandb(client, 'searchDevice', {
        DeviceSearch: encoded.struct('DeviceSearch', { Name: s('telephone-65%') }),
      }),
    ).toEqual({
      DeviceList: ['TELEPHONE-65001'],
    });
    const many = await callLandb(client, 'getDeviceInfoArray', {
      DeviceNameList: encoded.array('xsd:string', [s('TELEPHONE-65001'), s('TELEPHONE-65999')]),
    });
    expect((many.DeviceInfoList as { DeviceName: string }[]).map((d) => d.DeviceName)).toEqual([
      'TELEPHONE-65001',
    ]);

    expect(await callLandb(client, 'deviceRemove', { DeviceName: s('TELEPHONE-65001') })).toEqual({
      Result: true,
    });
    expect(endpoint().devices.size).toBe(0);
    expect(endpoint().calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
      'getAuthToken:ok',
      'deviceInsert:ok',
      'deviceAddCard:ok',
      'getDeviceInfo:ok',
      'searchDevice:ok',
      'getDeviceInfoArray:ok',
      'deviceRemove:ok',
    ]);
    expect(endpoint().calls[1].args).toMatchObject({ Device: { DeviceName: 'TELEPHONE-65001' } });
  });

  it('answers as an rpc/encoded service: typed values, SOAP-ENC arrays, encodingStyle', async () => {
    await callLandb(client, 'deviceInsert', { Device: deviceInput() });
    const response = await fetch(endpoint().url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: client.lastRequest?.replace(
        /<tns:deviceInsert>.*<\/tns:deviceInsert>/,
        '<tns:searchDevice><DeviceSearch xsi:type="types:DeviceSearch"><Name xsi:type="xsd:string">TELEPHONE-%</Name></DeviceSearch></tns:searchDevice>',
      ),
    });
    const xml = await response.text();
    expect(response.status).toBe(200);
    expect(xml).toMatch(/soap:encodingStyle="http:\/\/schemas.xmlsoap.org\/soap\/encoding\/"/);
    expect(xml).toContain(
      '<DeviceList xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[1]"><item xsi:type="xsd:string">TELEPHONE-65001</item></DeviceList>',
    );
  });

  it('refuses requests that are not rpc/encoded: untyped parts, lists as repeated elements', async () => {
    // What node-soap writes for rpc on its own: no xsi:type.
    expect(await faultOf(callLandb(client, 'getDeviceInfo', { DeviceName: 'TELEPHONE-65001' }))).toBe(
      'Validation error: getDeviceInfo.DeviceName has no xsi:type (the service is rpc/encoded)',
    );
    // A document/literal-style list: typed, but not a SOAP-ENC array.
    expect(
      await faultOf(
        callLandb(client, 'getDeviceInfoArray', {
          $xml: '<DeviceNameList xsi:type="types:ArrayOfString"><DeviceName xsi:type="xsd:string">TELEPHONE-65001</DeviceName></DeviceNameList>',
        }),
      ),
    ).toMatch(/DeviceNameList must be a SOAP-ENC array/);
  });

  it('faults on an existing device, a missing device and a MAC used by another device', async () => {
    await callLandb(client, 'deviceInsert', { Device: deviceInput() });
    expect(await faultOf(callLandb(client, 'deviceInsert', { Device: deviceInput() }))).toMatch(
      LANDB_FAULTS.deviceExists,
    );
    expect(await faultOf(callLandb(client, 'getDeviceInfo', { DeviceName: s('TELEPHONE-65999') }))).toBe(
      'Device TELEPHONE-65999 not found',
    );
    expect(await faultOf(callLandb(client, 'deviceRemove', { DeviceName: s('TELEPHONE-65999') }))).toMatch(
      LANDB_FAULTS.deviceNotFound,
    );
    await callLandb(client, 'deviceAddCard', {
      DeviceName: s('TELEPHONE-65001'),
      InterfaceCard: card('0004F2ABCDEF'),
    });
    await callLandb(client, 'deviceInsert', { Device: deviceInput({ DeviceName: s('TELEPHONE-65002') }) });
    expect(
      await faultOf(
        callLandb(client, 'deviceAddCard', {
          DeviceName: s('TELEPHONE-65002'),
          InterfaceCard: card('00-04-f2-ab-cd-ef'),
        }),
      ),
    ).toBe('Hardware address 00-04-F2-AB-CD-EF is already registered on device TELEPHONE-65001');
    expect(endpoint().calls.at(-1)).toMatchObject({ operation: 'deviceAddCard', outcome: 'fault' });
  });

  it('issues expiring tokens; faults on a bad, expired or missing token and on bad credentials', async () => {
    const [issued] = endpoint().tokens;
    expect(issued.login).toBe('switchboard');
    expect(issued.expiresAt - Date.now()).toBeGreaterThan(3_500_000);
    client.clearSoapHeaders();
    client.addSoapHeader(authHeader('not-a-token'));
    expect(await faultOf(callLandb(client, 'getDeviceInfo', { DeviceName: s('TELEPHONE-65001') }))).toMatch(
      LANDB_FAULTS.invalidToken,
    );
    client.clearSoapHeaders();
    expect(await faultOf(callLandb(client, 'deviceInsert', { Device: deviceInput() }))).toMatch(
      LANDB_FAULTS.invalidToken,
    );
    expect(
      await faultOf(
        callLandb(client, 'getAuthToken', { Login: s('switchboard'), Password: s('wrong'), Type: s('NICE') }),
      ),
    ).toMatch(LANDB_FAULTS.authenticationFailed);

    await login();
    endpoint().expireTokens();
    expect(await faultOf(callLandb(client, 'deviceRemove', { DeviceName: s('TELEPHONE-65001') }))).toMatch(
      LANDB_FAULTS.invalidToken,
    );
    expect(endpoint().devices.size).toBe(0);
  });

  it('expires a token after its lifetime', async () => {
    const shortLived = await startLandbSoap({ tokenTtlMs: 300 });
    try {
      const other = await createClientAsync(shortLived.wsdlUrl);
      other.addBodyAttribute({ ...ENCODED_XMLNS, 'soap:encodingStyle': SOAP_ENCODING_NS });
      const { token } = await callLandb(other, 'getAuthToken', {
        Login: s('switchboard'),
        Password: s('landb-test-secret'),
        Type: s('CERN'),
      });
      other.addSoapHeader(authHeader(String(token)));
      expect(await faultOf(callLandb(other, 'getDeviceInfo', { DeviceName: s('TELEPHONE-65001') }))).toMatch(
        LANDB_FAULTS.deviceNotFound,
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await faultOf(callLandb(other, 'getDeviceInfo', { DeviceName: s('TELEPHONE-65001') }))).toMatch(
        LANDB_FAULTS.invalidToken,
      );
    } finally {
      await shortLived.stop();
    }
  });

  it('validates requests: MAC format, device name, required fields, card type', async () => {
    await callLandb(client, 'deviceInsert', { Device: deviceInput() });
    for (const bad of ['00:04:f2:ab:cd', '00:04:f2:ab:cd:eg', '00-04:f2-ab-cd-ef', '']) {
      const fault = await faultOf(
        callLandb(client, 'deviceAddCard', { DeviceName: s('TELEPHONE-65001'), InterfaceCard: card(bad) }),
      );
      expect(fault).toMatch(LANDB_FAULTS.validation);
      expect(fault).toMatch(/HardwareAddress|hardware address/);
    }
    expect(
      await faultOf(
        callLandb(client, 'deviceAddCard', {
          DeviceName: s('TELEPHONE-65001'),
          InterfaceCard: card('00:04:f2:ab:cd:ef', 'Token Ring'),
        }),
      ),
    ).toMatch(/CardType/);
    expect(
      await faultOf(
        callLandb(client, 'deviceInsert', { Device: deviceInput({ DeviceName: s('PC-12345') }) }),
      ),
    ).toMatch(/Validation error: device name 'PC-12345'/);
    expect(
      await faultOf(
        callLandb(client, 'deviceInsert', {
          Device: deviceInput({ DeviceName: s('TELEPHONE-65003'), Location: undefined }),
        }),
      ),
    ).toBe('Validation error: Device.Location is required');
    expect(
      await faultOf(
        callLandb(client, 'deviceInsert', {
          Device: deviceInput({ DeviceName: s('TELEPHONE-65003'), OperatingSystem: undefined }),
        }),
      ),
    ).toBe('Validation error: Device.OperatingSystem is required');
    expect(
      await faultOf(
        callLandb(client, 'deviceInsert', {
          Device: deviceInput({
            DeviceName: s('TELEPHONE-65003'),
            Location: encoded.struct('Location', { Building: s('31'), Floor: s('S') }),
          }),
        }),
      ),
    ).toBe('Validation error: Device.Location.Room is required');
    expect([...endpoint().devices.keys()]).toEqual(['TELEPHONE-65001']);
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toEqual([]);
  });

  it('accepts the MAC spellings LanDB accepts', () => {
    expect(canonicalHardwareAddress('00:04:f2:ab:cd:ef')).toBe('00-04-F2-AB-CD-EF');
    expect(canonicalHardwareAddress('00-04-F2-AB-CD-EF')).toBe('00-04-F2-AB-CD-EF');
    expect(canonicalHardwareAddress('0004.f2ab.cdef')).toBe('00-04-F2-AB-CD-EF');
    expect(canonicalHardwareAddress('0004f2abcdef')).toBe('00-04-F2-AB-CD-EF');
    expect(canonicalHardwareAddress('0004f2abcde')).toBeUndefined();
  });

  it('injects a transient SOAP fault once, without applying the change', async () => {
    endpoint().failNext('deviceInsert', 'fault');
    expect(await faultOf(callLandb(client, 'deviceInsert', { Device: deviceInput() }))).toMatch(
      LANDB_FAULTS.transient,
    );
    expect(endpoint().devices.size).toBe(0);
    expect(await callLandb(client, 'deviceInsert', { Device: deviceInput() })).toEqual({ Result: true });
    expect(
      endpoint()
        .calls.filter((c) => c.operation === 'deviceInsert')
        .map((c) => c.outcome),
    ).toEqual(['fault', 'ok']);
  });

  it('injects an HTTP 500 without a SOAP envelope', async () => {
    endpoint().failNext('*', 'http500', 2);
    const failed = callLandb(client, 'getDeviceInfo', { DeviceName: s('TELEPHONE-65001') });
    await expect(failed).rejects.toMatchObject({ response: { status: 500 } });
    await expect(callLandb(client, 'deviceInsert', { Device: deviceInput() })).rejects.toMatchObject({
      response: { status: 500 },
    });
    expect(endpoint().devices.size).toBe(0);
    expect(await callLandb(client, 'deviceInsert', { Device: deviceInput() })).toEqual({ Result: true });
    expect(
      endpoint()
        .calls.filter((c) => c.outcome === 'http500')
        .map((c) => c.operation),
    ).toEqual(['getDeviceInfo', 'deviceInsert']);
  });

  it('injects a delay beyond the client timeout; the late call still applies its change', async () => {
    endpoint().failNext('deviceInsert', delay(1500));
    const started = Date.now();
    await expect(
      callLandb(client, 'deviceInsert', { Device: deviceInput() }, { timeout: 300 }),
    ).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(1400);
    // Like a real slow server, the endpoint finishes the insert after the client gave up: a retry
    // then meets "already exists", which a driver must treat as success.
    const deadline = Date.now() + 10_000;
    while (!endpoint().devices.has('TELEPHONE-65001') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(endpoint().devices.has('TELEPHONE-65001')).toBe(true);
    expect(await faultOf(callLandb(client, 'deviceInsert', { Device: deviceInput() }))).toMatch(
      LANDB_FAULTS.deviceExists,
    );
  });
});
