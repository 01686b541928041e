import { AuditEntryEntity, RequestEntity } from '../../libs/persistence/entities';
import { PortalWorld, requestIdOf, waitForRequestStatus } from './support/portal-world';

// The console's queue, decisions and audit trail use the service-desk API of area/desk
// (stuckRequests, resolveRequest, requestAudit); acting on behalf uses only the header.
describe('the portal in a browser: the service desk (API + worker + Temporal + PostgreSQL + Chromium)', () => {
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

  it('acts on behalf of a user with a visible banner and a way out', async () => {
    const page = await portal.open('desk');
    await page.getByRole('link', { name: 'Service desk' }).waitFor();
    await page.getByRole('button', { name: 'Act for a user…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Act on behalf of a user' });
    await dialog.getByLabel('Login of the person').fill('nobody');
    await dialog.getByRole('button', { name: 'Act for this person' }).click();
    await dialog.getByText('The directory has no person "nobody"').waitFor();
    await dialog.getByLabel('Login of the person').fill('rosalind');
    await dialog.getByRole('button', { name: 'Act for this person' }).click();

    const banner = page.getByRole('region', { name: 'Acting on behalf of a user' });
    await banner.filter({ hasText: 'You are acting for Rosalind Franklin (rosalind) as desk' }).waitFor();
    await page.getByRole('button', { name: 'Get a personal number' }).click();
    await page.waitForURL(/\/requests\//);
    await waitForRequestStatus(page, /Completed/);
    const row = await portal.api.world.dataSource
      .getRepository(RequestEntity)
      .findOneByOrFail({ id: requestIdOf(page) });
    expect(row).toMatchObject({ requester: 'rosalind', actor: 'desk', kind: 'NEW_PERSONAL_NUMBER' });
    await page.getByRole('link', { name: 'Personal number' }).click();
    await page.getByTestId('personal-number').waitFor();
    await portal.screenshot(page, 'on-behalf');

    // The banner stays on every page, and stopping brings the desk agent back to themself.
    await page.getByRole('link', { name: 'Shared numbers' }).click();
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Stop acting for rosalind' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Personal number' }).click();
    await page.getByText('You have no personal number yet.').waitFor();
  });

  it('parks a request on a transient failure; the desk retries it from the console with a reason', async () => {
    // Three failed attempts (the test worlds' RETRY_MAX_ATTEMPTS) park the request; the retry passes.
    await portal.api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'transient',
      times: 3,
      message: 'PBX unreachable (maintenance)',
    });
    const user = await portal.open('tim');
    await user.getByRole('button', { name: 'Get a personal number' }).click();
    await user.waitForURL(/\/requests\//);
    const id = requestIdOf(user);
    await waitForRequestStatus(user, /Waiting for the service desk/);
    expect(await user.getByTestId('parked').textContent()).toContain('create-sip-account');
    expect(await user.locator('[data-step="create-sip-account"]').textContent()).toContain('PBX unreachable');

    const desk = await portal.open('desk', '/desk');
    await desk.getByLabel('System').selectOption('PBX');
    await desk.getByLabel('Requester').fill('tim');
    const row = desk.locator('tr', { has: desk.locator(`a[href="/requests/${id}"]`) }).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('PBX unreachable');
    expect(await row.getByRole('link', { name: /Workflow in Temporal UI/ }).getAttribute('href')).toContain(
      '/workflows/personal-number-tim',
    );
    await portal.screenshot(desk, 'desk-console');

    await row.getByRole('button', { name: /^Retry/ }).click();
    const dialog = desk.getByRole('dialog', { name: /Retry: create-sip-account/ });
    await dialog.getByRole('button', { name: 'Retry with this reason' }).click();
    await dialog.getByText('A reason is required').waitFor();
    await dialog.getByLabel('Reason (required, audited)').fill('PBX back after maintenance');
    await dialog.getByRole('button', { name: 'Retry with this reason' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The person's page, still open, follows it to the end.
    await waitForRequestStatus(user, /Completed/);
    expect(await user.locator('[data-step="create-sip-account"]').getAttribute('data-status')).toBe(
      'SUCCEEDED',
    );
    const audit = await portal.api.world.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ requestId: id, actor: 'desk' });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'PBX back after maintenance',
          result: 'OK',
          action: expect.stringMatching(/RESOLVE/),
        }),
      ]),
    );
  });
});
