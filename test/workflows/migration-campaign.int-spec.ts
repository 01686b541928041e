import type { WorkflowHandle } from '@temporalio/client';
import {
  campaignProgressQuery,
  cancelCampaignUpdate,
  migrateCampaignItemNowUpdate,
  moveCampaignItemUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  retryCampaignItemUpdate,
  type CampaignProgress,
} from '../../libs/contracts/campaigns';
import { addDays, CampaignScheduler, todayUtc } from '../../libs/legacy/campaign-scheduler';
import { CampaignEntity, CampaignItemEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import type { LegacyLineConfig } from '../../libs/systems/legacy/legacy.port';
import { waitUntilCaughtUp } from '../support/caught-up';
import { seedLegacyNumber, seedUnitPerson, uniqueUnit } from '../support/legacy-factories';
import { World } from '../support/world';

const DAY_MS = 2000;

describe('migration campaign workflow (real Temporal server, PostgreSQL, sandbox drivers)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start({ CAMPAIGN_DAY_MS: String(DAY_MS), CAMPAIGN_RETRY_WINDOW_MS: '120000' });
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  afterEach(async () => {
    await world.faults.clear();
  });

  const scheduler = () =>
    new CampaignScheduler(world.dataSource, world.client, {
      taskQueue: world.config.temporal.taskQueue,
      settings: world.config.workflow,
      timing: world.config.campaigns,
      firstBootTimeoutMs: world.config.timers.firstBootTimeoutMs,
    });
  const handleOf = (campaign: CampaignEntity): WorkflowHandle =>
    world.client.workflow.getHandle(campaign.workflowId);
  const progressOf = (campaign: CampaignEntity) => handleOf(campaign).query(campaignProgressQuery);
  const itemOf = (progress: CampaignProgress, number: string) =>
    progress.items.find((i) => i.number === number)!;
  const mailsOf = async (campaign: CampaignEntity) =>
    (await world.sandbox.list<{ subject: string; to: string[] }>('mail'))
      .filter((m) => m.key.startsWith(`c:${campaign.id}:`))
      .map((m) => ({ key: m.key.slice(`c:${campaign.id}:`.length), subject: m.data.subject, to: m.data.to }));

  async function waitFor(
    campaign: CampaignEntity,
    predicate: (p: CampaignProgress) => boolean,
    timeoutMs = 60_000,
  ): Promise<CampaignProgress> {
    const deadline = Date.now() + timeoutMs;
    let last: CampaignProgress | undefined;
    while (Date.now() < deadline) {
      last = await progressOf(campaign).catch(() => last);
      if (last && predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`campaign did not reach the expected state; last: ${JSON.stringify(last)}`);
  }

  /** Times at which the campaign started its child migrations, from its real history. */
  /**
   * Each child start with the workflow time it was decided at: the start of the workflow task that
   * issued it, which is the clock the campaign's rate limiter reads. The initiated event's own time is
   * when that task completed, which a loaded machine delays by seconds, so gaps between those shrink.
   */
  async function childStarts(campaign: CampaignEntity): Promise<Array<{ workflowId: string; at: number }>> {
    const history = await handleOf(campaign).fetchHistory();
    const millis = (t: { seconds?: unknown; nanos?: number | null }) =>
      Number(String(t.seconds)) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
    const starts: Array<{ workflowId: string; at: number }> = [];
    let taskStartedAt = 0;
    for (const e of history.events ?? []) {
      if (e.workflowTaskStartedEventAttributes) taskStartedAt = millis(e.eventTime!);
      if (e.startChildWorkflowExecutionInitiatedEventAttributes)
        starts.push({
          workflowId: e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId!,
          at: taskStartedAt,
        });
    }
    return starts;
  }

  /** The keys of every mail a campaign of arrangeUnit() sends when it runs to its end on `date`. */
  const everyMailOf = (u: Awaited<ReturnType<typeof arrangeUnit>>, date: string) =>
    [
      `sch:${u.ada.login}`,
      `sch:${u.grace.login}`,
      `rem:${u.ada.login}:${date}`,
      `rem:${u.grace.login}:${date}`,
      `start:${u.admin.login}`,
      `done:${u.admin.login}`,
    ].sort();

  /** A unit with an admin and people whose legacy numbers cover the campaign's choices. */
  async function arrangeUnit() {
    const unit = uniqueUnit();
    const seed = (overrides = {}) => seedUnitPerson(world.dataSource, world.sandbox, unit, overrides);
    const admin = await seed();
    const ada = await seed();
    const grace = await seed();
    const outsider = await seedUnitPerson(world.dataSource, world.sandbox, uniqueUnit());
    const legacy = (service: LegacyLineConfig['service'], listedUnder: string[], description?: string) =>
      seedLegacyNumber(world.dataSource, world.sandbox, { service, listedUnder, description });
    const personal = await legacy('SKYPE', [ada.login]);
    const sharedOnly = await legacy('ANALOGUE', [grace.login, outsider.login], 'Lab 2 bench phone');
    const second = await legacy('ANALOGUE', [grace.login]);
    const elsewhere = await legacy('SKYPE', [outsider.login]);
    return { unit, admin, ada, grace, outsider, personal, sharedOnly, second, elsewhere };
  }

  it('schedules, reminds, starts within the rate limit, migrates each number and ends with a summary', async () => {
    const u = await arrangeUnit();
    const campaign = await scheduler().schedule({
      unit: u.unit.toLowerCase(),
      date: addDays(todayUtc(), 2),
      maxDate: addDays(todayUtc(), 9),
      ratePerMinute: 60,
      systemRates: [{ system: 'legacy', perMinute: 40 }],
      reminderDaysBefore: 1,
      admin: u.admin.login,
    });
    const items = await world.dataSource
      .getRepository(CampaignItemEntity)
      .findBy({ campaignId: campaign.id });
    expect(items.map((i) => [i.number, i.login, i.status]).sort()).toEqual(
      [
        [u.personal, u.ada.login, 'PENDING'],
        [u.second, u.grace.login, 'PENDING'],
        [u.sharedOnly, u.grace.login, 'PENDING'],
      ].sort(),
    );

    const done = await waitFor(campaign, (p) => p.status === 'COMPLETED');
    expect(done.items.map((i) => [i.number, i.status, i.as]).sort()).toEqual(
      [
        [u.personal, 'SUCCEEDED', 'PERSONAL'],
        // Grace may have one personal number: the first of hers becomes it, the one listed under two people is shared.
        [u.second, 'SUCCEEDED', 'PERSONAL'],
        [u.sharedOnly, 'SUCCEEDED', 'SHARED'],
      ].sort(),
    );
    const numbers = world.dataSource.getRepository(PhoneNumberEntity);
    expect(await numbers.findOneBy({ number: u.sharedOnly })).toMatchObject({
      state: 'ACTIVE',
      type: 'SHARED',
      ownerLogin: u.grace.login,
      description: 'Lab 2 bench phone',
    });
    expect(await world.sandbox.get('directory', `group:phone-mngr-${u.sharedOnly}`)).toMatchObject({
      members: [u.grace.login, u.outsider.login],
    });
    expect(await numbers.findOneBy({ number: u.elsewhere })).toMatchObject({ state: 'LEGACY' });
    for (const item of done.items) {
      const request = await world.requests.find(item.requestId!);
      expect(request).toMatchObject({ status: 'COMPLETED', requester: item.login, actor: u.admin.login });
    }

    // The rate limit (legacy: 40 a minute, so 1.5 s apart) spaced the starts, and none came before the date.
    const starts = await childStarts(campaign);
    expect(starts).toHaveLength(3);
    expect(starts[0].at).toBeGreaterThanOrEqual(campaign.startsAt.getTime() - 50);
    for (let i = 1; i < starts.length; i += 1)
      expect(starts[i].at - starts[i - 1].at).toBeGreaterThanOrEqual(1300);

    const row = await world.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: campaign.id });
    expect(row).toMatchObject({
      status: 'COMPLETED',
      summary: { total: 3, succeeded: 3, failed: 0, skipped: 0, cancelled: 0, pending: 0, running: 0 },
    });
    expect(row.startedAt).not.toBeNull();
    expect(row.finishedAt).not.toBeNull();

    // The summary mail goes out after the status turns COMPLETED: wait for the workflow's end.
    await handleOf(campaign).result();
    const mails = await mailsOf(campaign);
    const date = addDays(todayUtc(), 2);
    expect(mails.map((m) => m.key).sort()).toEqual(everyMailOf(u, date));
    const subject = (key: string) => mails.find((m) => m.key === key)!.subject;
    expect(subject(`sch:${u.grace.login}`)).toBe(
      `Your legacy numbers ${[u.sharedOnly, u.second].sort().join(', ')} will move to the new phone service on ${date}`,
    );
    expect(subject(`rem:${u.ada.login}:${date}`)).toBe(
      `Reminder: your legacy number ${u.personal} moves to the new phone service on ${date}`,
    );
    expect(subject(`start:${u.admin.login}`)).toBe(`The migration campaign of unit ${u.unit} has started`);
    expect(subject(`done:${u.admin.login}`)).toBe(`The migration campaign of unit ${u.unit} is complete`);
    const summaryMail = await world.sandbox.get<{ text: string }>(
      'mail',
      `c:${campaign.id}:done:${u.admin.login}`,
    );
    expect(summaryMail?.text).toContain('Summary: 3 migrated, 0 failed, 0 skipped, 0 cancelled.');
  });

  it('prepares several items at once and sends the mails of each mailing in one batch', async () => {
    const u = await arrangeUnit();
    // Every directory lookup takes 600 ms (preparing an item looks its person up): one item at a
    // time, no two preparations could overlap; with concurrent starts, the 50 ms rate-limit tokens
    // let the next one begin long before the first ends.
    await world.faults.inject({
      system: 'directory',
      operation: 'findPerson',
      kind: 'delay',
      delayMs: 600,
      times: 1000,
    });
    const campaign = await scheduler().schedule({
      unit: u.unit,
      date: addDays(todayUtc(), 1),
      maxDate: addDays(todayUtc(), 9),
      ratePerMinute: 1200,
      reminderDaysBefore: 0,
      admin: u.admin.login,
    });
    const done = (await handleOf(campaign).result()) as CampaignProgress;
    expect(done.status).toBe('COMPLETED');
    expect(done.items.map((i) => i.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);

    const events = (await handleOf(campaign).fetchHistory()).events ?? [];
    const scheduledOf = (e: (typeof events)[number]) =>
      String(
        (
          e.activityTaskCompletedEventAttributes ??
          e.activityTaskFailedEventAttributes ??
          e.activityTaskTimedOutEventAttributes
        )?.scheduledEventId ?? '',
      );
    const open = new Set<string>();
    let mostPreparing = 0;
    const scheduledTypes: string[] = [];
    for (const e of events) {
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled) {
        const type = scheduled.activityType!.name!;
        scheduledTypes.push(type);
        if (type === 'prepareCampaignItem') open.add(String(e.eventId));
        mostPreparing = Math.max(mostPreparing, open.size);
      } else open.delete(scheduledOf(e));
    }
    expect(mostPreparing).toBeGreaterThanOrEqual(2);
    // Scheduled and reminder mails went out as one batch each; the admin's two mails one by one.
    expect(scheduledTypes.filter((t) => t === 'sendCampaignMails')).toHaveLength(2);
    expect(scheduledTypes.filter((t) => t === 'sendCampaignMail')).toHaveLength(2);
    const date = addDays(todayUtc(), 1);
    expect((await mailsOf(campaign)).map((m) => m.key).sort()).toEqual(everyMailOf(u, date));
  });

  it('waits while paused, records a failed item, retries it, and completes', async () => {
    const u = await arrangeUnit();
    const campaign = await scheduler().schedule({
      unit: u.unit,
      date: addDays(todayUtc(), 1),
      maxDate: addDays(todayUtc(), 5),
      ratePerMinute: 600,
      admin: u.admin.login,
    });
    const handle = handleOf(campaign);
    await handle.executeUpdate(pauseCampaignUpdate, { args: [{ actor: u.admin.login }] });
    await expect(
      handle.executeUpdate(pauseCampaignUpdate, { args: [{ actor: u.admin.login }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/cannot be paused/) } });

    // Past the campaign date, and once the campaign has woken for it (it tells the admin it started),
    // nothing starts while paused.
    await waitUntilCaughtUp(handle, campaign.startsAt.getTime());
    // The start mail is the sign that it woke; under load it can land a moment after the caught-up
    // check, so wait for it (bounded) rather than read once.
    const startMail = `start:${u.admin.login}`;
    for (let tries = 0; tries < 150; tries++) {
      if ((await mailsOf(campaign)).some((m) => m.key === startMail)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await mailsOf(campaign)).map((m) => m.key)).toContain(startMail);
    await waitUntilCaughtUp(handle, campaign.startsAt.getTime());
    expect(await childStarts(campaign)).toEqual([]);
    expect((await progressOf(campaign)).status).toBe('PAUSED');

    // The first migration to reach the legacy service is refused once.
    await world.faults.inject({ system: 'legacy', operation: 'snapshotLine', kind: 'permanent', times: 1 });
    await handle.executeUpdate(resumeCampaignUpdate, { args: [{ actor: u.admin.login }] });
    const settled = await waitFor(campaign, (p) =>
      p.items.every((i) => ['SUCCEEDED', 'FAILED'].includes(i.status)),
    );
    const failed = settled.items.filter((i) => i.status === 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].outcome).toContain('injected permanent fault in legacy.snapshotLine');
    // With a failed item the campaign stays open for a retry.
    expect(settled.status).toBe('RUNNING');
    const row = await world.dataSource
      .getRepository(CampaignItemEntity)
      .findOneByOrFail({ campaignId: campaign.id, number: failed[0].number });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });

    await expect(
      handle.executeUpdate(retryCampaignItemUpdate, {
        args: [{ actor: u.admin.login, number: u.elsewhere }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not part of this campaign/) } });
    const succeeded = settled.items.find((i) => i.status === 'SUCCEEDED')!;
    await expect(
      handle.executeUpdate(retryCampaignItemUpdate, {
        args: [{ actor: u.admin.login, number: succeeded.number }],
      }),
    ).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/only a failed item can be retried/) },
    });

    await handle.executeUpdate(retryCampaignItemUpdate, {
      args: [{ actor: u.admin.login, number: failed[0].number }],
    });
    const done = await waitFor(campaign, (p) => p.status === 'COMPLETED');
    expect(itemOf(done, failed[0].number)).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(failed[0].requestId).not.toBe(itemOf(done, failed[0].number).requestId);
    expect(await world.requests.find(failed[0].requestId!)).toMatchObject({ status: 'FAILED' });
    expect(
      await world.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: campaign.id }),
    ).toMatchObject({ status: 'COMPLETED', summary: { succeeded: 3, failed: 0 } });
  });

  it('cancels every item not started yet and tells the admin', async () => {
    const u = await arrangeUnit();
    const campaign = await scheduler().schedule({
      unit: u.unit,
      date: addDays(todayUtc(), 3),
      maxDate: addDays(todayUtc(), 5),
      ratePerMinute: 60,
      admin: u.admin.login,
    });
    const handle = handleOf(campaign);
    await expect(
      handle.executeUpdate(cancelCampaignUpdate, { args: [{ actor: u.admin.login, reason: ' ' }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/a reason is required/) } });
    await handle.executeUpdate(cancelCampaignUpdate, {
      args: [{ actor: u.admin.login, reason: 'unit moves building first' }],
    });
    const result = (await handle.result()) as CampaignProgress;
    expect(result.status).toBe('CANCELLED');
    expect(result.items.map((i) => i.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(await childStarts(campaign)).toEqual([]);
    const numbers = world.dataSource.getRepository(PhoneNumberEntity);
    expect(await numbers.findOneBy({ number: u.personal })).toMatchObject({ state: 'LEGACY' });
    expect(
      await world.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: campaign.id }),
    ).toMatchObject({ status: 'CANCELLED', summary: { cancelled: 3 } });
    const mail = await world.sandbox.get<{ subject: string }>(
      'mail',
      `c:${campaign.id}:done:${u.admin.login}`,
    );
    expect(mail?.subject).toBe(`The migration campaign of unit ${u.unit} was cancelled`);
    // Scheduling again is possible once the campaign is over.
    const again = await scheduler().schedule({
      unit: u.unit,
      date: addDays(todayUtc(), 30),
      maxDate: addDays(todayUtc(), 30),
      ratePerMinute: 60,
      admin: u.admin.login,
    });
    await handleOf(again).executeUpdate(cancelCampaignUpdate, {
      args: [{ actor: 'test', reason: 'clean up' }],
    });
  });

  it('lets a person move their date or migrate now', async () => {
    const u = await arrangeUnit();
    // Six (shrunk) days ahead: the updates below must all land before the campaign date, and on a
    // loaded machine each workflow task can take seconds.
    const campaign = await scheduler().schedule({
      unit: u.unit,
      date: addDays(todayUtc(), 6),
      maxDate: addDays(todayUtc(), 8),
      ratePerMinute: 600,
      admin: u.admin.login,
    });
    const handle = handleOf(campaign);
    const later = addDays(todayUtc(), 8);
    await expect(
      handle.executeUpdate(moveCampaignItemUpdate, {
        args: [{ actor: u.ada.login, number: u.personal, date: addDays(todayUtc(), 9) }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/latest date for this campaign/) } });
    const moved = await handle.executeUpdate(moveCampaignItemUpdate, {
      args: [{ actor: u.ada.login, number: u.personal, date: later }],
    });
    expect(moved).toMatchObject({ number: u.personal, date: later, status: 'PENDING' });
    expect(
      await world.dataSource
        .getRepository(CampaignItemEntity)
        .findOneByOrFail({ campaignId: campaign.id, number: u.personal }),
    ).toMatchObject({ scheduledFor: later });

    const now = await handle.executeUpdate(migrateCampaignItemNowUpdate, {
      args: [{ actor: u.grace.login, number: u.second }],
    });
    expect(now).toMatchObject({ number: u.second, status: 'RUNNING', as: 'PERSONAL', attempts: 1 });
    expect(now.requestId).toBeDefined();
    await expect(
      handle.executeUpdate(moveCampaignItemUpdate, {
        args: [{ actor: u.grace.login, number: u.second, date: later }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/cannot be moved/) } });

    const done = await waitFor(campaign, (p) => p.status === 'COMPLETED');
    expect(done.items.every((i) => i.status === 'SUCCEEDED')).toBe(true);
    const starts = await childStarts(campaign);
    const at = (number: string) => starts.find((s) => s.workflowId === `number-${number}`)!.at;
    // Migrated now: before the campaign date. Moved: two (shrunk) days after it.
    expect(at(u.second)).toBeLessThan(campaign.startsAt.getTime());
    expect(at(u.sharedOnly)).toBeGreaterThanOrEqual(campaign.startsAt.getTime() - 50);
    expect(at(u.personal)).toBeGreaterThanOrEqual(campaign.startsAt.getTime() + 2 * DAY_MS - 50);
    // The reminder for the moved date went out for that date.
    const keys = (await mailsOf(campaign)).map((m) => m.key);
    expect(keys).toContain(`rem:${u.ada.login}:${later}`);
  });
});
