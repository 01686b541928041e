import {
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  patched,
  sleep,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignInput, CampaignItemProgress, CampaignProgress } from '../../libs/contracts/campaigns';
import type { MigrateLegacyInput } from '../../libs/contracts/legacy-migration';
import type { RequestProgress } from '../../libs/contracts/progress';
import type { SystemName } from '../../libs/contracts/systems';
import { CampaignMailKind } from '../../libs/notifications/templates/campaign-templates';
import { activitiesFor, bookkeeping } from '../kit/activity-proxies';
import { CampaignBook, systemsOf } from './campaign-book';
import { packItem, progressOf, type CampaignCarry } from './campaign-carry';
import { CampaignMailer } from './campaign-mailer';
import { CampaignRecorder } from './campaign-recorder';
import { handleCampaignMessages } from './campaign-messages';
import { RateLimiter } from './rate-limiter';

// Workflow time: deterministic on replay.
const clock = () => new Date().getTime();
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Child starts per run when the input does not say (campaigns scheduled before the setting). */
const CONTINUE_AFTER_STARTS = 200;
/** Inherited migrations are looked up soon after a run starts, then less and less often. */
const INHERITED_POLL_FIRST_MS = 500;
const INHERITED_POLL_MAX_MS = 60_000;
/** Items being prepared and started at once; the rate limit still decides when each may begin. */
const STARTS_AT_ONCE = 16;

/**
 * One run of a migration campaign (see migration-campaign.workflow.ts): its book, limiter and mails,
 * the migrations it starts, its updates, and the hand-over to the next run (continue-as-new). */
export class CampaignRun {
  readonly book: CampaignBook;
  private readonly concurrent: boolean;
  private readonly limiter: RateLimiter;
  private readonly mailer: CampaignMailer;
  private readonly scheduledAt: number;
  private readonly tracked: Array<Promise<void>> = [];
  private readonly starting = new Set<Promise<void>>();
  private changes = 0;
  private pausedBefore: 'RUNNING' | 'SCHEDULED' | undefined;
  private cancelled: boolean;
  private started: boolean;
  private startsThisRun = 0;
  private readonly recorder: CampaignRecorder;

  constructor(
    private readonly input: CampaignInput,
    private readonly carry: CampaignCarry | undefined,
  ) {
    this.book = new CampaignBook(
      input,
      () => new Date(),
      carry && {
        progress: progressOf(input.campaignId, input.unit, carry),
        unrecorded: carry.unrecorded,
      },
    );
    this.concurrent = patched('campaign-concurrent-starts');
    const rateOf = (system: SystemName) => input.systemRates[system] ?? input.ratePerMinute;
    // One wake of the loop may start a second's worth of migrations: with a burst of one, a fast rate
    // needed a timer and a workflow task per start, and those round trips, not the rate, set the pace.
    this.limiter = new RateLimiter(
      rateOf,
      this.concurrent ? (system) => Math.max(1, Math.floor(rateOf(system) / 60)) : 1,
      carry?.buckets,
    );
    this.scheduledAt = clock();
    this.pausedBefore = carry?.pausedBefore ?? undefined;
    this.cancelled = carry?.cancelled ?? false;
    this.started = carry?.started ?? false;
    this.mailer = new CampaignMailer(input, this.concurrent);
    this.recorder = new CampaignRecorder(this.book, this.concurrent);
    handleCampaignMessages(this);
  }

  // A method, not an inline check: an update may pause the campaign during any await of the loop.
  private isPaused = () => this.book.status === 'PAUSED';

  /** Wakes the main loop. */
  private changed(): void {
    this.changes += 1;
  }

  private record(): Promise<void> {
    return this.recorder.record();
  }

  async pause(): Promise<CampaignProgress> {
    this.pausedBefore = this.book.status === 'RUNNING' ? 'RUNNING' : 'SCHEDULED';
    this.book.setStatus('PAUSED');
    return this.recordChange();
  }

  async resume(): Promise<CampaignProgress> {
    this.book.setStatus(this.started ? 'RUNNING' : (this.pausedBefore ?? 'SCHEDULED'));
    this.pausedBefore = undefined;
    return this.recordChange();
  }

  async cancel(): Promise<CampaignProgress> {
    this.cancelled = true;
    for (const item of this.book.pending())
      this.book.update(item, { status: 'CANCELLED', outcome: 'the campaign was cancelled' });
    return this.recordChange();
  }

  async retryItem(number: string): Promise<CampaignProgress> {
    const item = this.book.item(number)!;
    // Due at once; the rate limit and a pause still apply.
    this.book.update(item, { status: 'PENDING', outcome: undefined, date: item.date });
    item.remindedFor = item.date;
    return this.recordChange();
  }

  async moveItem(number: string, date: string): Promise<CampaignItemProgress> {
    const item = this.book.item(number)!;
    this.book.update(item, { date });
    this.skipLateReminders([item], clock());
    this.changed();
    await this.record();
    return { ...this.book.item(number)! };
  }

  async migrateNow(number: string): Promise<CampaignItemProgress> {
    const item = this.book.item(number)!;
    // The person asked for it: it starts outside the rate limit, but counts against it.
    this.limiter.force(systemsOf(item), clock());
    await this.startItem(item);
    this.changed();
    return { ...this.book.item(number)! };
  }

  private async recordChange(): Promise<CampaignProgress> {
    this.changed();
    await this.record();
    return this.book.snapshot();
  }

  /** Starts an item without waiting for it, once fewer than STARTS_AT_ONCE are being started. */
  private async launch(item: CampaignItemProgress): Promise<void> {
    // Finishing a start wakes the main loop: the item may have been the last one open.
    const start = this.startItem(item).finally(() => {
      this.starting.delete(start);
      this.changed();
    });
    this.starting.add(start);
    await condition(() => this.starting.size < STARTS_AT_ONCE);
  }

  /** Rules, locks, then the child migration; its outcome is recorded when it ends. */
  private async startItem(item: CampaignItemProgress): Promise<void> {
    const { book, input } = this;
    const requestId = uuid4();
    book.update(item, { status: 'STARTING', attempts: item.attempts + 1, outcome: undefined, requestId });
    await this.record();
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
      await this.record();
      return;
    }
    if (prepared.outcome !== 'start') {
      book.update(item, {
        status: prepared.outcome === 'skip' ? 'SKIPPED' : 'FAILED',
        outcome: prepared.reason,
        requestId: undefined,
      });
      await this.record();
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
      await this.record();
      return;
    }
    this.startsThisRun += 1;
    book.update(item, { status: 'RUNNING', as: prepared.as });
    await this.record();
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
      this.changed();
      await this.record();
    })();
    this.tracked.push(outcome);
  }

  /**
   * Migrations the last run started and left running: their outcome comes from the projection. A
   * migration that never writes a final state (terminated by hand) keeps its item RUNNING, looked up
   * once a minute, until someone finishes its request.
   */
  private async watchInherited(items: CampaignItemProgress[]): Promise<void> {
    let open = items;
    let waitMs = INHERITED_POLL_FIRST_MS;
    for (;;) {
      const finished = await bookkeeping.finishedCampaignRequests({
        requestIds: open.map((item) => item.requestId!),
      });
      for (const { requestId, status, failureReason } of finished) {
        const item = open.find((i) => i.requestId === requestId)!;
        this.book.update(item, {
          status: status === 'COMPLETED' ? 'SUCCEEDED' : 'FAILED',
          outcome: status === 'COMPLETED' ? undefined : (failureReason ?? status),
        });
      }
      open = open.filter((item) => !finished.some((f) => f.requestId === item.requestId));
      if (finished.length > 0) {
        this.changed();
        await this.record();
        waitMs = INHERITED_POLL_FIRST_MS;
      }
      if (open.length === 0) return;
      await sleep(waitMs);
      waitMs = Math.min(waitMs * 2, INHERITED_POLL_MAX_MS);
    }
  }

  /** Hands the campaign to a new run once every handler and projection write of this one is done. */
  private async continueWithNewRun(retryDeadline: number | undefined): Promise<never> {
    // Items half-started would be carried as STARTING, which no run resumes.
    if (this.concurrent) await Promise.all([...this.starting]);
    for (;;) {
      await condition(allHandlersFinished);
      const writing = this.recorder.latest;
      await writing;
      if (writing === this.recorder.latest && allHandlersFinished()) break;
    }
    const { book } = this;
    const next: CampaignCarry = {
      runs: (this.carry?.runs ?? 0) + 1,
      status: book.status,
      startedAt: book.progress.startedAt ?? null,
      updatedAt: book.progress.updatedAt,
      items: book.progress.items.map(packItem),
      unrecorded: book.unrecorded(),
      pausedBefore: this.pausedBefore ?? null,
      cancelled: this.cancelled,
      started: this.started,
      retryDeadline: retryDeadline ?? null,
      buckets: this.limiter.state(),
    };
    return continueAsNew<(input: CampaignInput, carry?: CampaignCarry) => Promise<CampaignProgress>>(
      { ...this.input, items: [] },
      next,
    );
  }

  // A reminder is only worth sending when it is still ahead of the person's date when they learn it.
  private skipLateReminders(items: CampaignItemProgress[], now: number): void {
    for (const item of items) if (this.book.remindAt(item) <= now) item.remindedFor = item.date;
  }

  /** The campaign: mails, then starts at the rate limit until every item is done (or the next run takes over). */
  async execute(): Promise<CampaignProgress> {
    const { book, input, carry } = this;
    if (carry) {
      // Only this run's book knows what the last one had not written yet.
      if (book.unrecorded().length > 0) await this.record();
      const inherited = book.progress.items.filter((i) => i.status === 'RUNNING');
      if (inherited.length > 0) this.tracked.push(this.watchInherited(inherited));
    } else {
      this.skipLateReminders(book.progress.items, this.scheduledAt);
      await this.record();
      await this.mailer.mailPeople(CampaignMailKind.SCHEDULED, book.progress.items, 'sch');
    }

    const startsAt = Date.parse(input.startsAt);
    const continueAfterStarts = input.continueAfterStarts ?? CONTINUE_AFTER_STARTS;
    let retryDeadline = carry?.retryDeadline ?? undefined;
    for (;;) {
      let now = clock();
      if (!this.started && !this.cancelled && now >= startsAt) {
        this.started = true;
        const status = book.status;
        if (status === 'SCHEDULED') book.setStatus('RUNNING');
        if (status === 'PAUSED') this.pausedBefore = 'RUNNING';
        await this.record();
        await this.mailer.send({
          key: `c:${input.campaignId}:start:${input.admin}`,
          kind: CampaignMailKind.STARTED,
          login: input.admin,
          data: { unit: input.unit, numbers: [], total: book.progress.items.length },
        });
      }

      const toRemind = book.pending().filter((i) => i.remindedFor !== i.date && book.remindAt(i) <= now);
      if (toRemind.length > 0) {
        for (const item of toRemind) item.remindedFor = item.date;
        await this.mailer.mailPeople(CampaignMailKind.REMINDER, toRemind, 'rem');
      }

      let nextStart: number | undefined;
      if (book.status !== 'PAUSED' && !this.cancelled) {
        for (const item of book.due(clock())) {
          if (
            this.isPaused() ||
            this.cancelled ||
            this.startsThisRun + this.starting.size >= continueAfterStarts
          )
            break;
          if (item.status !== 'PENDING') continue;
          const systems = systemsOf(item);
          now = clock();
          if (this.limiter.tryTake(systems, now))
            await (this.concurrent ? this.launch(item) : this.startItem(item));
          else nextStart = Math.min(nextStart ?? Infinity, this.limiter.nextAvailableAt(systems, now));
        }
      }

      now = clock();
      if (book.allFinished()) {
        if (this.cancelled || !book.anyFailed()) break;
        retryDeadline ??= now + input.retryWindowMs;
        if (now >= retryDeadline) break;
      } else {
        retryDeadline = undefined;
      }

      if (
        this.startsThisRun + this.starting.size >= continueAfterStarts ||
        workflowInfo().continueAsNewSuggested
      )
        return this.continueWithNewRun(retryDeadline);

      const wakes = [
        nextStart,
        retryDeadline,
        this.started ? undefined : startsAt,
        book.nextItemEventAfter(now),
      ].filter((t): t is number => t !== undefined && t > now);
      const seen = this.changes;
      if (wakes.length === 0) await condition(() => this.changes !== seen);
      else await condition(() => this.changes !== seen, Math.max(1, Math.min(...wakes) - now));
    }

    await Promise.all([...this.starting]);
    await Promise.all(this.tracked);
    book.setStatus(this.cancelled ? 'CANCELLED' : 'COMPLETED');
    await this.record();
    await this.mailer.send({
      key: `c:${input.campaignId}:done:${input.admin}`,
      kind: CampaignMailKind.COMPLETED,
      login: input.admin,
      data: {
        unit: input.unit,
        numbers: book.progress.items.filter((i) => i.status === 'FAILED').map((i) => i.number),
        summary: book.counts(),
        cancelled: this.cancelled,
      },
    });
    await condition(allHandlersFinished);
    return book.snapshot();
  }
}
