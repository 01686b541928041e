import { execFileSync } from 'node:child_process';
import { createDhcpLab, dhcpExchange, type DhcpLab } from './dhcp-client';
import {
  keaEditReservations,
  OPTION_BOOT_SERVER,
  OPTION_POLYCOM_PROVISIONING,
  startKea,
  type KeaHandle,
} from './kea';

const PHONE_MAC = '00:04:f2:12:34:56';
const UNKNOWN_MAC = '00:04:f2:65:43:21';
const BOOT_SERVER_URL = 'http://10.99.0.1:8080/provisioning/';
const POLYCOM_URL = 'https://prov.switchboard.test/polycom/';

function namespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0]);
}

function lastOctet(address: string): number {
  return Number(address.split('.')[3]);
}

describe('real DHCP exchange against kea-dhcp4 (dhclient in a network namespace)', () => {
  let lab: DhcpLab | undefined;
  let kea: KeaHandle | undefined;

  beforeAll(async () => {
    lab = await createDhcpLab({ serverAddress: '10.99.0.1' });
    kea = await startKea({
      subnet: { subnet: '10.99.0.0/24' },
      interfaces: [lab.serverInterface],
      netns: lab.serverNetns,
    });
  });

  afterAll(async () => {
    // Kea first: it holds the server namespace's interface.
    await kea?.stop();
    await lab?.destroy();
  });

  function setup(): { lab: DhcpLab; kea: KeaHandle } {
    if (!lab || !kea) throw new Error('the lab or Kea did not start');
    return { lab, kea };
  }

  it('gives the reserved MAC exactly its reserved address, host name and options 66/160', async () => {
    const { lab, kea } = setup();
    await keaEditReservations(kea.controlUrl, kea.subnetId, (list) => [
      ...list,
      {
        'hw-address': PHONE_MAC,
        'ip-address': '10.99.0.10',
        hostname: 'TELEPHONE-65001',
        'option-data': [
          { name: OPTION_BOOT_SERVER.name, data: BOOT_SERVER_URL },
          { code: OPTION_POLYCOM_PROVISIONING.code, space: 'dhcp4', data: POLYCOM_URL },
        ],
      },
    ]);

    const lease = await dhcpExchange({ lab, mac: PHONE_MAC });
    if (!lease) throw new Error(`no lease for the reserved MAC\n${kea.logs()}`);
    expect(lease.address).toBe('10.99.0.10');
    expect(lease.serverIdentifier).toBe('10.99.0.1');
    expect(lease.subnetMask).toBe('255.255.255.0');
    // Kea keeps the reservation's case in its config but sends the name in lower case.
    expect(lease.hostname).toBe('telephone-65001');
    expect(lease.options).toEqual({ 66: BOOT_SERVER_URL, 160: POLYCOM_URL });
  });

  it('gives an unknown MAC a pool address and no boot options', async () => {
    const { lab } = setup();
    const lease = await dhcpExchange({ lab, mac: UNKNOWN_MAC });
    expect(lease).toBeDefined();
    expect(lease?.address).toMatch(/^10\.99\.0\.\d+$/);
    expect(lastOctet(lease?.address ?? '')).toBeGreaterThanOrEqual(100);
    expect(lastOctet(lease?.address ?? '')).toBeLessThanOrEqual(199);
    expect(lease?.options).toEqual({});
    expect(lease?.hostname).toBeUndefined();
  });

  it('stops giving the reserved address and options once the reservation is removed', async () => {
    const { lab, kea } = setup();
    await keaEditReservations(kea.controlUrl, kea.subnetId, (list) =>
      list.filter((r) => r['hw-address'] !== PHONE_MAC),
    );
    const lease = await dhcpExchange({ lab, mac: PHONE_MAC });
    expect(lease?.address).not.toBe('10.99.0.10');
    expect(lastOctet(lease?.address ?? '')).toBeGreaterThanOrEqual(100);
    expect(lease?.options).toEqual({});
  });

  it('resolves to undefined when no server answers, and destroy removes both namespaces', async () => {
    const silent = await createDhcpLab({ serverAddress: '10.98.0.1' });
    try {
      expect(namespaces()).toEqual(expect.arrayContaining([silent.serverNetns, silent.clientNetns]));
      expect(await dhcpExchange({ lab: silent, mac: UNKNOWN_MAC, timeoutMs: 2000 })).toBeUndefined();
    } finally {
      await silent.destroy();
    }
    expect(namespaces()).not.toContain(silent.serverNetns);
    expect(namespaces()).not.toContain(silent.clientNetns);
  });
});

describe('real DHCP exchange with the server end in the root namespace', () => {
  // A random third octet: parallel runs must not install the same route in the root namespace.
  const octet = 1 + Math.floor(Math.random() * 254);
  const prefix = `10.97.${octet}`;
  let lab: DhcpLab | undefined;
  let kea: KeaHandle | undefined;

  beforeAll(async () => {
    lab = await createDhcpLab({ serverAddress: `${prefix}.1`, serverSide: 'root' });
    kea = await startKea({ subnet: { subnet: `${prefix}.0/24` }, interfaces: [lab.serverInterface] });
  });

  afterAll(async () => {
    await kea?.stop();
    await lab?.destroy();
  });

  it('serves the reservation on a root-namespace interface, which goes away with the lab', async () => {
    if (!lab || !kea) throw new Error('the lab or Kea did not start');
    expect(lab.serverNetns).toBeUndefined();
    expect(
      execFileSync('ip', ['-o', 'addr', 'show', 'dev', lab.serverInterface], { encoding: 'utf8' }),
    ).toContain(`${prefix}.1/24`);
    await keaEditReservations(kea.controlUrl, kea.subnetId, () => [
      {
        'hw-address': PHONE_MAC,
        'ip-address': `${prefix}.20`,
        'option-data': [{ name: OPTION_BOOT_SERVER.name, data: BOOT_SERVER_URL }],
      },
    ]);
    const lease = await dhcpExchange({ lab, mac: PHONE_MAC });
    expect(lease?.address).toBe(`${prefix}.20`);
    expect(lease?.options).toEqual({ 66: BOOT_SERVER_URL });

    await kea.stop();
    await lab.destroy();
    const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
    expect(links).not.toContain(lab.serverInterface);
  });
});
