import type { CampaignItemProgress, CampaignProgress } from '../../libs/contracts/campaigns';
import type { MigrationTarget } from '../../libs/contracts/legacy-migration';
import type { CampaignItemStatus, CampaignStatus } from '../../libs/domain/campaign';
import type { LegacyService } from '../../libs/domain/legacy-migration';
import type { BucketState } from './rate-limiter';

/**
 * One item as a tuple: number, login, service, movesPhone (1/0), status, attempts, date,
 * remindedFor (1 when it is the date, else the date or null), as, requestId, outcome, startedAt and
 * finishedAt (epoch ms). A carried campaign of 10,000 items is then about 1.3 MB, under Temporal's
 * 2 MB limit for a workflow's input; the same items as objects with ISO times would not fit.
 */
export type PackedItem = [
  string,
  string,
  LegacyService,
  0 | 1,
  CampaignItemStatus,
  number,
  string,
  1 | string | null,
  MigrationTarget | null,
  string | null,
  string | null,
  number | null,
  number | null,
];

/**
 * What a campaign run hands to the next one when it continues as new (its history is then closed):
 * the book, the flags of the main loop, the rate limiter's buckets, and the items whose latest
 * state has not reached the projection yet. The input keeps everything else (items emptied: they
 * are here).
 */
export interface CampaignCarry {
  /** Runs before this one. */
  runs: number;
  status: CampaignStatus;
  startedAt: string | null;
  updatedAt: string;
  items: PackedItem[];
  unrecorded: string[];
  pausedBefore: 'SCHEDULED' | 'RUNNING' | null;
  cancelled: boolean;
  started: boolean;
  retryDeadline: number | null;
  buckets: BucketState[];
}

const ms = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso));
const iso = (time: number | null) => (time === null ? undefined : new Date(time).toISOString());

export function packItem(item: CampaignItemProgress): PackedItem {
  return [
    item.number,
    item.login,
    item.service,
    item.movesPhone ? 1 : 0,
    item.status,
    item.attempts,
    item.date,
    item.remindedFor === undefined ? null : item.remindedFor === item.date ? 1 : item.remindedFor,
    item.as ?? null,
    item.requestId ?? null,
    item.outcome ?? null,
    ms(item.startedAt),
    ms(item.finishedAt),
  ];
}

export function unpackItem(packed: PackedItem): CampaignItemProgress {
  const [number, login, service, movesPhone, status, attempts, date, reminded, as, requestId, outcome] =
    packed;
  const item: CampaignItemProgress = {
    number,
    login,
    service,
    movesPhone: movesPhone === 1,
    date,
    status,
    attempts,
  };
  // Absent fields stay absent, as in a run that never continued (the query's answer is the same).
  if (reminded !== null) item.remindedFor = reminded === 1 ? date : reminded;
  if (as !== null) item.as = as;
  if (requestId !== null) item.requestId = requestId;
  if (outcome !== null) item.outcome = outcome;
  const startedAt = iso(packed[11]);
  const finishedAt = iso(packed[12]);
  if (startedAt !== undefined) item.startedAt = startedAt;
  if (finishedAt !== undefined) item.finishedAt = finishedAt;
  return item;
}

/** The campaign's progress as the next run rebuilds it from the carry. */
export function progressOf(campaignId: string, unit: string, carry: CampaignCarry): CampaignProgress {
  const progress: CampaignProgress = {
    campaignId,
    unit,
    status: carry.status,
    items: carry.items.map(unpackItem),
    updatedAt: carry.updatedAt,
  };
  if (carry.startedAt !== null) progress.startedAt = carry.startedAt;
  return progress;
}
