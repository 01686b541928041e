import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/config/app-config';
import { NumberState } from '../../libs/domain/number-state';
import { dataSourceOptions } from '../../libs/persistence/data-source-options';
import { LegacyListingEntity, LegacyNumberEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { migrate } from '../../libs/persistence/migrate';
import { legacyImportCommand } from '../../scripts/legacy-import';

// The same import on the embedded database of `npm start` (SQLite, made by migrate() with its pools):
// 50,000 lines, some of them free numbers of the personal pool, which become LEGACY.

describe('the legacy import on SQLite', () => {
  // The time is printed, not asserted: on a shared machine it says little about the code.
  jest.setTimeout(600_000);
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-legacy-import-'));
  const config = loadConfig({ SQLITE_PATH: join(folder, 'switchboard.sqlite') });
  const file = join(folder, 'site.csv');
  let dataSource: DataSource;

  beforeAll(async () => {
    await migrate(config);
    dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
    // 40,000 numbers outside the pools and 10,000 inside the personal pool (70000-79999).
    const lines = ['number,service,listed_under,phone_model,phone_mac,voicemail'];
    for (let n = 20000; n < 60000; n += 1) lines.push(`${n},SKYPE,user${n % 500},,,${n % 2 ? 'yes' : ''}`);
    for (let n = 70000; n < 80000; n += 1)
      lines.push(
        `${n},analogue,user${n % 500} user${(n + 7) % 500},polycom-vvx-250,0004f2${n.toString(16).padStart(6, '0')},no`,
      );
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  async function command(...argv: string[]) {
    const out: string[] = [];
    const started = Date.now();
    const code = await legacyImportCommand(argv, dataSource, config, {
      out: (l) => out.push(l),
      err: () => {},
    });
    return { code, summary: out[0], ms: Date.now() - started };
  }

  it('imports 50,000 lines, turning free pool numbers into LEGACY ones, and re-imports as a no-op', async () => {
    const dry = await command(file, '--dry-run', '--report', join(folder, 'dry.json'));
    expect(dry.summary).toMatch(
      /^Dry run \(nothing changed\): 50000 lines, 50000 added, 0 updated, 0 unchanged, 0 refused/,
    );
    expect(await dataSource.getRepository(LegacyNumberEntity).count()).toBe(0);

    const first = await command(file, '--report', join(folder, 'first.json'));
    process.stdout.write(`legacy import of 50000 lines on SQLite: ${first.ms} ms\n`);
    expect(first).toMatchObject({
      code: 0,
      summary: expect.stringMatching(
        /^Imported: 50000 lines, 50000 added, 0 updated, 0 unchanged, 0 refused/,
      ),
    });
    expect(await dataSource.getRepository(PhoneNumberEntity).countBy({ state: NumberState.LEGACY })).toBe(
      50000,
    );
    expect(
      await dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number: '70001' }),
    ).toMatchObject({
      state: NumberState.LEGACY,
      type: null,
      legacySource: 'ANALOGUE',
    });
    expect(
      await dataSource.getRepository(LegacyNumberEntity).findOneByOrFail({ number: '70001' }),
    ).toMatchObject({
      phoneModelId: 'polycom-vvx-250',
      phoneMac: '0004f2011171',
      voicemail: false,
    });
    expect(await dataSource.getRepository(LegacyListingEntity).countBy({ number: '70001' })).toBe(2);

    const again = await command(file, '--report', join(folder, 'again.json'));
    process.stdout.write(`legacy re-import of 50000 lines on SQLite: ${again.ms} ms\n`);
    expect(again.summary).toMatch(/^Imported: 50000 lines, 0 added, 0 updated, 50000 unchanged, 0 refused/);

    // The pools are filled again at every start: that leaves the imported numbers LEGACY.
    await migrate(config);
    expect(await dataSource.getRepository(PhoneNumberEntity).countBy({ state: NumberState.LEGACY })).toBe(
      50000,
    );
  });
});
