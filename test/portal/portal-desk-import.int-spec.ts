import { In } from 'typeorm';
import { LegacyNumberEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { PortalWorld } from './support/portal-world';

// The service desk's legacy-inventory import (importLegacyInventory): dry run, then for real.
describe('the portal in a browser: the service desk imports a legacy inventory (API + PostgreSQL + Chromium)', () => {
  let portal: PortalWorld;

  beforeAll(async () => {
    portal = await PortalWorld.start();
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const csv = [
    'number,service,description,voicemail',
    '68101,Skype for Business,Lab 7 bench phone,yes',
    '68102,analogue,"Room 12, bldg 40",',
    '68103,carrier pigeon,Loft,no',
    '',
  ].join('\n');

  it('previews a CSV file (counts and the refused line), imports it, and the numbers are in the inventory', async () => {
    const desk = await portal.open('desk', '/desk');
    const panel = desk.locator('.card', {
      has: desk.getByRole('heading', { name: 'Legacy inventory import' }),
    });
    await panel.waitFor();
    const picker = panel.getByLabel('Legacy inventory CSV file');

    // Not a CSV file: a clear refusal, and nothing is sent.
    await picker.setInputFiles({
      name: 'site.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('x'),
    });
    await panel.getByText('site.xlsx is not a CSV file').waitFor();
    expect(await panel.getByRole('button', { name: 'Preview (dry run)' }).isDisabled()).toBe(true);

    // Too large for the API: said before anything is sent.
    await picker.setInputFiles({
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}${'#'.repeat(64_001)}`),
    });
    await panel.getByText('huge.csv is too large').waitFor();

    // Refused by the API (no header naming the columns): its message, and the file stays chosen.
    await picker.setInputFiles({
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('hello,world\n1,2\n'),
    });
    await panel.getByRole('button', { name: 'Preview (dry run)' }).click();
    await panel.getByRole('alert').filter({ hasText: 'The header names unknown columns' }).waitFor();
    await panel.getByTestId('legacy-import-chosen').filter({ hasText: 'notes.csv' }).waitFor();

    await picker.setInputFiles({ name: 'site.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByTestId('legacy-import-chosen').filter({ hasText: 'site.csv' }).waitFor();
    await panel.getByRole('button', { name: 'Preview (dry run)' }).click();
    const preview = panel.getByTestId('legacy-import-preview');
    await preview.waitFor();
    const count = (scope: typeof preview, name: string) =>
      scope.locator(`[data-count="${name}"]`).textContent();
    expect(await count(preview, 'lines')).toBe('3');
    expect(await count(preview, 'added')).toBe('2');
    expect(await count(preview, 'refused')).toBe('1');
    const refused = preview.getByRole('row', { name: /68103/ });
    expect(await refused.getByRole('cell').first().textContent()).toContain('4');
    expect(await refused.getByRole('cell').nth(1).textContent()).toMatch(/service/i);
    // The dry run changed nothing.
    const legacy = portal.api.world.dataSource.getRepository(LegacyNumberEntity);
    expect(await legacy.countBy({ number: In(['68101', '68102']) })).toBe(0);

    await panel.getByRole('button', { name: 'Import' }).click();
    const result = panel.getByTestId('legacy-import-result');
    await result.waitFor();
    expect(await count(result, 'added')).toBe('2');
    expect(await count(result, 'refused')).toBe('1');
    // The chosen file stays chosen.
    await panel.getByTestId('legacy-import-chosen').filter({ hasText: 'site.csv' }).waitFor();

    const rows = await legacy.findBy({ number: In(['68101', '68102', '68103']) });
    expect(rows.map((r) => [r.number, r.service, r.description, r.voicemail]).sort()).toEqual([
      ['68101', 'SKYPE', 'Lab 7 bench phone', true],
      ['68102', 'ANALOGUE', 'Room 12, bldg 40', null],
    ]);
    const numbers = await portal.api.world.dataSource
      .getRepository(PhoneNumberEntity)
      .findBy({ number: In(['68101', '68102', '68103']) });
    expect(numbers.map((n) => [n.number, n.state]).sort()).toEqual([
      ['68101', 'LEGACY'],
      ['68102', 'LEGACY'],
    ]);
  });
});
