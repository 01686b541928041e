import { loadConfig } from './app-config';
import { ipv4ToNumber } from '../systems/dhcp/ipv4';

describe('network driver configuration', () => {
  const kea = {
    DHCP_DRIVER: 'kea',
    KEA_DATABASE_URL: 'postgres://kea:secret@dhcp-db/kea',
    KEA_SUBNET_ID: '12',
    KEA_RESERVED_RANGE: '10.12.0.10-10.12.0.250',
  };
  const landb = {
    NETWORK_DRIVER: 'landb',
    LANDB_WSDL_URL: 'https://network.example.org/sc/soap/soap.fcgi?v=6&WSDL',
    LANDB_USER: 'switchboard',
    LANDB_PASSWORD: 'secret',
  };

  it('leaves both sections out with the sandbox drivers', () => {
    const config = loadConfig({});
    expect(config.drivers).toMatchObject({ dhcp: 'sandbox', network: 'sandbox' });
    expect(config.kea).toBeUndefined();
    expect(config.landb).toBeUndefined();
  });

  it('reads the Kea section with its defaults', () => {
    expect(loadConfig(kea).kea).toEqual({
      databaseUrl: 'postgres://kea:secret@dhcp-db/kea',
      poolSize: 4,
      subnetId: 12,
      reservedRange: { first: ipv4ToNumber('10.12.0.10'), last: ipv4ToNumber('10.12.0.250') },
      bootOptionCodes: [66, 160],
      timeoutMs: 5000,
    });
    expect(loadConfig({ ...kea, KEA_BOOT_OPTION_CODES: '66' }).kea?.bootOptionCodes).toEqual([66]);
  });

  it('reads the LanDB section with its defaults', () => {
    expect(loadConfig(landb).landb).toEqual({
      wsdlUrl: landb.LANDB_WSDL_URL,
      endpointUrl: undefined,
      user: 'switchboard',
      password: 'secret',
      authType: 'NICE',
      timeoutMs: 10_000,
      tokenTtlMs: 3_600_000,
      cardType: 'Ethernet',
    });
  });

  it('names every missing variable of the chosen drivers', () => {
    expect(() => loadConfig({ DHCP_DRIVER: 'kea', NETWORK_DRIVER: 'landb' })).toThrow(
      /KEA_DATABASE_URL: required when DHCP_DRIVER=kea[\s\S]*KEA_SUBNET_ID[\s\S]*KEA_RESERVED_RANGE[\s\S]*LANDB_WSDL_URL: required when NETWORK_DRIVER=landb[\s\S]*LANDB_USER[\s\S]*LANDB_PASSWORD/,
    );
  });

  it('refuses a bad range, bad option codes and an unknown driver', () => {
    expect(() => loadConfig({ ...kea, KEA_RESERVED_RANGE: '10.12.0.250-10.12.0.10' })).toThrow(
      /KEA_RESERVED_RANGE: .*ends before it starts/,
    );
    expect(() => loadConfig({ ...kea, KEA_BOOT_OPTION_CODES: '66,300' })).toThrow(/KEA_BOOT_OPTION_CODES/);
    expect(() => loadConfig({ DHCP_DRIVER: 'isc-dhcpd' })).toThrow(/DHCP_DRIVER/);
  });
});
