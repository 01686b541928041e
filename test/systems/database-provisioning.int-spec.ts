import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/data-source-options';
import { IpPhoneEntity } from '../../libs/persistence/entities';
import { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { DatabaseProvisioningDriver } from '../../libs/systems/provisioning/database-provisioning.driver';
import type { PhoneConfig } from '../../libs/systems/provisioning/provisioning.port';
import { randomMac } from '../support/phone-fixtures';
import { createScratchDatabase, dropScratchDatabase } from '../support/postgres';
import { requireTestEnv } from '../support/test-env';

const config = (d60: PhoneConfig['d60'] = null): PhoneConfig => ({
  family: 'polycom',
  modelId: 'polycom-vvx-450',
  sipServer: 'switchboard.local',
  lines: [{ index: 1, extension: '65001', label: '65001', displayName: 'Lab 2' }],
  d60,
});

/** What the provisioning app will serve from: secrets, servable configurations, fetches. */
describe('the provisioning server state on the app database', () => {
  let url: string;
  let dataSource: DataSource;
  let driver: DatabaseProvisioningDriver;
  let number = 31000;

  beforeAll(async () => {
    url = await createScratchDatabase('switchboard_provisioning', requireTestEnv('postgresTemplateUrl'));
    dataSource = await new DataSource(dataSourceOptions({ type: 'postgres', url, poolSize: 4 })).initialize();
    driver = new DatabaseProvisioningDriver(dataSource, 'https://prov.example.org/');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropScratchDatabase(url);
  });

  async function aPhone(): Promise<{ id: string; mac: string }> {
    const phone = { id: randomUUID(), mac: randomMac() };
    number += 1;
    await new PhoneInventory(dataSource).createRequested({
      ...phone,
      requestId: randomUUID(),
      number: String(number),
      modelId: 'polycom-vvx-450',
      office: null,
      ownerLogin: 'ada',
    });
    return phone;
  }

  it('gives each phone one boot URL with a 32-byte secret, the same on every call', async () => {
    const { id, mac } = await aPhone();
    const first = await driver.bootUrl(mac);
    const again = await driver.bootUrl(mac);
    const secret = (await dataSource.getRepository(IpPhoneEntity).findOneByOrFail({ id }))
      .provisioningSecret!;

    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(first).toEqual({ url: `https://prov.example.org/p/${secret}/`, result: 'applied' });
    expect(again).toEqual({ url: first.url, result: 'unchanged' });
    const other = await aPhone();
    expect((await driver.bootUrl(other.mac)).url).not.toBe(first.url);
  });

  it('refuses a boot URL for a MAC that no registered phone has', async () => {
    await expect(driver.bootUrl(randomMac())).rejects.toMatchObject({
      system: 'provisioning',
      transient: false,
    });
  });

  it('serves the published configuration only to the phone with the right secret', async () => {
    const { mac } = await aPhone();
    const { url: bootUrl } = await driver.bootUrl(mac);
    const secret = /\/p\/([^/]+)\/$/.exec(bootUrl)![1];
    expect(await driver.configForDevice(secret, mac)).toBeNull();

    expect(await driver.publishConfig(mac, config())).toEqual({ revision: 1, result: 'applied' });
    expect(await driver.publishConfig(mac, config())).toEqual({ revision: 1, result: 'unchanged' });
    expect(await driver.configForDevice(secret, mac)).toMatchObject({
      servable: true,
      revision: 1,
      config: config(),
    });
    expect(
      await driver.configForDevice(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, mac),
    ).toBeNull();
    expect(await driver.configForDevice(secret, randomMac())).toBeNull();
  });

  it('counts fetches from the current publication only, and keeps them across a regeneration', async () => {
    const { id, mac } = await aPhone();
    await driver.publishConfig(mac, config());
    expect(await driver.lastConfigFetch(mac)).toBeNull();
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(await driver.recordConfigFetch(mac, at)).toBe(true);
    expect(await driver.lastConfigFetch(mac)).toEqual(at);
    expect((await dataSource.getRepository(IpPhoneEntity).findOneByOrFail({ id })).lastFetchAt).toEqual(at);

    // A D60 block is a new revision of the same publication: the fetch still counts.
    const d60 = { baseMac: randomMac(), handsets: [{ slot: 1, extension: '65001' }] };
    expect(await driver.publishConfig(mac, config(d60))).toEqual({ revision: 2, result: 'applied' });
    expect(await driver.lastConfigFetch(mac)).toEqual(at);

    // Withdrawn: nothing served, the secret gone; published again: an earlier fetch no longer counts.
    expect(await driver.withdrawConfig(mac)).toBe('applied');
    expect(await driver.withdrawConfig(mac)).toBe('unchanged');
    expect(await driver.lastConfigFetch(mac)).toBeNull();
    expect(await driver.recordConfigFetch(mac)).toBe(false);
    expect(
      (await dataSource.getRepository(IpPhoneEntity).findOneByOrFail({ id })).provisioningSecret,
    ).toBeNull();
    await driver.publishConfig(mac, config());
    expect(await driver.lastConfigFetch(mac)).toBeNull();
    expect(await driver.findConfig(mac)).toMatchObject({ servable: true, revision: 3, lastFetchAt: null });
  });
});
