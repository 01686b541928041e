import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/config/app-config';
import { dataSourceOptions } from '../../libs/persistence/data-source-options';
import { LegacyListingEntity, PhoneModelEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { SandboxStore } from '../../libs/systems/sandbox/sandbox-store';
import { prepareDatabase } from '../../scripts/prepare-database';

describe('preparing the embedded database (what npm start does)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-prepare-'));
  const config = loadConfig({
    SQLITE_PATH: join(folder, 'switchboard.sqlite'),
    PERSONAL_NUMBER_POOL: '70000-70099',
    SHARED_NUMBER_POOL: '65000-65009',
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('creates the schema, pools, catalogue and demo data, and a second run changes nothing', async () => {
    const lines: string[] = [];
    await prepareDatabase(config, (line) => lines.push(line));
    await prepareDatabase(config, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^Database: applied InitialSchema/);
    expect(lines).toContain('Database: schema up to date');
    expect(lines.filter((l) => l.startsWith('Sandbox: added'))).toHaveLength(1);

    const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
    try {
      expect(await dataSource.getRepository(PhoneNumberEntity).countBy({ state: 'AVAILABLE' })).toBe(110);
      expect(await dataSource.getRepository(PhoneNumberEntity).countBy({ state: 'LEGACY' })).toBe(4);
      expect(
        (await dataSource.getRepository(PhoneModelEntity).findOneByOrFail({ id: 'cisco-7940' })).compatible,
      ).toBe('NO');
      expect(await dataSource.getRepository(LegacyListingEntity).findBy({ number: '61235' })).toHaveLength(2);
      const directory = new SandboxStore(dataSource);
      expect(await directory.get('directory', 'person:sam')).toMatchObject({
        personnelClass: 'EXTN',
        personnelSubCode: 'CONT',
      });
      expect(await directory.get('directory', 'person:ada')).toMatchObject({
        phoneNumbers: ['61234', '61235'],
      });
      expect(await directory.get('legacy', '61236')).toMatchObject({
        active: true,
        phone: { modelId: 'polycom-vvx-450' },
      });
    } finally {
      await dataSource.destroy();
    }
  });
});
