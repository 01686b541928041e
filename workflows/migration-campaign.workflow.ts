import {
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  patched,
  setHandler,
  sleep,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  campaignProgressQuery,
  cancelCampaignUpdate,
  migrateCampaignItemNowUpdate,
  moveCampaignItemUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  retryCampaignItemUpdate,
  type CampaignActionInput,
  type CampaignInput,
  type CampaignItemActionInput,
  type CampaignItemProgress,
  type MoveItemInput,
  type CampaignProgress,
  type CampaignMailInput,
} from '../libs/contracts/campaigns';
import type { MigrateLegacyInput } from '../libs/contracts/legacy-migration';
import type { RequestProgress } from '../libs/contracts/progress';
import type { SystemName } from '../libs/contracts/systems';
import { CampaignMailKind } from '../libs/notifications/templates/campaign-templates';
import { CampaignBook, systemsOf } from './campaign/campaign-book';
import { packItem, progressOf, type CampaignCarry } from './campaign/campaign-carry';
import { RateLimiter } from './campaign/rate-limiter';
import { activitiesFor, bookkeeping } from './kit/activity-proxies';

// Workflow time: deterministic on replay.
const clock = () => new Date().getTime();
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Child starts per run when the input does not say (campaigns scheduled before the setting). */
const CONTINUE_AFTER_STARTS = 200;
/** Inherited migrations are looked up soon after a run starts, then less and less often. */
const INHERITED_POLL_FIRST_MS = 500;
const INHERITED_POLL_MAX_MS = 60_000;
/** Mails per mail activity, and mail activities under way at once. */
const MAIL_BATCH = 50;
const MAIL_BATCHES_AT_ONCE = 4;
/** Items being prepared and started at once; the rate limit still decides when each may begin. */
const STARTS_AT_ONCE = 16;

/**
 * docs/domain.md §6 "Bulk migration campaign": one unit's legacy numbers migrated from a date, each as a
 * child migration workflow, started no faster than each touched system's rate limit allows.
 *
 * Lifecycle: SCHEDULED (mails to every person) → reminders some days before each person's date →
 * RUNNING at the campaign date (mail to the admin) → COMPLETED with a summary mail once every item
 * has finished (failed items may be retried for `retryWindowMs` first), or CANCELLED. PAUSED stops
 * new starts; running migrations always finish and their outcome is recorded.
 *
 * Continue-as-new: one history cannot hold 10,000 child migrations (Temporal's limit is 50k events,
 * and it warns at 10k), so a run hands over to a new run of the same workflow id after
 * `continueAfterStarts` child starts, or sooner when Temporal suggests it. The new run gets the book
 * (in `carry`), the flags and the rate limiter's buckets; queries and updates reach it by workflow id.
 * Migrations still running are abandoned by the old run, never stopped (ParentClosePolicy.ABANDON),
 * and the new run, which cannot await another run's children, learns their outcome from the request
 * projection through a local activity. That is deterministic (the answers are in the new run's
 * history) and needs no change to the migration workflows, whose projection row is written last,
 * when they end. Signals from the children would have needed every migration to know its campaign.
 *
 * Campaigns scheduled since the `campaign-concurrent-starts` patch mail in batches, prepare and
 * start up to STARTS_AT_ONCE items at a time (each still waits for its rate-limit token), let each
 * system's bucket hold a second's worth of its rate, and write the projection once for all changes
 * made while the previous write was under way. Before it they
 * did one thing at a time: 10,000 people took 20,000 mail activities before the first migration,
 * and starts ran far below the rate limit. Older histories replay the old way.
 */
export async function migrationCampaignWorkflow(
  input: CampaignInput,
  carry?: CampaignCarry,
): Promise<CampaignProgress> {
  const book = new CampaignBook(
    input,
    () => new Date(),
    carry && {
      progress: progressOf(input.campaignId, input.unit, carry),
      unrecorded: carry.unrecorded,
    },
  );
  const concurrent = patched('campaign-concurrent-starts');
  const rateOf = (system: SystemName) => input.systemRates[system] ?? input.ratePerMinute;
  // One wake of the loop may start a second's worth of migrations: with a burst of one, a fast rate
  // needed a timer and a workflow task per start, and those round trips, not the rate, set the pace.
  const limiter = new RateLimiter(
    rateOf,
    concurrent ? (system) => Math.max(1, Math.floor(rateOf(system) / 60)) : 1,
    carry?.buckets,
  );
  const scheduledAt = clock();
  const tracked: Array<Promise<void>> = [];
  let changes = 0;
  let pausedBefore = carry?.pausedBefore ?? undefined;
  let cancelled = carry?.cancelled ?? false;
  let started = carry?.started ?? false;
  let startsThisRun = 0;
  const starting = new Set<Promise<void>>();
  const isPaused = () => book.status === 'PAUSED';
  const changed = () => {
    changes += 1;
  };

  // Writes are chained so the projection always ends with the latest state. A write not yet begun
  // takes every change made until it begins, so callers share it rather than queue one each.
  let recording: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const record = (): Promise<void> => {
    if (!concurrent) {
      recording = recording.then(() => bookkeeping.recordCampaign(book.takeChanges()));
      return recording;
    }
    if (queued) return queued;
    const write = recording.then(() => {
      queued = undefined;
      return bookkeeping.recordCampaign(book.takeChanges());
    });
    queued = write;
    recording = write;
    return write;
  };

  const mailer = (key: string) => activitiesFor(input.settings, 'mail', `mail:${key}`);
  const sendMail = async (mail: CampaignMailInput): Promise<void> => {
    try {
      await mailer(mail.key).sendCampaignMail(mail);
    } catch {
      // Best effort: a mail that cannot go out never stops the campaign.
    }
  };
  const mailPeople = async (kind: CampaignMailKind, items: CampaignItemProgress[], tag: string) => {
    const byPerson = new Map<string, CampaignItemProgress[]>();
    for (const item of items) {
      const own = byPerson.get(item.login);
      if (own) own.push(item);
      else byPerson.set(item.login, [item]);
    }
    const mails = [...byPerson].map(([login, own]): CampaignMailInput => ({
      key: `c:${input.campaignId}:${tag}:${login}${kind === CampaignMailKind.REMINDER ? `:${own[0].date}` : ''}`,
      kind,
      login,
      data: {
        unit: input.unit,
        numbers: own.map((i) => i.number),
        date: own[0].date,
        maxDate: input.maxDate,
      },
    }));
    if (!concurrent) {
      for (const mail of mails) await sendMail(mail);
      return;
    }
    const batches: CampaignMailInput[][] = [];
    for (let i = 0; i < mails.length; i += MAIL_BATCH) batches.push(mails.slice(i, i + MAIL_BATCH));
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        try {
          await mailer(`${batch[0].key}+${batch.length}`).sendCampaignMails({ mails: batch });
        } catch {
          // Best effort, as for one mail: the campaign goes on.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAIL_BATCHES_AT_ONCE, batches.length) }, lane));
  };

  /** Starts an item without waiting for it, once fewer than STARTS_AT_ONCE are being started. */
  const launch = async (item: CampaignItemProgress): Promise<void> => {
    // Finishing a start wakes the main loop: the item may have been the last one open.
    const start = startItem(item).finally(() => {
      starting.delete(start);
      changed();
    });
    starting.add(start);
    await condition(() => starting.size < STARTS_AT_ONCE);
  };

  /** Rules, locks, then the child migration; its outcome is recorded when it ends. */
  const startItem = async (item: CampaignItemProgress): Promise<void> => {
    const requestId = uuid4();
    book.update(item, { status: 'STARTING', attempts: item.attempts + 1, outcome: undefined, requestId });
    await record();
    let prepared;
    try {
      prepared = (
        await activitiesFor(
          input.settings,
          'inventory',
          `prepare:${item.number}#${item.attempts}`,
        ).prepareCampaignItem({
          campaignId: input.campaignId,
          number: item.number,
          login: item.login,
          admin: input.admin,
          requestId,
          settings: input.settings,
        })
      ).value;
    } catch (error) {
      book.update(item, { status: 'FAILED', outcome: message(error) });
      await record();
      return;
    }
    if (prepared.outcome !== 'start') {
      book.update(item, {
        status: prepared.outcome === 'skip' ? 'SKIPPED' : 'FAILED',
        outcome: prepared.reason,
        requestId: undefined,
      });
      await record();
      return;
    }
    let child;
    try {
      child = await startChild<(i: MigrateLegacyInput) => Promise<RequestProgress>>(prepared.workflowType, {
        workflowId: prepared.workflowId,
        args: [prepared.input],
        // A campaign that ends must not cut a migration short, least of all past its point of no return.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      await bookkeeping.abandonCampaignItem({ requestId });
      book.update(item, {
        status: 'FAILED',
        outcome: `could not start: ${message(error)}`,
        requestId: undefined,
      });
      await record();
      return;
    }
    startsThisRun += 1;
    book.update(item, { status: 'RUNNING', as: prepared.as });
    await record();
    const outcome = (async () => {
      try {
        const result = await child.result();
        book.update(item, {
          status: result.status === 'COMPLETED' ? 'SUCCEEDED' : 'FAILED',
          outcome: result.status === 'COMPLETED' ? undefined : (result.failureReason ?? result.status),
        });
      } catch (error) {
        book.update(item, { status: 'FAILED', outcome: message(error) });
      }
      changed();
      await record();
    })();
    tracked.push(outcome);
  };

  /**
   * Migrations the last run started and left running: their outcome comes from the projection. A
   * migration that never writes a final state (terminated by hand) keeps its item RUNNING, looked up
   * once a minute, until someone finishes its request.
   */
  const watchInherited = async (items: CampaignItemProgress[]): Promise<void> => {
    let open = items;
    let waitMs = INHERITED_POLL_FIRST_MS;
    for (;;) {
      const finished = await bookkeeping.finishedCampaignRequests({
        requestIds: open.map((item) => item.requestId!),
      });
      for (const { requestId, status, failureReason } of finished) {
        const item = open.find((i) => i.requestId === requestId)!;
        book.update(item, {
          status: status === 'COMPLETED' ? 'SUCCEEDED' : 'FAILED',
          outcome: status === 'COMPLETED' ? undefined : (failureReason ?? status),
        });
      }
      open = open.filter((item) => !finished.some((f) => f.requestId === item.requestId));
      if (finished.length > 0) {
        changed();
        await record();
        waitMs = INHERITED_POLL_FIRST_MS;
      }
      if (open.length === 0) return;
      await sleep(waitMs);
      waitMs = Math.min(waitMs * 2, INHERITED_POLL_MAX_MS);
    }
  };

  /** Hands the campaign to a new run once every handler and projection write of this one is done. */
  const continueWithNewRun = async (retryDeadline: number | undefined): Promise<never> => {
    // Items half-started would be carried as STARTING, which no run resumes.
    if (concurrent) await Promise.all([...starting]);
    for (;;) {
      await condition(allHandlersFinished);
      const writing = recording;
      await writing;
      if (writing === recording && allHandlersFinished()) break;
    }
    const next: CampaignCarry = {
      runs: (carry?.runs ?? 0) + 1,
      status: book.status,
      startedAt: book.progress.startedAt ?? null,
      updatedAt: book.progress.updatedAt,
      items: book.progress.items.map(packItem),
      unrecorded: book.unrecorded(),
      pausedBefore: pausedBefore ?? null,
      cancelled,
      started,
      retryDeadline: retryDeadline ?? null,
      buckets: limiter.state(),
    };
    return continueAsNew<typeof migrationCampaignWorkflow>({ ...input, items: [] }, next);
  };

  // A reminder is only worth sending when it is still ahead of the person's date when they learn it.
  const skipLateReminders = (items: CampaignItemProgress[], now: number) => {
    for (const item of items) if (book.remindAt(item) <= now) item.remindedFor = item.date;
  };

  setHandler(campaignProgressQuery, () => book.snapshot());
  setHandler(
    pauseCampaignUpdate,
    async (_request: CampaignActionInput) => {
      pausedBefore = book.status === 'RUNNING' ? 'RUNNING' : 'SCHEDULED';
      book.setStatus('PAUSED');
      changed();
      await record();
      return book.snapshot();
    },
    { validator: (_request: CampaignActionInput) => book.validatePause() },
  );
  setHandler(
    resumeCampaignUpdate,
    async (_request: CampaignActionInput) => {
      book.setStatus(started ? 'RUNNING' : (pausedBefore ?? 'SCHEDULED'));
      pausedBefore = undefined;
      changed();
      await record();
      return book.snapshot();
    },
    { validator: (_request: CampaignActionInput) => book.validateResume() },
  );
  setHandler(
    cancelCampaignUpdate,
    async (_request: CampaignActionInput) => {
      cancelled = true;
      for (const item of book.pending())
        book.update(item, { status: 'CANCELLED', outcome: 'the campaign was cancelled' });
      changed();
      await record();
      return book.snapshot();
    },
    { validator: (request: CampaignActionInput) => book.validateCancel(request.reason) },
  );
  setHandler(
    retryCampaignItemUpdate,
    async ({ number }: CampaignItemActionInput) => {
      const item = book.item(number)!;
      // Due at once; the rate limit and a pause still apply.
      book.update(item, { status: 'PENDING', outcome: undefined, date: item.date });
      item.remindedFor = item.date;
      changed();
      await record();
      return book.snapshot();
    },
    { validator: ({ number }: CampaignItemActionInput) => book.validateRetry(number) },
  );
  setHandler(
    moveCampaignItemUpdate,
    async ({ number, date }: MoveItemInput) => {
      const item = book.item(number)!;
      book.update(item, { date });
      skipLateReminders([item], clock());
      changed();
      await record();
      return { ...book.item(number)! };
    },
    { validator: ({ number, date }: MoveItemInput) => book.validateMove(number, date) },
  );
  setHandler(
    migrateCampaignItemNowUpdate,
    async ({ number }: CampaignItemActionInput) => {
      const item = book.item(number)!;
      // The person asked for it: it starts outside the rate limit, but counts against it.
      limiter.force(systemsOf(item), clock());
      await startItem(item);
      changed();
      return { ...book.item(number)! };
    },
    { validator: ({ number }: CampaignItemActionInput) => book.validateMigrateNow(number) },
  );

  if (carry) {
    // Only this run's book knows what the last one had not written yet.
    if (book.unrecorded().length > 0) await record();
    const inherited = book.progress.items.filter((i) => i.status === 'RUNNING');
    if (inherited.length > 0) tracked.push(watchInherited(inherited));
  } else {
    skipLateReminders(book.progress.items, scheduledAt);
    await record();
    await mailPeople(CampaignMailKind.SCHEDULED, book.progress.items, 'sch');
  }

  const startsAt = Date.parse(input.startsAt);
  const continueAfterStarts = input.continueAfterStarts ?? CONTINUE_AFTER_STARTS;
  let retryDeadline = carry?.retryDeadline ?? undefined;
  for (;;) {
    let now = clock();
    if (!started && !cancelled && now >= startsAt) {
      started = true;
      const status = book.status;
      if (status === 'SCHEDULED') book.setStatus('RUNNING');
      if (status === 'PAUSED') pausedBefore = 'RUNNING';
      await record();
      await sendMail({
        key: `c:${input.campaignId}:start:${input.admin}`,
        kind: CampaignMailKind.STARTED,
        login: input.admin,
        data: { unit: input.unit, numbers: [], total: book.progress.items.length },
      });
    }

    const toRemind = book.pending().filter((i) => i.remindedFor !== i.date && book.remindAt(i) <= now);
    if (toRemind.length > 0) {
      for (const item of toRemind) item.remindedFor = item.date;
      await mailPeople(CampaignMailKind.REMINDER, toRemind, 'rem');
    }

    let nextStart: number | undefined;
    if (book.status !== 'PAUSED' && !cancelled) {
      for (const item of book.due(clock())) {
        if (isPaused() || cancelled || startsThisRun + starting.size >= continueAfterStarts) break;
        if (item.status !== 'PENDING') continue;
        const systems = systemsOf(item);
        now = clock();
        if (limiter.tryTake(systems, now)) await (concurrent ? launch(item) : startItem(item));
        else nextStart = Math.min(nextStart ?? Infinity, limiter.nextAvailableAt(systems, now));
      }
    }

    now = clock();
    if (book.allFinished()) {
      if (cancelled || !book.anyFailed()) break;
      retryDeadline ??= now + input.retryWindowMs;
      if (now >= retryDeadline) break;
    } else {
      retryDeadline = undefined;
    }

    if (startsThisRun + starting.size >= continueAfterStarts || workflowInfo().continueAsNewSuggested)
      return continueWithNewRun(retryDeadline);

    const wakes = [
      nextStart,
      retryDeadline,
      started ? undefined : startsAt,
      book.nextItemEventAfter(now),
    ].filter((t): t is number => t !== undefined && t > now);
    const seen = changes;
    if (wakes.length === 0) await condition(() => changes !== seen);
    else await condition(() => changes !== seen, Math.max(1, Math.min(...wakes) - now));
  }

  await Promise.all([...starting]);
  await Promise.all(tracked);
  book.setStatus(cancelled ? 'CANCELLED' : 'COMPLETED');
  await record();
  const counts = book.counts();
  await sendMail({
    key: `c:${input.campaignId}:done:${input.admin}`,
    kind: CampaignMailKind.COMPLETED,
    login: input.admin,
    data: {
      unit: input.unit,
      numbers: book.progress.items.filter((i) => i.status === 'FAILED').map((i) => i.number),
      summary: counts,
      cancelled,
    },
  });
  await condition(allHandlersFinished);
  return book.snapshot();
}
