import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { defaultTemplatesDir } from '../../apps/provisioning/src/provisioning-app';
import { loadConfig } from '../../libs/config/app-config';
import { DomainErrorCode } from '../../libs/domain/domain-error';
import { requireRegistrableModel } from '../../libs/domain/phone-registration';
import { dataSourceOptions } from '../../libs/persistence/data-source-options';
import { IpPhoneEntity, PhoneModelEntity } from '../../libs/persistence/entities';
import { migrate } from '../../libs/persistence/migrate';
import { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { PhoneCatalogueAdmin } from '../../libs/systems/inventory/phone-catalogue-admin';
import { TemplateCatalogue } from '../../libs/systems/provisioning/template-catalogue';
import { phoneCatalogueCommand } from '../../scripts/phone-catalogue';

// The phone catalogue as data: seeded once with the defaults, then changed by a telephony admin's
// command, and read by registration at once. On an embedded (SQLite) database made by migrate().

describe('the phone catalogue, changed without a release', () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-catalogue-'));
  const config = loadConfig({ SQLITE_PATH: join(folder, 'switchboard.sqlite') });
  let dataSource: DataSource;
  let admin: PhoneCatalogueAdmin;

  /** Runs the command as the admin types it; returns its exit code and what it printed. */
  async function command(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await phoneCatalogueCommand(
      argv,
      admin,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err: err.join('\n') };
  }

  beforeAll(async () => {
    await migrate(config);
    dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
    admin = new PhoneCatalogueAdmin(dataSource, TemplateCatalogue.load(defaultTemplatesDir()).familyNames());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is seeded with the rule book’s defaults and the Yealink rows', async () => {
    const { code, out } = await command('list');
    expect(code).toBe(0);
    const rows = Object.fromEntries(out.map((line) => [line.split('\t')[0], line.split('\t').slice(1)]));
    expect(Object.keys(rows)).toHaveLength(12);
    for (const vvx of ['150', '201', '250', '350', '411', '450'])
      expect(rows[`polycom-vvx-${vvx}`]).toEqual(['Polycom', `VVX ${vvx}`, 'polycom', 'YES']);
    expect(rows['polycom-d60']).toEqual(['Polycom', 'D60 base', 'polycom', 'YES', 'add-on']);
    expect(rows['alcatel-ip-touch-4028']?.[3]).toBe('SOON');
    expect(rows['cisco-7940']?.[3]).toBe('NO');
    expect(rows['yealink-t54w']).toEqual(['Yealink', 'SIP-T54W', 'yealink', 'YES']);
  });

  it('adds and changes a model, and registration reads the change at once', async () => {
    const t58 = ['--manufacturer', 'Yealink', '--name', 'SIP-T58W', '--family', 'yealink', '--compatible'];
    expect(await command('set', 'yealink-t58w', ...t58, 'SOON')).toMatchObject({
      code: 0,
      out: ['yealink-t58w: added'],
    });
    expect(await command('set', 'yealink-t58w', ...t58, 'SOON')).toMatchObject({
      out: ['yealink-t58w: unchanged'],
    });
    const phones = new PhoneInventory(dataSource);
    expect(() => requireRegistrableModel(null, 'x')).toThrow();
    const refused = (async () =>
      requireRegistrableModel(await phones.findModel('yealink-t58w'), 'yealink-t58w'))();
    await expect(refused).rejects.toMatchObject({ code: DomainErrorCode.MODEL_NOT_COMPATIBLE });
    expect(await command('set', 'yealink-t58w', ...t58, 'YES')).toMatchObject({
      out: ['yealink-t58w: updated'],
    });
    expect(requireRegistrableModel(await phones.findModel('yealink-t58w'), 'yealink-t58w')).toMatchObject({
      compatible: 'YES',
    });
  });

  it.each([
    [['set', 'grandstream-gxp', '--manufacturer', 'Grandstream', '--name', 'GXP', '--family', 'grandstream', '--compatible', 'YES'], 'INVALID_INPUT: Family: there are no provisioning templates for "grandstream"'],
    [['set', 'x', '--manufacturer', 'X', '--name', 'X', '--family', 'polycom', '--compatible', 'MAYBE'], 'INVALID_INPUT: Compatible: "MAYBE" is not one of YES, NO, SOON.'],
    [['set', 'Not A Slug', '--manufacturer', 'X', '--name', 'X', '--family', 'polycom', '--compatible', 'NO'], 'INVALID_INPUT: Model id'],
    [['set', 'x', '--name', 'X'], 'USAGE: set needs --manufacturer, --family, --compatible'],
    [['remove', 'no-such-model'], 'NOT_FOUND: There is no phone model "no-such-model" to remove.'],
    [['frobnicate'], 'USAGE: npm run phone-catalogue'],
    [['list', '--colour'], 'USAGE:'],
  ])('refuses %j with a code and a reason, changing nothing', async (argv, message) => {
    const before = await dataSource.getRepository(PhoneModelEntity).count();
    const { code, err } = await command(...argv);
    expect(code).toBe(2);
    expect(err.startsWith(message)).toBe(true);
    expect(await dataSource.getRepository(PhoneModelEntity).count()).toBe(before);
  }); // prettier-ignore

  it('keeps a model that phones use, and removes an unused one for good', async () => {
    await dataSource.getRepository(IpPhoneEntity).insert({
      id: randomUUID(),
      mac: '805ec0000001',
      number: '70001',
      name: 'TELEPHONE-70001',
      modelId: 'yealink-t46u',
      office: null,
      ownerLogin: 'ada',
      activation: 'ACTIVE',
      requestId: null,
      ipAddress: null,
      provisioningSecret: null,
      provisioningDigestDeliveredAt: null,
      provisioningDigestVerifiedAt: null,
      lastFetchAt: null,
      activatedAt: null,
    });
    const inUse = await command('remove', 'yealink-t46u');
    expect(inUse.code).toBe(2);
    expect(inUse.err).toBe(
      'CONFLICT: 1 registered phone(s) are yealink-t46u: it stays in the catalogue. Mark it NO to stop new registrations.',
    );
    expect(await command('remove', 'yealink-t33g')).toMatchObject({
      code: 0,
      out: ['yealink-t33g: removed'],
    });
    // The next deploy's seeding does not bring it back, nor undo the admin's changes.
    await migrate(config);
    expect(await dataSource.getRepository(PhoneModelEntity).findOneBy({ id: 'yealink-t33g' })).toBeNull();
    expect(
      (await dataSource.getRepository(PhoneModelEntity).findOneByOrFail({ id: 'yealink-t58w' })).compatible,
    ).toBe('YES');
  });
});
