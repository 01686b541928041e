import type { Page } from 'playwright-core';
import { addDays, todayUtc } from '../../libs/legacy/campaign-scheduler';
import { IpPhoneEntity, PhoneNumberEntity, RequestEntity } from '../../libs/persistence/entities';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { registerActivePhone, seedActiveNumber } from '../support/phone-fixtures';
import { portalForThisFile, requestIdOf, waitForRequestStatus, watchMutations } from './support/portal-world';

// Every action of the person's pages not driven by the other portal files, each from the browser
// and its effect checked in the page and in the inventory.
describe('the portal in a browser: every number, legacy and phone action (API + worker + Temporal + PostgreSQL + Chromium)', () => {
  const portal = portalForThisFile();

  const numbers = () => portal().api.world.dataSource.getRepository(PhoneNumberEntity);

  /** After an action that starts a request: its page, followed until it ends as expected. */
  async function followRequest(page: Page, ending = /Completed/): Promise<string> {
    await page.waitForURL(/\/requests\//);
    await waitForRequestStatus(page, ending);
    return requestIdOf(page);
  }

  async function goTo(page: Page, link: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await page.locator('main h1').first().waitFor();
  }

  const directory = () => new SandboxDirectoryDriver(portal().api.world.sandbox);

  /** Alan's shared number offered to `newOwner` from his browser: the request waits for the answer. */
  async function offerToNewOwner(description: string, newOwner: string) {
    const number = await seedActiveNumber(portal().api.world, { owner: 'alan', type: 'SHARED', description });
    const page = await portal().open('alan', '/shared');
    await page
      .locator('tr', { hasText: number })
      .getByRole('button', { name: `Change owner of ${number}` })
      .click();
    const propose = page.getByRole('dialog', { name: `Propose a new owner for ${number}` });
    await propose.getByLabel('Login of the new owner').fill(newOwner);
    await propose.getByRole('button', { name: 'Propose' }).click();
    await page.waitForURL(/\/requests\//);
    await page.locator('[data-step="await-acceptance"][data-status="RUNNING"]').waitFor();
    return { page, number, id: requestIdOf(page) };
  }

  const sentMutation = (sent: string[], name: string) => sent.filter((query) => query.includes(name));

  it('lists a personal number in the phonebook and out again, turns it to shared, and deletes the next one', async () => {
    const page = await portal().open('marie');
    const sent = watchMutations(page);
    await page.getByRole('button', { name: 'Get a personal number' }).click();
    await followRequest(page);
    const first = await numbers().findOneByOrFail({ ownerLogin: 'marie', type: 'PERSONAL' });

    await goTo(page, 'Personal number');
    const phonebook = page.getByTestId('phonebook-state');
    await phonebook.filter({ hasText: 'Listed under your name' }).waitFor();
    await page.getByRole('button', { name: 'Remove from the phonebook' }).click();
    await followRequest(page);
    expect((await numbers().findOneByOrFail({ number: first.number })).inPhonebook).toBe(false);
    await goTo(page, 'Personal number');
    await phonebook.filter({ hasText: 'Not listed' }).waitFor();

    await page.getByRole('button', { name: 'Add to the phonebook' }).click();
    await followRequest(page);
    expect((await numbers().findOneByOrFail({ number: first.number })).inPhonebook).toBe(true);
    await goTo(page, 'Personal number');
    await phonebook.filter({ hasText: 'Listed under your name' }).waitFor();
    expect(sentMutation(sent, 'setPhonebookListing')).toHaveLength(2);

    // Turning to shared needs a description: refused in the dialog, nothing sent.
    await page.getByRole('button', { name: 'Turn to shared…' }).click();
    const toShared = page.getByRole('dialog', { name: `Turn ${first.number} into a shared number` });
    await toShared.getByRole('button', { name: 'Turn to shared' }).click();
    await toShared.getByText('A shared number needs a description').waitFor();
    expect(await toShared.getByLabel('Description (required)').getAttribute('aria-invalid')).toBe('true');
    expect(sentMutation(sent, 'turnToShared')).toEqual([]);
    await toShared.getByLabel('Description (required)').fill('Radiation lab');
    await toShared.getByLabel('Managers (logins, optional)').fill('ada, tim');
    await toShared.getByRole('button', { name: 'Turn to shared' }).click();
    await followRequest(page);
    expect(await numbers().findOneByOrFail({ number: first.number })).toMatchObject({
      type: 'SHARED',
      ownerLogin: 'marie',
      description: 'Radiation lab',
      managersGroup: `phone-mngr-${first.number}`,
    });
    await goTo(page, 'Shared numbers');
    const sharedRow = page.locator('tr', { hasText: first.number });
    await sharedRow.filter({ hasText: 'Radiation lab' }).waitFor();
    expect(await sharedRow.textContent()).toMatch(/phone-mngr-\d{5}.*ada, tim/);
    await goTo(page, 'Personal number');
    await page.getByText('You have no personal number yet.').waitFor();

    // A new personal number, then deleting it: the confirmation comes first, and "Keep it" keeps it.
    await page.getByRole('button', { name: 'Get a personal number' }).click();
    await followRequest(page);
    const second = await numbers().findOneByOrFail({ ownerLogin: 'marie', type: 'PERSONAL' });
    expect(second.number).not.toBe(first.number);
    await goTo(page, 'Personal number');
    await page.getByTestId('personal-number').filter({ hasText: second.number }).waitFor();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete ${second.number}?` });
    await confirm.getByText('This cannot be undone.').waitFor();
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(sentMutation(sent, 'deleteNumber')).toEqual([]);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await confirm.getByRole('button', { name: `Delete ${second.number}` }).click();
    await followRequest(page);
    expect(sentMutation(sent, 'deleteNumber')).toHaveLength(1);
    expect((await numbers().findOneByOrFail({ number: second.number })).state).toBe('QUARANTINED');
    await goTo(page, 'Personal number');
    await page.getByText('You have no personal number yet.').waitFor();
  });

  it('gets a new shared number, changes its description and managers, hands it to a new owner who deletes it', async () => {
    const page = await portal().open('tim', '/shared');
    const sent = watchMutations(page);
    await page.getByRole('button', { name: 'Get a new shared number…' }).click();
    const create = page.getByRole('dialog', { name: 'Get a new shared number' });
    await create.getByLabel('Managers (logins, optional)').fill('grace');
    await create.getByRole('button', { name: 'Request the number' }).click();
    await create.getByText('Describe what the number is for').waitFor();
    expect(sent).toEqual([]);
    await create.getByLabel('Description (required)').fill('Detector control room');
    await create.getByRole('button', { name: 'Request the number' }).click();
    await followRequest(page);
    const shared = await numbers().findOneByOrFail({ ownerLogin: 'tim', type: 'SHARED' });
    expect(shared).toMatchObject({ state: 'ACTIVE', description: 'Detector control room' });
    const number = shared.number;

    await goTo(page, 'Shared numbers');
    const row = page.locator('tr', { hasText: number });
    await row.filter({ hasText: 'Detector control room' }).waitFor();
    expect(await row.textContent()).toContain(`phone-mngr-${number} grace`);

    await row.getByRole('button', { name: `Change description of ${number}` }).click();
    const describe = page.getByRole('dialog', { name: `Change the description of ${number}` });
    expect(await describe.getByLabel('Description').inputValue()).toBe('Detector control room');
    await describe.getByLabel('Description').fill('Detector control room (24/7)');
    await describe.getByRole('button', { name: 'Save the description' }).click();
    await followRequest(page);
    expect((await numbers().findOneByOrFail({ number })).description).toBe('Detector control room (24/7)');
    await goTo(page, 'Shared numbers');
    await row.filter({ hasText: 'Detector control room (24/7)' }).waitFor();

    await row.getByRole('button', { name: `Edit managers of ${number}` }).click();
    const managers = page.getByRole('dialog', { name: `Managers of ${number}` });
    const members = managers.getByLabel(`Members of phone-mngr-${number}`);
    expect(await members.inputValue()).toBe('grace');
    await members.fill('grace, Ada');
    await managers.getByRole('button', { name: 'Save the managers' }).click();
    await followRequest(page);
    await goTo(page, 'Shared numbers');
    await row.filter({ hasText: new RegExp(`phone-mngr-${number} (grace, ada|ada, grace)`) }).waitFor();
    expect((await directory().groupMembers(`phone-mngr-${number}`))?.sort()).toEqual(['ada', 'grace']);
    expect(sentMutation(sent, 'setManagers')).toHaveLength(1);

    // The owner proposes marie; nothing changes until she accepts in her own session.
    await row.getByRole('button', { name: `Change owner of ${number}` }).click();
    const propose = page.getByRole('dialog', { name: `Propose a new owner for ${number}` });
    await propose.getByRole('button', { name: 'Propose' }).click();
    await propose.getByText('Give the login of the proposed owner.').waitFor();
    expect(sentMutation(sent, 'proposeOwner')).toEqual([]);
    await propose.getByLabel('Login of the new owner').fill('marie');
    await propose.getByRole('button', { name: 'Propose' }).click();
    await page.waitForURL(/\/requests\//);
    const changeId = requestIdOf(page);
    await page.locator('[data-step="await-acceptance"][data-status="RUNNING"]').waitFor();
    expect((await numbers().findOneByOrFail({ number })).ownerLogin).toBe('tim');

    const marie = await portal().open('marie', '/shared');
    const offers = marie.locator('.offers');
    await offers.getByText(`proposed by tim`).waitFor();
    expect(await offers.textContent()).toContain(number);
    await portal().screenshot(marie, 'ownership-offer');
    await offers.getByRole('button', { name: `Accept ${number}` }).click();
    // The person who proposed it sees the request finish on the page they kept open.
    await waitForRequestStatus(page, /Completed/);
    expect(requestIdOf(page)).toBe(changeId);
    expect((await numbers().findOneByOrFail({ number })).ownerLogin).toBe('marie');

    await goTo(marie, 'Shared numbers');
    const marieRow = marie.locator('tr', { hasText: number });
    await marieRow.filter({ hasText: 'Owner' }).waitFor();
    await offers.waitFor({ state: 'detached' });
    await marieRow.getByRole('button', { name: `Delete ${number}` }).click();
    const confirm = marie.getByRole('dialog', { name: `Delete ${number} (Detector control room (24/7))?` });
    await confirm.getByRole('button', { name: `Delete ${number}` }).click();
    await followRequest(marie);
    expect((await numbers().findOneByOrFail({ number })).state).toBe('QUARANTINED');
    await goTo(marie, 'Shared numbers');
    await marie.getByRole('heading', { name: 'Your shared numbers' }).waitFor();
    await marie.locator('tr', { hasText: number }).waitFor({ state: 'detached' });

    // Tim's requests, newest first, each with its status.
    await goTo(page, 'Requests');
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('td:first-child').allTextContents()).toEqual([
      'Change owner',
      'Managers e-group',
      'Change description',
      'New shared number',
    ]);
    expect(await rows.locator('.pill').allTextContents()).toEqual(Array(4).fill('Completed'));
    await portal().screenshot(page, 'requests');
  });

  it('cancels a request before its point of no return, with a reason, and lists it among the requests', async () => {
    const { page, number, id } = await offerToNewOwner('Workshop', 'grace');
    const grace = await portal().open('grace', '/shared');
    await grace.locator('.offers strong', { hasText: number }).waitFor();

    const sent = watchMutations(page);
    await page.getByRole('button', { name: 'Cancel this request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this request?' });
    await dialog.getByRole('button', { name: 'Cancel the request' }).click();
    await dialog.getByText('Say why: the reason is recorded.').waitFor();
    expect(sent).toEqual([]);
    await dialog.getByLabel('Reason (required)').fill('Grace is moving to another group');
    await dialog.getByRole('button', { name: 'Cancel the request' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForRequestStatus(page, /Cancelled/);
    expect(await page.getByTestId('request-status').textContent()).toContain(
      'Grace is moving to another group',
    );
    await page.getByRole('button', { name: 'Cancel this request…' }).waitFor({ state: 'detached' });
    expect(
      await portal().api.world.dataSource.getRepository(RequestEntity).findOneByOrFail({ id }),
    ).toMatchObject({ status: 'CANCELLED' });
    expect((await numbers().findOneByOrFail({ number })).ownerLogin).toBe('alan');
    // The offer is withdrawn from grace's page.
    await portal().reload(grace);
    await grace.getByRole('heading', { name: 'Your shared numbers' }).waitFor();
    await grace.locator('.offers').waitFor({ state: 'detached' });

    // The request list: newest first, with its status and reason.
    await goTo(page, 'Requests');
    const listed = page.locator('tr', { has: page.locator(`a[href="/requests/${id}"]`) });
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(new RegExp(`${number}.*Cancelled`));
    expect(await page.locator('tbody tr').count()).toBe(1);
    await listed.getByRole('link').click();
    await waitForRequestStatus(page, /Cancelled/);
    expect(requestIdOf(page)).toBe(id);
  });

  it('lets the proposed owner refuse an offer: the request fails with the reason and nothing changes', async () => {
    const { page, number } = await offerToNewOwner('Library desk', 'ada');

    const ada = await portal().open('ada', '/shared');
    const offer = ada.locator('.offer', { has: ada.locator('strong', { hasText: number }) });
    await offer.getByRole('button', { name: `Refuse ${number}` }).click();
    await waitForRequestStatus(page, new RegExp(`Failed: ada refused to own ${number}; nothing was changed`));
    expect(await page.locator('[data-step="await-acceptance"]').getAttribute('data-status')).toBe('FAILED');
    expect((await numbers().findOneByOrFail({ number })).ownerLogin).toBe('alan');
    await goTo(ada, 'Shared numbers');
    await ada.getByRole('heading', { name: 'Your shared numbers' }).waitFor();
    await ada.locator('.offers').waitFor({ state: 'detached' });
  });

  it('migrates one legacy number as personal and another as shared', async () => {
    const page = await portal().open('ada', '/legacy');
    const sent = watchMutations(page);
    await page
      .locator('tr', { hasText: '61234' })
      .getByRole('button', { name: 'Migrate as personal 61234' })
      .click();
    await followRequest(page);
    expect(await numbers().findOneByOrFail({ number: '61234' })).toMatchObject({
      type: 'PERSONAL',
      ownerLogin: 'ada',
      state: 'ACTIVE',
    });
    await goTo(page, 'Personal number');
    await page.getByTestId('personal-number').filter({ hasText: '61234' }).waitFor();

    await goTo(page, 'Legacy numbers');
    const row = page.locator('tr', { hasText: '61235' });
    await row.getByRole('button', { name: 'Migrate as shared… 61235' }).click();
    const dialog = page.getByRole('dialog', { name: 'Migrate 61235 as a shared number' });
    const description = dialog.getByLabel('Description (required)');
    // The legacy description is offered; emptied, the dialog refuses it and sends nothing.
    expect(await description.inputValue()).toBe('Lab 2 bench phone');
    await description.fill('');
    await dialog.getByRole('button', { name: 'Migrate as shared' }).click();
    await dialog.getByText('A shared number needs a description.').waitFor();
    expect(sentMutation(sent, 'migrateLegacyNumber')).toHaveLength(1);
    await description.fill('Lab 2 bench');
    await dialog.getByLabel('Managers (logins, optional)').fill('grace');
    await dialog.getByRole('button', { name: 'Migrate as shared' }).click();
    await followRequest(page);
    expect(await numbers().findOneByOrFail({ number: '61235' })).toMatchObject({
      type: 'SHARED',
      ownerLogin: 'ada',
      state: 'ACTIVE',
      description: 'Lab 2 bench',
    });
    await goTo(page, 'Shared numbers');
    await page.locator('tr', { hasText: '61235' }).filter({ hasText: 'Lab 2 bench' }).waitFor();
    await goTo(page, 'Legacy numbers');
    await page.getByText('The phonebook lists no legacy number under you.').waitFor();
  });

  it("moves one's date in a migration campaign, then migrates now", async () => {
    // Marie, phone admin of unit IT, schedules its campaign (no portal page for that yet: over GraphQL).
    const scheduled = await portal().api.graphql<{ scheduleCampaign: { id: string } }>(
      `mutation($unit: String!, $date: String!, $maxDate: String!) {
        scheduleCampaign(unit: $unit, date: $date, ratePerMinute: 30, maxDate: $maxDate) { id } }`,
      {
        user: 'marie',
        variables: { unit: 'IT', date: addDays(todayUtc(), 7), maxDate: addDays(todayUtc(), 14) },
      },
    );
    expect(scheduled.errors).toBeUndefined();
    const later = addDays(todayUtc(), 10);

    const page = await portal().open('alan', '/legacy');
    const item = page.locator('.schedule-item', { hasText: '61237' });
    await item.getByText(`is to be migrated on ${addDays(todayUtc(), 7)}`).waitFor();
    await item.getByLabel('New date for 61237').fill(later);
    await item.getByRole('button', { name: 'Move my date' }).click();
    await item.getByText(`is to be migrated on ${later}`).waitFor();
    const mine = await portal().api.graphql<{
      myMigrationSchedule: Array<{ number: string; scheduledFor: string }>;
    }>('{ myMigrationSchedule { number scheduledFor } }', { user: 'alan' });
    expect(mine.data?.myMigrationSchedule).toEqual([{ number: '61237', scheduledFor: later }]);

    await item.getByRole('button', { name: 'Migrate now' }).click();
    await followRequest(page);
    expect(await numbers().findOneByOrFail({ number: '61237' })).toMatchObject({
      ownerLogin: 'alan',
      state: 'ACTIVE',
    });
  });

  it('unregisters a phone after the confirmation, and the phone leaves the table', async () => {
    const number = await seedActiveNumber(portal().api.world, { owner: 'rosalind' });
    const { phoneId, mac } = await registerActivePhone(portal().api.world, { requester: 'rosalind', number });
    const shown = mac.replace(/(..)(?!$)/g, '$1:');
    const page = await portal().open('rosalind', '/phones');
    const row = page.locator('tr', { hasText: shown });
    await row.getByTestId(`activation-${shown}`).filter({ hasText: 'Active' }).waitFor();
    await row.getByRole('button', { name: `Unregister TELEPHONE-${number}` }).click();
    const confirm = page.getByRole('dialog', { name: `Unregister TELEPHONE-${number}?` });
    await confirm.getByRole('button', { name: 'Unregister the phone' }).click();
    await followRequest(page);
    const phone = await portal()
      .api.world.dataSource.getRepository(IpPhoneEntity)
      .findOneByOrFail({ id: phoneId });
    expect(phone.activation).toBe('REMOVED');
    await goTo(page, 'IP phones');
    await page.getByRole('form', { name: 'Register a new IP phone' }).waitFor();
    await row.waitFor({ state: 'detached' });
    // The number is free for a new phone again.
    expect(
      await page.getByRole('form', { name: 'Register a new IP phone' }).getByLabel('Number').inputValue(),
    ).toBe(number);
  });
});
