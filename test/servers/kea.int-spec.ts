import { readFile } from 'node:fs/promises';
import {
  keaApplyConfig,
  keaCommand,
  keaCommandOk,
  keaConfigGet,
  keaEditReservations,
  OPTION_BOOT_SERVER,
  OPTION_POLYCOM_PROVISIONING,
  startKea,
  type KeaDhcp4Config,
  type KeaHandle,
  type KeaReservation,
} from './kea';

const MAC = '00:04:f2:aa:bb:01';
const PROVISIONING_URL = 'http://127.0.0.1:8080/provisioning/';

function phoneReservation(mac: string, ip: string, hostname: string): KeaReservation {
  return {
    'hw-address': mac,
    'ip-address': ip,
    hostname,
    'option-data': [
      { name: OPTION_BOOT_SERVER.name, data: PROVISIONING_URL },
      // By code and space, as a production driver should: the name is site-specific.
      {
        code: OPTION_POLYCOM_PROVISIONING.code,
        space: OPTION_POLYCOM_PROVISIONING.space,
        data: PROVISIONING_URL,
      },
    ],
  };
}

function reservationsOf(config: KeaDhcp4Config, subnetId: number): KeaReservation[] {
  const subnet = config.subnet4?.find((s) => s.id === subnetId);
  if (!subnet) throw new Error(`no subnet ${subnetId}`);
  return subnet.reservations ?? [];
}

async function reservationsOnDisk(kea: KeaHandle): Promise<KeaReservation[]> {
  const written = JSON.parse(await readFile(kea.configPath, 'utf8')) as { Dhcp4: KeaDhcp4Config };
  return reservationsOf(written.Dhcp4, kea.subnetId);
}

describe('Kea harness (kea-dhcp4 + kea-ctrl-agent)', () => {
  let kea: KeaHandle | undefined;

  beforeAll(async () => {
    kea = await startKea({ subnet: { subnet: '10.99.0.0/24' } });
  });

  afterAll(async () => {
    await kea?.stop();
  });

  function running(): KeaHandle {
    if (!kea) throw new Error('Kea did not start');
    return kea;
  }

  it('relays config-get to dhcp4 with the subnet, the pool and the option 160 definition', async () => {
    const answers = await keaCommand(running().controlUrl, 'config-get');
    expect(answers).toHaveLength(1);
    expect(answers[0].result).toBe(0);

    const config = await keaConfigGet(running().controlUrl);
    const subnet = config.subnet4?.find((s) => s.id === running().subnetId);
    expect(subnet?.subnet).toBe('10.99.0.0/24');
    expect(subnet?.pools?.map((p) => p.pool)).toEqual(['10.99.0.100-10.99.0.199']);
    expect(config['option-def']).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 160, type: 'string', space: 'dhcp4' })]),
    );
    expect(running().interfaces).toEqual([]);
  });

  it('reports an unknown command with a non-zero result', async () => {
    const answers = await keaCommand(running().controlUrl, 'reservation-add', { reservation: {} });
    expect(answers[0].result).not.toBe(0);
  });

  it('adds a host reservation with options 66 and 160, applies it and writes it to disk', async () => {
    const url = running().controlUrl;
    await keaEditReservations(url, running().subnetId, (list) => [
      ...list,
      phoneReservation(MAC, '10.99.0.10', 'TELEPHONE-65001'),
    ]);

    const live = reservationsOf(await keaConfigGet(url), running().subnetId);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({
      'hw-address': MAC,
      'ip-address': '10.99.0.10',
      hostname: 'TELEPHONE-65001',
    });
    expect(live[0]['option-data']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 66, data: PROVISIONING_URL }),
        expect.objectContaining({
          code: 160,
          name: OPTION_POLYCOM_PROVISIONING.name,
          data: PROVISIONING_URL,
        }),
      ]),
    );

    const onDisk = await reservationsOnDisk(running());
    expect(onDisk).toEqual([expect.objectContaining({ 'hw-address': MAC, hostname: 'TELEPHONE-65001' })]);

    // The written file is a valid config: reloading it keeps the reservation.
    await keaCommandOk(url, 'config-reload');
    expect(reservationsOf(await keaConfigGet(url), running().subnetId)).toHaveLength(1);
  });

  it('rejects a reservation outside the subnet at config-test and leaves the running config alone', async () => {
    const url = running().controlUrl;
    const config = await keaConfigGet(url);
    const subnet = config.subnet4?.find((s) => s.id === running().subnetId);
    if (!subnet) throw new Error('subnet missing');
    subnet.reservations = [
      ...(subnet.reservations ?? []),
      phoneReservation('00:04:f2:aa:bb:02', '10.98.0.10', 'x'),
    ];

    const answers = await keaCommand(url, 'config-test', { Dhcp4: config });
    expect(answers[0].result).toBe(1);
    expect(answers[0].text).toMatch(/10\.98\.0\.10/);
    await expect(keaApplyConfig(url, config)).rejects.toThrow(/config-test failed/);
    expect(reservationsOf(await keaConfigGet(url), running().subnetId)).toHaveLength(1);
  });

  it('removes the reservation the same way, live and on disk', async () => {
    const url = running().controlUrl;
    await keaEditReservations(url, running().subnetId, (list) => list.filter((r) => r['hw-address'] !== MAC));
    expect(reservationsOf(await keaConfigGet(url), running().subnetId)).toEqual([]);
    expect(await reservationsOnDisk(running())).toEqual([]);
  });

  it('applies a config with 2000 reservations in one config-set', async () => {
    const url = running().controlUrl;
    const many: KeaReservation[] = Array.from({ length: 2000 }, (_, i) => ({
      'hw-address': `00:04:f2:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`,
      hostname: `TELEPHONE-${String(65000 + i).padStart(5, '0')}`,
      'option-data': [{ name: OPTION_BOOT_SERVER.name, data: PROVISIONING_URL }],
    }));
    await keaEditReservations(url, running().subnetId, () => many);
    expect(reservationsOf(await keaConfigGet(url), running().subnetId)).toHaveLength(2000);
    await keaEditReservations(url, running().subnetId, () => []);
  });
});
