import { PhoneNumberEntity } from '../../libs/persistence/entities';
import { seedActiveNumber } from '../support/phone-fixtures';
import {
  isFocused,
  PHONE,
  PortalWorld,
  stepsOf,
  waitForRequestStatus,
  watchMutations,
} from './support/portal-world';

describe('the portal in a browser: numbers (API + worker + Temporal + PostgreSQL + Chromium)', () => {
  let portal: PortalWorld;

  beforeAll(async () => {
    portal = await PortalWorld.start();
  });

  afterAll(async () => {
    await portal?.stop();
  });

  afterEach(async () => {
    await portal.api.world.faults.clear();
  });

  it('serves the portal at / and on client routes without shadowing the API', async () => {
    const html = await fetch(`${portal.url}/shared`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    expect(await (await fetch(`${portal.url}/health`)).json()).toEqual({ status: 'ok' });
    const graphql = await fetch(`${portal.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ portalSettings { sandbox } }' }),
    });
    expect(await graphql.json()).toEqual({ data: { portalSettings: { sandbox: true } } });
    expect((await fetch(`${portal.url}/assets/missing-file.js`)).status).toBe(404);
  });

  it('lets a person pick a demo account, and shows an ineligible person why they cannot request a number', async () => {
    const page = await portal.open('ada');
    const selector = page.getByLabel('Demo account');
    await selector.locator('option[value="sam"]').waitFor({ state: 'attached' });
    expect(await selector.locator('option').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Sam Contractor (sam)'),
        expect.stringContaining('(desk)'),
      ]),
    );
    await selector.selectOption('sam');
    const warning = page.getByRole('status').filter({ hasText: 'You cannot request a number' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/EXTN\/CONT.*not authorised/i);
    const button = page.getByRole('button', { name: 'Get a personal number' });
    expect(await button.isDisabled()).toBe(true);
    // The selection survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Your personal number' }).waitFor();
    await page.getByLabel('Demo account').locator('option[value="sam"]').waitFor({ state: 'attached' });
    expect(await page.getByLabel('Demo account').inputValue()).toBe('sam');
    await page.getByRole('status').filter({ hasText: 'You cannot request a number' }).waitFor();
  });

  it('requests a personal number and watches it become ACTIVE in the live timeline', async () => {
    // The PBX call waits until released, so the timeline is seen running before it completes.
    const hold = await portal.api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'hold',
      times: 1,
    });
    const page = await portal.open('ada');
    await page.getByText('You have no personal number yet.').waitFor();
    await page.getByRole('button', { name: 'Get a personal number' }).click();
    await page.waitForURL(/\/requests\//);
    await page.locator('[data-step="create-sip-account"][data-status="RUNNING"]').waitFor();
    expect(await page.getByTestId('request-status').textContent()).toMatch(/Running/);
    await portal.api.world.faults.release(hold);
    await waitForRequestStatus(page, /Completed/);
    expect(await stepsOf(page)).toEqual([
      ['verify-eligibility', 'SUCCEEDED'],
      ['notify-accepted', 'SUCCEEDED'],
      ['reserve-number', 'SUCCEEDED'],
      ['create-sip-account', 'SUCCEEDED'],
      ['publish-number', 'SUCCEEDED'],
      ['activate-number', 'SUCCEEDED'],
      ['notify-outcome', 'SUCCEEDED'],
    ]);
    expect(await page.getByTestId('request-status').getAttribute('aria-live')).toBe('polite');
    await portal.screenshot(page, 'request-timeline');

    const row = await portal.api.world.dataSource
      .getRepository(PhoneNumberEntity)
      .findOneByOrFail({ ownerLogin: 'ada', type: 'PERSONAL' });
    expect(row.state).toBe('ACTIVE');
    await page.getByRole('link', { name: 'Personal number' }).click();
    await page.getByTestId('personal-number').filter({ hasText: row.number }).waitFor();
    expect(await page.locator('.number-card [data-status]').first().getAttribute('data-status')).toBe(
      'ACTIVE',
    );
    expect(await page.getByTestId('phonebook-state').textContent()).toBe('Listed under your name');
    await portal.screenshot(page, 'personal-number');
  });

  it('lets a managers e-group member change a shared number’s description but not delete it', async () => {
    const number = await seedActiveNumber(portal.api.world, {
      owner: 'alan',
      type: 'SHARED',
      managers: ['grace'],
      description: 'Cryo lab',
    });
    const page = await portal.open('grace', '/shared');
    const row = page.locator('tr', { hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('Manager (owner: alan)');
    const remove = row.getByRole('button', { name: `Delete ${number}` });
    expect(await remove.isDisabled()).toBe(true);
    expect(await row.locator('.disabled-reason').allTextContents()).toContain(
      `Only the owner of ${number}, alan, can delete it; members of phone-mngr-${number} cannot. Ask alan.`,
    );

    await row.getByRole('button', { name: `Change description of ${number}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change the description of ${number}` });
    await dialog.getByLabel('Description').fill('Cryo lab hotline');
    await dialog.getByRole('button', { name: 'Save the description' }).click();
    await page.waitForURL(/\/requests\//);
    await waitForRequestStatus(page, /Completed/);
    const saved = await portal.api.world.dataSource
      .getRepository(PhoneNumberEntity)
      .findOneByOrFail({ number });
    expect(saved.description).toBe('Cryo lab hotline');
    await page.getByRole('link', { name: 'Shared numbers' }).click();
    await page.locator('tr', { hasText: 'Cryo lab hotline' }).waitFor();

    // The owner sees every action, delete included.
    const owner = await portal.open('alan', '/shared');
    const ownerRow = owner.locator('tr', { hasText: number });
    await ownerRow.waitFor();
    expect(await ownerRow.getByRole('button', { name: `Delete ${number}` }).isEnabled()).toBe(true);
    await seedActiveNumber(portal.api.world, {
      owner: 'alan',
      type: 'SHARED',
      managers: ['tim', 'marie'],
      description: 'Help line',
    });
    await portal.reload(owner);
    await owner.locator('tr', { hasText: 'Help line' }).waitFor();
    await portal.screenshot(owner, 'shared-numbers');
  });

  it('explains on the legacy page why a number cannot be migrated as personal', async () => {
    const page = await portal.open('grace', '/legacy');
    const row = page.locator('tr', { hasText: '61235' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Analogue line');
    expect(await row.getByRole('button', { name: 'Migrate as personal 61235' }).isDisabled()).toBe(true);
    expect(await row.locator('.disabled-reason').first().textContent()).toMatch(
      /Number 61235 is listed under several people .* so it cannot become a personal number\. Migrate it as shared instead/,
    );
    expect(await row.getByRole('button', { name: 'Migrate as shared… 61235' }).isEnabled()).toBe(true);
    const own = page.locator('tr', { hasText: '61236' });
    expect(await own.getByRole('button', { name: 'Migrate as personal 61236' }).isEnabled()).toBe(true);
    expect(await own.textContent()).toContain('moves with the number');
    await page.getByText('Only one personal number per person').waitFor();
    await portal.screenshot(page, 'legacy-numbers');
  });

  it('runs a dialog from the keyboard alone: focus moves in, stays in, Escape closes, focus returns', async () => {
    const page = await portal.open('tim', '/shared');
    const mutations = watchMutations(page);
    const opener = page.getByRole('button', { name: 'Get a new shared number…' });
    await opener.waitFor();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await isFocused(opener);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Get a new shared number' });
    await dialog.waitFor();
    expect(await isFocused(dialog.getByLabel('Description (required)'))).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.locator(':focus').count()).toBe(1);
    }
    await dialog.getByLabel('Description (required)').focus();
    await page.keyboard.press('Enter');
    await dialog.getByText('Describe what the number is for').waitFor();
    expect(mutations).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(opener)).toBe(true);
  });

  it('reflows the tables on a 390 px wide screen', async () => {
    await seedActiveNumber(portal.api.world, {
      owner: 'marie',
      type: 'SHARED',
      managers: ['ada'],
      description: 'Reception',
    });
    const page = await portal.open('marie', '/shared', PHONE);
    await page.locator('table.table tbody tr').first().waitFor();
    expect(await page.locator('table.table thead').isVisible()).toBe(false);
    const label = await page.evaluate(
      "getComputedStyle(document.querySelector('table.table td'), '::before').content",
    );
    expect(label).toBe('"Number"');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await portal.screenshot(page, 'narrow-screen');
  });
});
