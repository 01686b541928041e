import type { Locator, Page } from 'playwright-core';
import { AuditEntryEntity, PhoneNumberEntity, RequestEntity } from '../../libs/persistence/entities';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { portalForThisFile, requestIdOf, waitForRequestStatus, watchMutations } from './support/portal-world';

// The console's filters and the two decisions the desk test of portal-desk.int-spec.ts leaves out:
// compensate and skip, each refused without a reason.
describe('the portal in a browser: the service desk queue and its decisions (API + worker + Temporal + PostgreSQL + Chromium)', () => {
  const portal = portalForThisFile();

  const requests = () => portal().api.world.dataSource.getRepository(RequestEntity);

  /** The person asks for a personal number in their browser; it parks on the armed fault. */
  async function parkedRequest(login: string): Promise<{ page: Page; id: string }> {
    const page = await portal().open(login);
    await page.getByRole('button', { name: 'Get a personal number' }).click();
    await page.waitForURL(/\/requests\//);
    await waitForRequestStatus(page, /Waiting for the service desk/);
    return { page, id: requestIdOf(page) };
  }

  /** Opens the decision's dialog, checks that an empty reason is refused with nothing sent, then decides. */
  async function decide(
    desk: Page,
    row: Locator,
    action: 'Compensate' | 'Skip',
    stepId: string,
    reason: string,
  ) {
    const sent = watchMutations(desk);
    await row.getByRole('button', { name: new RegExp(`^${action}…`) }).click();
    const dialog = desk.getByRole('dialog', { name: `${action}: ${stepId}` });
    const submit = dialog.getByRole('button', { name: `${action} with this reason` });
    await submit.click();
    await dialog.getByText('A reason is required: it goes into the audit trail.').waitFor();
    expect(await dialog.getByLabel('Reason (required, audited)').getAttribute('aria-invalid')).toBe('true');
    // Spaces are no reason either.
    await dialog.getByLabel('Reason (required, audited)').fill('   ');
    await submit.click();
    await dialog.getByText('A reason is required').waitFor();
    expect(sent).toEqual([]);
    await dialog.getByLabel('Reason (required, audited)').fill(reason);
    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('resolveRequest');
  }

  it('filters the parked queue by system and requester, links each to Temporal, compensates one and skips the other', async () => {
    // Three failed attempts (the test worlds' RETRY_MAX_ATTEMPTS) park each request; one at a time,
    // so each fault is used up by its own request.
    await portal().api.world.faults.inject({
      system: 'pbx',
      operation: 'createSipAccount',
      kind: 'transient',
      times: 3,
      message: 'PBX unreachable (maintenance)',
    });
    const tim = await parkedRequest('tim');
    await portal().api.world.faults.inject({
      system: 'directory',
      operation: 'publishPersonalNumber',
      kind: 'transient',
      times: 3,
      message: 'phonebook server offline',
    });
    const ada = await parkedRequest('ada');
    expect(await ada.page.getByTestId('parked').textContent()).toContain('publish-number');

    const desk = await portal().open('desk', '/desk');
    const queue = desk.locator('.card', { has: desk.getByRole('heading', { name: 'Parked requests' }) });
    const rowOf = (id: string) => queue.locator('tr', { has: desk.locator(`a[href="/requests/${id}"]`) });
    // Unfiltered, the queue lists both.
    await rowOf(tim.id).waitFor();
    await rowOf(ada.id).waitFor();
    expect(await rowOf(tim.id).textContent()).toContain('pbx · create-sip-account');
    expect(await rowOf(ada.id).textContent()).toContain('directory · publish-number');

    // By system.
    await desk.getByLabel('System').selectOption('PBX');
    await rowOf(ada.id).waitFor({ state: 'detached' });
    await rowOf(tim.id).waitFor();
    await desk.getByLabel('System').selectOption('DIRECTORY');
    await rowOf(tim.id).waitFor({ state: 'detached' });
    await rowOf(ada.id).waitFor();
    // By requester, and both: nobody parked on the directory for tim.
    await desk.getByLabel('System').selectOption('');
    await desk.getByLabel('Requester').fill('Tim');
    await rowOf(ada.id).waitFor({ state: 'detached' });
    await rowOf(tim.id).waitFor();
    await desk.getByLabel('System').selectOption('DIRECTORY');
    await queue.getByText('No request is waiting for the service desk.').waitFor();
    await desk.getByLabel('System').selectOption('');
    await desk.getByLabel('Requester').fill('ada');
    await rowOf(tim.id).waitFor({ state: 'detached' });
    await rowOf(ada.id).waitFor();

    // Each row links to its workflow in the Temporal UI.
    for (const { id } of [ada, tim]) {
      const { workflowId, requester } = await requests().findOneByOrFail({ id });
      await desk.getByLabel('Requester').fill(requester);
      const link = rowOf(id).getByRole('link', { name: `Workflow in Temporal UI for ${requester}` });
      expect(await link.getAttribute('href')).toMatch(
        new RegExp(`/namespaces/[^/]+/workflows/${workflowId}(/[^/]+)?/history$`),
      );
      expect(await link.getAttribute('target')).toBe('_blank');
    }

    // Compensate tim's: the reservation is undone and the request fails with the reason.
    await desk.getByLabel('Requester').fill('tim');
    await decide(desk, rowOf(tim.id), 'Compensate', 'create-sip-account', 'PBX maintenance runs all week');
    await waitForRequestStatus(tim.page, /Failed/);
    expect(await tim.page.locator('[data-step="reserve-number"]').getAttribute('data-undo')).toBe('DONE');
    expect(await tim.page.locator('[data-step="create-sip-account"]').getAttribute('data-status')).toBe(
      'FAILED',
    );
    expect(
      await portal()
        .api.world.dataSource.getRepository(PhoneNumberEntity)
        .countBy({ ownerLogin: 'tim', type: 'PERSONAL' }),
    ).toBe(0);
    await rowOf(tim.id).waitFor({ state: 'detached' });

    // Skip ada's publication (done by hand): the request goes on and completes.
    await desk.getByLabel('Requester').fill('ada');
    await decide(desk, rowOf(ada.id), 'Skip', 'publish-number', 'Listed by hand in the phonebook');
    await waitForRequestStatus(ada.page, /Completed/);
    expect(await ada.page.locator('[data-step="publish-number"]').getAttribute('data-status')).toBe(
      'SKIPPED',
    );
    expect(
      (
        await portal()
          .api.world.dataSource.getRepository(PhoneNumberEntity)
          .findOneByOrFail({ ownerLogin: 'ada', type: 'PERSONAL' })
      ).state,
    ).toBe('ACTIVE');
    await desk.getByLabel('Requester').fill('');
    await queue.getByText('No request is waiting for the service desk.').waitFor();

    const audit = await portal()
      .api.world.dataSource.getRepository(AuditEntryEntity)
      .findBy({ actor: 'desk', result: 'OK' });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          requestId: tim.id,
          reason: 'PBX maintenance runs all week',
          action: expect.stringMatching(/RESOLVE/),
        }),
        expect.objectContaining({
          requestId: ada.id,
          reason: 'Listed by hand in the phonebook',
          action: expect.stringMatching(/RESOLVE/),
        }),
      ]),
    );
    expect(await requests().findOneByOrFail({ id: tim.id })).toMatchObject({ status: 'FAILED' });
    expect(await requests().findOneByOrFail({ id: ada.id })).toMatchObject({ status: 'COMPLETED' });

    // Every request, by status; the desk's view of one: its workflow link and its audit trail.
    const all = desk.locator('.card', { has: desk.getByRole('heading', { name: 'All requests' }) });
    await all.getByLabel('Status').selectOption('FAILED');
    const failedRow = all.locator('tr', { has: desk.locator(`a[href="/requests/${tim.id}"]`) });
    await failedRow.waitFor();
    await all.locator(`a[href="/requests/${ada.id}"]`).waitFor({ state: 'detached' });
    await failedRow.getByRole('link').click();
    await waitForRequestStatus(desk, /Failed/);
    const { workflowId } = await requests().findOneByOrFail({ id: tim.id });
    expect(await desk.getByRole('link', { name: 'Open in the Temporal UI' }).getAttribute('href')).toMatch(
      new RegExp(`/workflows/${workflowId}(/[^/]+)?/history$`),
    );
    await desk.getByRole('button', { name: 'Show the audit trail' }).click();
    await desk
      .locator('tr', { hasText: 'PBX maintenance runs all week' })
      .filter({ hasText: 'desk' })
      .waitFor();
  });

  it('runs a reconciliation from the console, shows the drift it finds and repairs it', async () => {
    const person = await portal().open('rosalind');
    await person.getByRole('button', { name: 'Get a personal number' }).click();
    await person.waitForURL(/\/requests\//);
    await waitForRequestStatus(person, /Completed/);
    const { number } = await portal()
      .api.world.dataSource.getRepository(PhoneNumberEntity)
      .findOneByOrFail({ ownerLogin: 'rosalind', type: 'PERSONAL' });
    const pbx = new SandboxPbxDriver(portal().api.world.sandbox, portal().api.world.config.sip.domain);
    // The drift: the PBX lost the number's SIP account behind the inventory's back.
    await portal().api.world.sandbox.delete('pbx', number, 'test: lost SIP account');
    expect(await pbx.getSipAccount(number)).toBeNull();

    const desk = await portal().open('desk', '/desk');
    const panel = desk.locator('.card', { has: desk.getByRole('heading', { name: 'Reconciliation' }) });
    await panel.getByText('No reconciliation has run yet.').waitFor();
    await panel.getByRole('button', { name: 'Compare the inventory with the systems' }).click();
    // The panel follows the run to its end without a reload.
    const run = panel.locator('tbody tr').first();
    await run.filter({ hasText: 'by desk' }).waitFor();
    await run.locator('[data-status="COMPLETED"]').waitFor({ timeout: 60_000 });
    expect(await run.textContent()).toMatch(/pbx: [1-9]/);
    await run.getByRole('button', { name: 'Show drift' }).click();
    const drift = panel.locator('tr', { hasText: number }).filter({ hasText: /^pbx/ });
    await drift.waitFor();
    await drift.getByRole('button', { name: /^Repair/ }).click();
    await desk.waitForURL(/\/requests\//);
    await waitForRequestStatus(desk, /Completed/);
    expect(await pbx.getSipAccount(number)).not.toBeNull();
  });
});
