import { LandbNetworkDatabaseDriver } from '../../libs/systems/network/landb-network-database.driver';
import type { NetworkDevice } from '../../libs/systems/network/network-database.port';
import { officeLocation } from '../../libs/systems/network/office-location';
import { isSystemError, type SystemError } from '../../libs/systems/system-error';
import { delay, startLandbSoap, type LandbDevice, type LandbHandle } from '../servers/landb-soap';
import { landbConfigFrom, landbEnv } from '../support/network-drivers';
import { freePort } from '../support/free-port';

const PHONE: NetworkDevice = {
  name: 'TELEPHONE-65001',
  location: officeLocation('31/S-021'),
  manufacturer: 'POLYCOM',
  model: 'VVX 450',
  responsible: 'ada',
  user: 'ada',
  description: 'Desk phone of line 65001',
  mac: '0004f2abcdef',
};

/** A device already in LanDB (registered by someone else) holding MAC 00-04-F2-11-11-11. */
const NEIGHBOUR: LandbDevice = {
  DeviceName: 'TELEPHONE-65900',
  Location: { Building: '513', Floor: 'R', Room: '024' },
  Status: 'ACTIVE',
  Manufacturer: 'POLYCOM',
  Model: 'VVX 250',
  ResponsiblePerson: { Name: 'grace' },
  NetworkInterfaceCards: [{ HardwareAddress: '00-04-F2-11-11-11', CardType: 'Ethernet' }],
  LastChangeDate: new Date(0).toISOString(),
};

async function systemErrorOf(promise: Promise<unknown>): Promise<SystemError> {
  try {
    await promise;
  } catch (error) {
    if (isSystemError(error)) return error;
    throw error;
  }
  throw new Error('expected a SystemError, the call succeeded');
}

describe('LanDB network-database driver against the LanDB SOAP endpoint', () => {
  let landb: LandbHandle | undefined;
  let driver: LandbNetworkDatabaseDriver;

  beforeAll(async () => {
    landb = await startLandbSoap({ devices: [NEIGHBOUR] });
  });

  afterAll(async () => {
    await landb?.stop();
  });

  function endpoint(): LandbHandle {
    if (!landb) throw new Error('the endpoint did not start');
    return landb;
  }

  function newDriver(extra: Record<string, string> = {}): LandbNetworkDatabaseDriver {
    return new LandbNetworkDatabaseDriver(landbConfigFrom(landbEnv(endpoint(), extra)));
  }

  function operations(): string[] {
    return endpoint().calls.map((c) => `${c.operation}:${c.outcome}`);
  }

  beforeEach(() => {
    endpoint().reset();
    driver = newDriver();
  });

  it('registers a device with its card, finds it and removes it', async () => {
    expect(await driver.registerDevice(PHONE)).toBe('applied');
    expect(endpoint().devices.get('TELEPHONE-65001')).toMatchObject({
      Location: { Building: '31', Floor: 'S', Room: '021' },
      Manufacturer: 'POLYCOM',
      Model: 'VVX 450',
      Description: 'Desk phone of line 65001',
      ResponsiblePerson: { Name: 'ada' },
      UserPerson: { Name: 'ada' },
      NetworkInterfaceCards: [{ HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' }],
    });
    // LanDB's own spelling of the MAC went over the wire.
    const addCard = endpoint().calls.find((c) => c.operation === 'deviceAddCard');
    expect(addCard?.args).toMatchObject({ InterfaceCard: { HardwareAddress: '00-04-F2-AB-CD-EF' } });

    expect(await driver.findDevice('TELEPHONE-65001')).toEqual(PHONE);
    expect(await driver.removeDevice('TELEPHONE-65001')).toBe('applied');
    expect(endpoint().devices.has('TELEPHONE-65001')).toBe(false);
    expect(await driver.findDevice('TELEPHONE-65001')).toBeNull();
    // One token for the whole session.
    expect(operations().filter((o) => o.startsWith('getAuthToken'))).toEqual(['getAuthToken:ok']);
  });

  it('speaks rpc/encoded: a token from getAuthToken in the Auth header, typed parts, SOAP-ENC arrays', async () => {
    await driver.registerDevice(PHONE);
    expect(await driver.findDeviceByMac('00:04:f2:ab:cd:ef')).toEqual(PHONE);
    expect(await driver.findDevices(['TELEPHONE-65001', 'TELEPHONE-65002'])).toEqual([PHONE]);
    expect(await driver.listDevices({ namePrefix: 'TELEPHONE-650', limit: 10 })).toEqual([PHONE]);
    const calls = endpoint().calls;
    expect(calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
      'getAuthToken:ok',
      'deviceInsert:ok',
      'deviceAddCard:ok',
      'searchDevice:ok',
      'getDeviceInfoArray:ok',
      'getDeviceInfoArray:ok',
      'searchDevice:ok',
      'getDeviceInfoArray:ok',
    ]);
    const [login, ...authenticated] = calls.map((c) => c.envelope ?? '');
    expect(login).toMatch(
      /<tns:getAuthToken><Login xsi:type="xsd:string">switchboard<\/Login><Password xsi:type="xsd:string">landb-test-secret<\/Password><Type xsi:type="xsd:string">NICE<\/Type><\/tns:getAuthToken>/,
    );
    expect(login).not.toMatch(/<Auth\b/);
    const [token] = endpoint().tokens;
    for (const envelope of authenticated) {
      expect(envelope).toContain(
        `xsi:type="types:Auth"><token xsi:type="xsd:string">${token.token}</token></Auth>`,
      );
      expect(envelope).toMatch(/soap:encodingStyle="http:\/\/schemas.xmlsoap.org\/soap\/encoding\/"/);
    }
    expect(authenticated[0]).toMatch(
      /<Device xsi:type="types:DeviceInput">.*<OperatingSystem xsi:type="types:OperatingSystem">/,
    );
    expect(authenticated[1]).toContain(
      '<DeviceName xsi:type="xsd:string">TELEPHONE-65001</DeviceName><InterfaceCard xsi:type="types:InterfaceCard"><HardwareAddress xsi:type="xsd:string">00-04-F2-AB-CD-EF</HardwareAddress>',
    );
    expect(authenticated[2]).toContain(
      '<DeviceSearch xsi:type="types:DeviceSearch"><HardwareAddress xsi:type="xsd:string">00-04-F2-AB-CD-EF</HardwareAddress></DeviceSearch>',
    );
    expect(authenticated[4]).toContain(
      '<DeviceNameList xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[2]"><item xsi:type="xsd:string">TELEPHONE-65001</item><item xsi:type="xsd:string">TELEPHONE-65002</item></DeviceNameList>',
    );
    expect(authenticated[5]).toContain('<Name xsi:type="xsd:string">TELEPHONE-650%</Name>');
  });

  it('renews a token that LanDB expired before LANDB_TOKEN_TTL_MS, once per call', async () => {
    const quick = await startLandbSoap({ tokenTtlMs: 400, devices: [NEIGHBOUR] });
    try {
      const local = new LandbNetworkDatabaseDriver(landbConfigFrom(landbEnv(quick)));
      expect(await local.findDevice('TELEPHONE-65900')).toMatchObject({ mac: '0004f2111111' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The driver still trusts its token (1 h by its clock); LanDB says expired, the driver renews.
      expect(await local.findDevice('TELEPHONE-65900')).toMatchObject({ name: 'TELEPHONE-65900' });
      expect(quick.calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
        'getAuthToken:ok',
        'getDeviceInfo:ok',
        'getDeviceInfo:fault',
        'getAuthToken:ok',
        'getDeviceInfo:ok',
      ]);
      expect(quick.calls[2].faultString).toBe('Invalid or expired authentication token');
      expect(new Set(quick.tokens.map((t) => t.token)).size).toBe(2);
    } finally {
      await quick.stop();
    }
  });

  it('renews only once: a token refused right after renewal is transient, not a loop', async () => {
    const broken = await startLandbSoap({ tokenTtlMs: 1 });
    try {
      const local = new LandbNetworkDatabaseDriver(landbConfigFrom(landbEnv(broken)));
      const error = await systemErrorOf(local.findDevice('TELEPHONE-65001'));
      expect(error.transient).toBe(true);
      expect(error.message).toBe(
        'LanDB, looking up TELEPHONE-65001: Invalid or expired authentication token',
      );
      expect(broken.calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
        'getAuthToken:ok',
        'getDeviceInfo:fault',
        'getAuthToken:ok',
        'getDeviceInfo:fault',
      ]);
    } finally {
      await broken.stop();
    }
  });

  it('is idempotent: the same device twice is unchanged, removing an absent one is unchanged', async () => {
    expect(await driver.registerDevice(PHONE)).toBe('applied');
    expect(await driver.registerDevice({ ...PHONE, mac: '00:04:F2:AB:CD:EF' })).toBe('unchanged');
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toHaveLength(1);
    expect(await driver.removeDevice('TELEPHONE-65001')).toBe('applied');
    expect(await driver.removeDevice('TELEPHONE-65001')).toBe('unchanged');
  });

  it('rejects a device that exists with another MAC, and leaves it alone', async () => {
    await driver.registerDevice(PHONE);
    const error = await systemErrorOf(driver.registerDevice({ ...PHONE, mac: '0004f2000099' }));
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(
      /TELEPHONE-65001 already exists in LanDB with another interface card \(00-04-F2-AB-CD-EF\)/,
    );
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toEqual([
      { HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' },
    ]);
  });

  it('rejects a MAC registered on another device and takes back the device it just inserted', async () => {
    const error = await systemErrorOf(driver.registerDevice({ ...PHONE, mac: '0004f2111111' }));
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(
      /MAC 00-04-F2-11-11-11 is already registered in LanDB on device TELEPHONE-65900/,
    );
    expect([...endpoint().devices.keys()]).toEqual(['TELEPHONE-65900']);
    expect(operations()).toEqual([
      'getAuthToken:ok',
      'deviceInsert:ok',
      'deviceAddCard:fault',
      'deviceRemove:ok',
    ]);
  });

  it('rejects a device without a location before calling LanDB', async () => {
    const error = await systemErrorOf(driver.registerDevice({ ...PHONE, location: null }));
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/no location/);
    expect(endpoint().calls).toEqual([]);
  });

  it('re-authenticates once when the token expired, and reuses a token until LANDB_TOKEN_TTL_MS', async () => {
    await driver.registerDevice(PHONE);
    endpoint().expireTokens();
    expect(await driver.findDevice('TELEPHONE-65001')).toMatchObject({ mac: '0004f2abcdef' });
    expect(operations().slice(-3)).toEqual(['getDeviceInfo:fault', 'getAuthToken:ok', 'getDeviceInfo:ok']);

    // Three calls refused with the same expired token renew it once between them.
    endpoint().expireTokens();
    const found = await Promise.all([1, 2, 3].map(() => driver.findDevice('TELEPHONE-65001')));
    expect(found.map((d) => d?.mac)).toEqual(['0004f2abcdef', '0004f2abcdef', '0004f2abcdef']);
    expect(operations().filter((o) => o === 'getAuthToken:ok')).toHaveLength(3);

    const shortLived = newDriver({ LANDB_TOKEN_TTL_MS: '1' });
    await shortLived.findDevice('TELEPHONE-65001');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await shortLived.findDevice('TELEPHONE-65001');
    expect(operations().slice(-4)).toEqual([
      'getAuthToken:ok',
      'getDeviceInfo:ok',
      'getAuthToken:ok',
      'getDeviceInfo:ok',
    ]);
  });

  it('treats bad credentials as transient (the deployment, not the request, is wrong)', async () => {
    const wrong = newDriver({ LANDB_PASSWORD: 'not-the-password' });
    const error = await systemErrorOf(wrong.registerDevice(PHONE));
    expect(error.transient).toBe(true);
    expect(error.message).toBe(
      'LanDB, registering TELEPHONE-65001: Authentication failed for switchboard (check LANDB_USER and LANDB_PASSWORD)',
    );
    expect(endpoint().devices.has('TELEPHONE-65001')).toBe(false);
    // A failed login is not kept: the next call asks again (and fails again, clearly).
    expect((await systemErrorOf(wrong.findDevice('TELEPHONE-65001'))).message).toMatch(
      /Authentication failed/,
    );
    expect(operations()).toEqual(['getAuthToken:fault', 'getAuthToken:fault']);
  });

  it('classifies a transient SOAP fault and an HTTP 500 as transient; the retry then applies', async () => {
    endpoint().failNext('deviceInsert', 'fault');
    const fault = await systemErrorOf(driver.registerDevice(PHONE));
    expect(fault.transient).toBe(true);
    expect(fault.message).toMatch(/Database temporarily unavailable/);
    expect(endpoint().devices.has('TELEPHONE-65001')).toBe(false);

    endpoint().failNext('deviceInsert', 'http500');
    const http = await systemErrorOf(driver.registerDevice(PHONE));
    expect(http.transient).toBe(true);
    expect(http.message).toMatch(/HTTP 500/);

    expect(await driver.registerDevice(PHONE)).toBe('applied');
  });

  it('classifies a validation fault as permanent', async () => {
    const error = await systemErrorOf(driver.registerDevice({ ...PHONE, name: 'PC-12345' }));
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/Validation error: device name 'PC-12345'/);
  });

  it('times out a slow card as transient; the retry finds what LanDB applied late and is unchanged', async () => {
    endpoint().failNext('deviceAddCard', delay(3000));
    const started = Date.now();
    const error = await systemErrorOf(driver.registerDevice(PHONE));
    expect(error.transient).toBe(true);
    expect(error.message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(2900);
    // The late call still lands on the server, as on a real slow LanDB.
    const deadline = Date.now() + 10_000;
    while (
      !endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards.length &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await driver.registerDevice(PHONE)).toBe('unchanged');
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toHaveLength(1);
  });

  it('times out a slow insert as transient; the retry adds the missing card', async () => {
    endpoint().failNext('deviceInsert', delay(3000));
    expect((await systemErrorOf(driver.registerDevice(PHONE))).transient).toBe(true);
    const deadline = Date.now() + 10_000;
    while (!endpoint().devices.has('TELEPHONE-65001') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await driver.registerDevice(PHONE)).toBe('applied');
    expect(endpoint().devices.get('TELEPHONE-65001')?.NetworkInterfaceCards).toEqual([
      { HardwareAddress: '00-04-F2-AB-CD-EF', CardType: 'Ethernet' },
    ]);
    expect(operations().slice(-3)).toEqual(['deviceInsert:fault', 'getDeviceInfo:ok', 'deviceAddCard:ok']);
  });

  it('classifies a LanDB that refuses connections as transient', async () => {
    const closed = await freePort();
    const down = newDriver({ LANDB_WSDL_URL: `http://127.0.0.1:${closed}/landb?wsdl` });
    const error = await systemErrorOf(down.findDevice('TELEPHONE-65001'));
    expect(error.transient).toBe(true);
    expect(error.message).toMatch(/ECONNREFUSED/);

    // Reachable WSDL, endpoint down: the call itself is refused.
    const noEndpoint = newDriver({ LANDB_ENDPOINT_URL: `http://127.0.0.1:${closed}/landb` });
    const refused = await systemErrorOf(noEndpoint.removeDevice('TELEPHONE-65001'));
    expect(refused.transient).toBe(true);
    expect(refused.message).toMatch(/ECONNREFUSED/);
  });
});
