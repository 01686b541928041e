import { IpPhoneEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { seedActiveNumber } from '../support/phone-fixtures';
import { PortalWorld, requestIdOf, waitForRequestStatus, watchMutations } from './support/portal-world';

describe('the portal in a browser: IP phones and failures (API + worker + Temporal + PostgreSQL + Chromium)', () => {
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

  it('refuses a malformed MAC as it is typed and sends nothing, then registers and boots a phone', async () => {
    const number = await seedActiveNumber(portal.api.world, { owner: 'ada' });
    const page = await portal.open('ada', '/phones');
    const mutations = watchMutations(page);
    const form = page.getByRole('form', { name: 'Register a new IP phone' });
    await form.waitFor();
    expect(await form.getByLabel('Number').inputValue()).toBe(number);
    const models = form.getByLabel('Model');
    expect(await models.locator('option', { hasText: 'Cisco 7940' }).isDisabled()).toBe(true);
    expect(await models.locator('option', { hasText: 'Cisco 7940' }).textContent()).toContain(
      'not compatible',
    );

    const mac = form.getByLabel('MAC address');
    await mac.pressSequentially('00:04:f2:zz');
    await form.getByText('contains "z", which is not a hex digit').waitFor();
    expect(await mac.getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Register the phone' }).click();
    await mac.fill('01:00:5e:00:00:01');
    await form.getByText('is a multicast address').waitFor();
    await form.getByRole('button', { name: 'Register the phone' }).click();
    expect(mutations).toEqual([]);
    expect(await portal.api.world.dataSource.getRepository(IpPhoneEntity).countBy({ number })).toBe(0);

    await mac.fill('0004.F2A1.B2C3');
    await form.locator('.field-error').waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Register the phone' }).click();
    await page.waitForURL(/\/requests\//);
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toContain('registerPhone');
    // No real phone: the sandbox helper boots it once the registration waits for it.
    const boot = page.getByRole('button', { name: /Simulate boot/ });
    await boot.waitFor({ timeout: 60_000 });
    await page.getByText('Sandbox helper').waitFor();
    await boot.click();
    await waitForRequestStatus(page, /Completed/);
    expect(await page.locator('[data-step="wait-first-boot"]').getAttribute('data-status')).toBe('SUCCEEDED');

    const phone = await portal.api.world.dataSource.getRepository(IpPhoneEntity).findOneByOrFail({ number });
    expect(phone).toMatchObject({ mac: '0004f2a1b2c3', activation: 'ACTIVE', office: '513/R-024' });
    await page.getByRole('link', { name: 'IP phones' }).click();
    const row = page.locator('tr', { hasText: '00:04:f2:a1:b2:c3' });
    await row.waitFor();
    expect(await row.getByTestId('activation-00:04:f2:a1:b2:c3').textContent()).toContain('Active');
    expect(await row.textContent()).toContain(`TELEPHONE-${number}`);
    await seedActiveNumber(portal.api.world, { owner: 'ada', type: 'SHARED', description: 'Lab 2 bench' });
    await portal.reload(page);
    await page.getByRole('form', { name: 'Register a new IP phone' }).waitFor();
    await portal.screenshot(page, 'ip-phones', { fullPage: true });

    // Unregistering asks first.
    await row.getByRole('button', { name: /^Unregister/ }).click();
    const confirm = page.getByRole('dialog', { name: `Unregister TELEPHONE-${number}?` });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(mutations.filter((m) => m.includes('unregisterPhone'))).toEqual([]);
  });

  it('shows a permanent failure in the timeline, and each undo', async () => {
    await portal.api.world.faults.inject({
      system: 'directory',
      operation: 'publishPersonalNumber',
      kind: 'permanent',
      message: 'phonebook refused the entry',
    });
    const page = await portal.open('grace');
    await page.getByRole('button', { name: 'Get a personal number' }).click();
    await page.waitForURL(/\/requests\//);
    await waitForRequestStatus(page, /Failed/);
    const step = (id: string) => page.locator(`[data-step="${id}"]`);
    expect(await step('publish-number').getAttribute('data-status')).toBe('FAILED');
    expect(await step('publish-number').textContent()).toContain('phonebook refused the entry');
    expect(await step('create-sip-account').getAttribute('data-undo')).toBe('DONE');
    expect(await step('reserve-number').getAttribute('data-undo')).toBe('DONE');
    expect(await page.getByTestId('undo-create-sip-account').textContent()).toContain('Undone');
    expect(await page.getByTestId('undo-reserve-number').textContent()).toContain('Undone');
    expect(await step('activate-number').getAttribute('data-status')).toBe('NOT_RUN');
    expect(await page.getByTestId('request-status').textContent()).toContain('phonebook refused the entry');
    // The reservation was released: grace owns no number.
    expect(
      await portal.api.world.dataSource
        .getRepository(PhoneNumberEntity)
        .countBy({ ownerLogin: 'grace', type: 'PERSONAL' }),
    ).toBe(0);
    await portal.screenshot(page, 'request-timeline-failed', { fullPage: true });

    // The request list shows it too.
    const id = requestIdOf(page);
    await page.getByRole('link', { name: 'Your requests' }).click();
    const listed = page.locator('tr', { has: page.locator(`a[href="/requests/${id}"]`) });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('Failed');
  });
});
