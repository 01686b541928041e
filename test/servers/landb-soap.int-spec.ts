import { createClientAsync, type Client } from 'soap';
import {
  callLandb,
  canonicalHardwareAddress,
  delay,
  DEFAULT_LANDB_CREDENTIALS,
  LANDB_FAULTS,
  startLandbSoap,
  type LandbHandle,
} from './landb-soap';

const PHONE = {
  DeviceName: 'TELEPHONE-65001',
  Location: { Building: '31', Floor: 'S', Room: '021' },
  Manufacturer: 'POLYCOM',
  Model: 'VVX 450',
  Description: 'Desk phone of line 65001',
  ResponsiblePerson: { Name: 'DOE', FirstName: 'JANE', Department: 'IT', Group: 'CDA', PersonID: 765432 },
  UserPerson: { Name: 'DOE', FirstName: 'JANE' },
};

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
      Login: DEFAULT_LANDB_CREDENTIALS.login,
      Password: DEFAULT_LANDB_CREDENTIALS.password,
      Type: 'NICE',
    });
    const token = (answer as { token?: unknown }).token;
    if (typeof token !== 'string') throw new Error(`no token in ${JSON.stringify(answer)}`);
    client.clearSoapHeaders();
    client.addSoapHeader({ Auth: { token } });
    return token;
  }

  beforeEach(async () => {
    endpoint().reset();
    await login();
  });

  it('serves its WSDL with the seven operations', () => {
    const description = client.describe() as { NetworkService: { NetworkServicePort: object } };
    const operations = Object.keys(description.NetworkService.NetworkServicePort);
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

  it('inserts a device, adds its card, reports it and removes it', async () => {
    expect(await callLandb(client, 'deviceInsert', { DeviceInput: PHONE })).toEqual({ Result: true });
    expect(
      await callLandb(client, 'deviceAddCard', {
        DeviceName: PHONE.DeviceName,
        InterfaceCard: { HardwareAddress: '00:04:f2:ab:cd:ef', CardType: 'Ethernet' },
      }),
    ).toEqual({ Result: true });

    const info = (await callLandb(client, 'getDeviceInfo', { DeviceName: PHONE.DeviceName })) as {
      DeviceInfo: Record<string, unknown>;
    };
    expect(info.DeviceInfo).toMatchObject({
      DeviceName: 'TELEPHONE-65001',
      Location: PHONE.Location,
      Manufacturer: 'POLYCOM',
      Model: 'VVX 450',
      ResponsiblePerson: PHONE.ResponsiblePerson,
      UserPerson: PHONE.UserPerson,
      // One card still arrives as an array: the schema says maxOccurs="unbounded".
      NetworkInterfaceCards: {
        InterfaceCard: [{ HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' }],
      },
    });
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toEqual([
      { HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' },
    ]);

    expect(await callLandb(client, 'deviceRemove', { DeviceName: PHONE.DeviceName })).toEqual({
      Result: true,
    });
    expect(endpoint().devices.size).toBe(0);
    expect(endpoint().calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
      'getAuthToken:ok',
      'deviceInsert:ok',
      'deviceAddCard:ok',
      'getDeviceInfo:ok',
      'deviceRemove:ok',
    ]);
    expect(endpoint().calls[1].args).toMatchObject({ DeviceInput: { DeviceName: 'TELEPHONE-65001' } });
  });

  it('faults on an existing device, a missing device and a MAC used by another device', async () => {
    await callLandb(client, 'deviceInsert', { DeviceInput: PHONE });
    expect(await faultOf(callLandb(client, 'deviceInsert', { DeviceInput: PHONE }))).toMatch(
      LANDB_FAULTS.deviceExists,
    );

    expect(await faultOf(callLandb(client, 'getDeviceInfo', { DeviceName: 'TELEPHONE-65999' }))).toBe(
      'Device TELEPHONE-65999 not found',
    );
    expect(await faultOf(callLandb(client, 'deviceRemove', { DeviceName: 'TELEPHONE-65999' }))).toMatch(
      LANDB_FAULTS.deviceNotFound,
    );

    await callLandb(client, 'deviceAddCard', {
      DeviceName: PHONE.DeviceName,
      InterfaceCard: { HardwareAddress: '0004F2ABCDEF', CardType: 'Ethernet' },
    });
    await callLandb(client, 'deviceInsert', { DeviceInput: { ...PHONE, DeviceName: 'TELEPHONE-65002' } });
    expect(
      await faultOf(
        callLandb(client, 'deviceAddCard', {
          DeviceName: 'TELEPHONE-65002',
          InterfaceCard: { HardwareAddress: '00-04-f2-ab-cd-ef', CardType: 'Ethernet' },
        }),
      ),
    ).toBe('Hardware address 00-04-F2-AB-CD-EF is already registered on device TELEPHONE-65001');
    expect(endpoint().calls.at(-1)).toMatchObject({ operation: 'deviceAddCard', outcome: 'fault' });
  });

  it('faults on a bad token, bad credentials and a call without the Auth header', async () => {
    client.clearSoapHeaders();
    client.addSoapHeader({ Auth: { token: 'not-a-token' } });
    expect(await faultOf(callLandb(client, 'getDeviceInfo', { DeviceName: PHONE.DeviceName }))).toMatch(
      LANDB_FAULTS.invalidToken,
    );
    client.clearSoapHeaders();
    expect(await faultOf(callLandb(client, 'deviceInsert', { DeviceInput: PHONE }))).toMatch(
      LANDB_FAULTS.invalidToken,
    );
    expect(
      await faultOf(
        callLandb(client, 'getAuthToken', { Login: 'switchboard', Password: 'wrong', Type: 'NICE' }),
      ),
    ).toMatch(LANDB_FAULTS.authenticationFailed);

    await login();
    endpoint().expireTokens();
    expect(await faultOf(callLandb(client, 'deviceRemove', { DeviceName: PHONE.DeviceName }))).toMatch(
      LANDB_FAULTS.invalidToken,
    );
    expect(endpoint().devices.size).toBe(0);
  });

  it('validates requests: MAC format, device name, required fields, card type', async () => {
    await callLandb(client, 'deviceInsert', { DeviceInput: PHONE });
    for (const bad of ['00:04:f2:ab:cd', '00:04:f2:ab:cd:eg', '00-04:f2-ab-cd-ef', '']) {
      const fault = await faultOf(
        callLandb(client, 'deviceAddCard', {
          DeviceName: PHONE.DeviceName,
          InterfaceCard: { HardwareAddress: bad, CardType: 'Ethernet' },
        }),
      );
      expect(fault).toMatch(LANDB_FAULTS.validation);
      expect(fault).toMatch(/HardwareAddress|hardware address/);
    }
    expect(
      await faultOf(
        callLandb(client, 'deviceAddCard', {
          DeviceName: PHONE.DeviceName,
          InterfaceCard: { HardwareAddress: '00:04:f2:ab:cd:ef', CardType: 'Token Ring' },
        }),
      ),
    ).toMatch(/CardType/);
    expect(
      await faultOf(callLandb(client, 'deviceInsert', { DeviceInput: { ...PHONE, DeviceName: 'PC-12345' } })),
    ).toMatch(/Validation error: device name 'PC-12345'/);
    const { Location: _location, ...withoutLocation } = PHONE;
    expect(
      await faultOf(
        callLandb(client, 'deviceInsert', {
          DeviceInput: { ...withoutLocation, DeviceName: 'TELEPHONE-65003' },
        }),
      ),
    ).toBe('Validation error: DeviceInput.Location is required');
    expect(
      await faultOf(
        callLandb(client, 'deviceInsert', {
          DeviceInput: { ...PHONE, DeviceName: 'TELEPHONE-65003', Location: { Building: '31', Floor: 'S' } },
        }),
      ),
    ).toBe('Validation error: DeviceInput.Location.Room is required');
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
    expect(await faultOf(callLandb(client, 'deviceInsert', { DeviceInput: PHONE }))).toMatch(
      LANDB_FAULTS.transient,
    );
    expect(endpoint().devices.size).toBe(0);
    expect(await callLandb(client, 'deviceInsert', { DeviceInput: PHONE })).toEqual({ Result: true });
    expect(
      endpoint()
        .calls.filter((c) => c.operation === 'deviceInsert')
        .map((c) => c.outcome),
    ).toEqual(['fault', 'ok']);
  });

  it('injects an HTTP 500 without a SOAP envelope', async () => {
    endpoint().failNext('*', 'http500', 2);
    const failed = callLandb(client, 'getDeviceInfo', { DeviceName: PHONE.DeviceName });
    await expect(failed).rejects.toMatchObject({ response: { status: 500 } });
    await expect(callLandb(client, 'deviceInsert', { DeviceInput: PHONE })).rejects.toMatchObject({
      response: { status: 500 },
    });
    expect(endpoint().devices.size).toBe(0);
    expect(await callLandb(client, 'deviceInsert', { DeviceInput: PHONE })).toEqual({ Result: true });
    expect(
      endpoint()
        .calls.filter((c) => c.outcome === 'http500')
        .map((c) => c.operation),
    ).toEqual(['getDeviceInfo', 'deviceInsert']);
  });

  it('injects a delay beyond the client timeout; the late call still applies its change', async () => {
    endpoint().failNext('deviceInsert', delay(1500));
    const started = Date.now();
    await expect(callLandb(client, 'deviceInsert', { DeviceInput: PHONE }, { timeout: 300 })).rejects.toThrow(
      /timeout/i,
    );
    expect(Date.now() - started).toBeLessThan(1400);
    // Like a real slow server, the endpoint finishes the insert after the client gave up: a retry
    // then meets "already exists", which a driver must treat as success.
    const deadline = Date.now() + 10_000;
    while (!endpoint().devices.has(PHONE.DeviceName) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(endpoint().devices.has(PHONE.DeviceName)).toBe(true);
    expect(await faultOf(callLandb(client, 'deviceInsert', { DeviceInput: PHONE }))).toMatch(
      LANDB_FAULTS.deviceExists,
    );
  });
});
