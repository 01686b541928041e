import type { CampaignInput, CampaignItemProgress, CampaignProgress } from '../../libs/contracts/campaigns';
import type { SystemName } from '../../libs/contracts/systems';
import type { CampaignItemStatus, CampaignStatus, CampaignSummary } from '../../libs/domain/campaign';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const TERMINAL: readonly CampaignItemStatus[] = ['SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'];

/** Days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: a real date survives the round trip.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Systems one migration touches; the desk phone's adds the network, DHCP and provisioning. */
export function systemsOf(item: Pick<CampaignItemProgress, 'movesPhone'>): SystemName[] {
  const base: SystemName[] = ['inventory', 'legacy', 'pbx', 'directory', 'mail'];
  return item.movesPhone ? [...base, 'network', 'dhcp', 'provisioning'] : base;
}

/**
 * A campaign's state and its rules, as plain code (no Temporal APIs) so it is unit-tested on its
 * own: items, their dates and times, the validators of every update, the summary.
 */
export class CampaignBook {
  readonly progress: CampaignProgress;
  private readonly dirty = new Set<string>();
  // A campaign of 10,000 items asks for times and items on every turn of its loop: parsing dates and
  // scanning the list each time kept the workflow thread busy longer than the migrations themselves.
  private readonly times = new Map<string, number>();
  private readonly byNumber = new Map<string, CampaignItemProgress>();

  /**
   * A new campaign's book from its input, or, in a run that continued as new, the progress the last
   * run handed over with the items it had not written to the projection yet.
   */
  constructor(
    private readonly input: CampaignInput,
    private readonly now: () => Date,
    resumed?: { progress: CampaignProgress; unrecorded: readonly string[] },
  ) {
    this.progress = resumed?.progress ?? {
      campaignId: input.campaignId,
      unit: input.unit,
      status: 'SCHEDULED',
      items: input.items.map((item) => ({
        ...item,
        date: input.scheduledFor,
        status: 'PENDING',
        attempts: 0,
      })),
      updatedAt: now().toISOString(),
    };
    for (const number of resumed?.unrecorded ?? []) this.dirty.add(number);
    for (const item of this.progress.items) this.byNumber.set(item.number, item);
  }

  /** Items changed since the projection was last written. */
  unrecorded(): string[] {
    return [...this.dirty];
  }

  get status(): CampaignStatus {
    return this.progress.status;
  }

  get isOver(): boolean {
    return this.status === 'COMPLETED' || this.status === 'CANCELLED';
  }

  /** When a date begins for this campaign's workflow. */
  timeOf(date: string): number {
    let time = this.times.get(date);
    if (time === undefined) {
      time = Date.parse(this.input.startsAt) + daysBetween(this.input.scheduledFor, date) * this.input.dayMs;
      this.times.set(date, time);
    }
    return time;
  }

  remindAt(item: CampaignItemProgress): number {
    return this.timeOf(item.date) - this.input.reminderDaysBefore * this.input.dayMs;
  }

  item(number: string): CampaignItemProgress | undefined {
    return this.byNumber.get(number);
  }

  private requireItem(number: string): CampaignItemProgress {
    const item = this.item(number);
    if (!item) throw new Error(`${number} is not part of this campaign`);
    return item;
  }

  setStatus(status: CampaignStatus): void {
    this.progress.status = status;
    if (status === 'RUNNING') this.progress.startedAt ??= this.stamp();
    if (status === 'COMPLETED' || status === 'CANCELLED') this.progress.finishedAt = this.stamp();
    this.touch();
  }

  /** Changes an item and marks it for the next write of the projection. */
  update(item: CampaignItemProgress, change: Partial<CampaignItemProgress>): void {
    Object.assign(item, change);
    if (change.status === 'STARTING') {
      item.startedAt = this.stamp();
      item.finishedAt = undefined;
    }
    if (change.status && TERMINAL.includes(change.status)) item.finishedAt = this.stamp();
    this.dirty.add(item.number);
    this.touch();
  }

  /** Items whose date has come and that have not started, earliest first. */
  due(now: number): CampaignItemProgress[] {
    return this.progress.items
      .filter((i) => i.status === 'PENDING' && this.timeOf(i.date) <= now)
      .sort((a, b) => this.timeOf(a.date) - this.timeOf(b.date) || a.number.localeCompare(b.number));
  }

  pending(): CampaignItemProgress[] {
    return this.progress.items.filter((i) => i.status === 'PENDING');
  }

  allFinished(): boolean {
    return this.progress.items.every((i) => TERMINAL.includes(i.status));
  }

  anyFailed(): boolean {
    return this.progress.items.some((i) => i.status === 'FAILED');
  }

  counts(): CampaignSummary {
    const counts: CampaignSummary = {
      total: this.progress.items.length,
      succeeded: 0,
      failed: 0,
      skipped: 0,
      cancelled: 0,
      pending: 0,
      running: 0,
    };
    for (const { status } of this.progress.items) {
      if (status === 'SUCCEEDED') counts.succeeded += 1;
      else if (status === 'FAILED') counts.failed += 1;
      else if (status === 'SKIPPED') counts.skipped += 1;
      else if (status === 'CANCELLED') counts.cancelled += 1;
      else if (status === 'PENDING') counts.pending += 1;
      else counts.running += 1;
    }
    return counts;
  }

  /**
   * The earliest moment after `now` at which a pending item falls due or should be reminded; one
   * pass over the items.
   */
  nextItemEventAfter(now: number): number | undefined {
    let next: number | undefined;
    const consider = (time: number) => {
      if (time > now && (next === undefined || time < next)) next = time;
    };
    for (const item of this.progress.items) {
      if (item.status !== 'PENDING') continue;
      consider(this.timeOf(item.date));
      if (item.remindedFor !== item.date) consider(this.remindAt(item));
    }
    return next;
  }

  /** The campaign and the items changed since the last call, for the projection. */
  takeChanges(): { campaign: CampaignProgress; counts: CampaignSummary } {
    const items = this.progress.items.filter((i) => this.dirty.has(i.number));
    this.dirty.clear();
    return { campaign: copy({ ...this.progress, items }), counts: this.counts() };
  }

  snapshot(): CampaignProgress {
    return copy(this.progress);
  }

  // Validators: each throws a message for people when the update does not fit the campaign's state.

  validatePause(): void {
    if (this.status !== 'SCHEDULED' && this.status !== 'RUNNING')
      throw new Error(`the campaign is ${this.status} and cannot be paused`);
  }

  validateResume(): void {
    if (this.status !== 'PAUSED') throw new Error(`the campaign is ${this.status}, not paused`);
  }

  validateCancel(reason: string | undefined): void {
    if (!reason || reason.trim() === '') throw new Error('a reason is required to cancel a campaign');
    if (this.isOver) throw new Error(`the campaign is already ${this.status}`);
  }

  validateRetry(number: string): void {
    const item = this.requireItem(number);
    if (this.status === 'CANCELLED' || this.status === 'COMPLETED')
      throw new Error(
        `the campaign is ${this.status}; migrate ${number} from the legacy numbers page instead`,
      );
    if (item.status !== 'FAILED')
      throw new Error(`${number} is ${item.status}; only a failed item can be retried`);
  }

  validateMove(number: string, date: string): void {
    const item = this.requireItem(number);
    if (this.isOver) throw new Error(`the campaign is ${this.status}`);
    if (item.status !== 'PENDING')
      throw new Error(`the migration of ${number} is ${item.status} and cannot be moved`);
    if (!isDate(date)) throw new Error(`"${date.slice(0, 20)}" is not a date; use YYYY-MM-DD`);
    if (date > this.input.maxDate)
      throw new Error(`the latest date for this campaign is ${this.input.maxDate}`);
    if (this.timeOf(date) <= this.now().getTime())
      throw new Error(`${date} has already begun; choose a later date`);
  }

  validateMigrateNow(number: string): void {
    const item = this.requireItem(number);
    if (this.isOver) throw new Error(`the campaign is ${this.status}`);
    if (item.status !== 'PENDING')
      throw new Error(`the migration of ${number} is ${item.status}; it cannot be started again from here`);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private touch(): void {
    this.progress.updatedAt = this.stamp();
  }
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
