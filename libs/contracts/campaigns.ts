import type { CampaignMailData, CampaignMailKind } from '../notifications/templates/campaign-templates';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignItemStatus, CampaignStatus } from '../domain/campaign';
import type { LegacyService } from '../domain/legacy-migration';
import type { MigrateLegacyInput, MigrationTarget } from './legacy-migration';
import type { WorkflowSettings } from './settings';
import type { SystemName } from './systems';

export const MIGRATION_CAMPAIGN = 'migrationCampaignWorkflow';

/** The workflow of a campaign, one per campaign. */
export const campaignWorkflowId = (campaignId: string): string => `campaign-${campaignId}`;

/** One legacy number of a campaign, as the API chose it when scheduling. */
export interface CampaignItemInput {
  number: string;
  /** The unit member the number is listed under, who gets the mails and may move the date. */
  login: string;
  service: LegacyService;
  /** The desk phone moves too (its MAC is locked while the item runs, and the phone's systems are rate-limited). */
  movesPhone: boolean;
}

/**
 * Input of `migrationCampaignWorkflow` (docs/domain.md §6 "Bulk migration campaign"). Dates are
 * calendar days (YYYY-MM-DD, UTC); the workflow turns a date into a time as
 * `startsAt + (date − scheduledFor) × dayMs`, so tests shrink days to milliseconds.
 */
export interface CampaignInput {
  campaignId: string;
  unit: string;
  /** Who scheduled it: gets the started and completed mails; the actor of the migrations. */
  admin: string;
  scheduledFor: string;
  maxDate: string;
  /** When `scheduledFor` begins, as an ISO time. */
  startsAt: string;
  dayMs: number;
  reminderDaysBefore: number;
  /** Migrations started per minute on each system a migration touches. */
  ratePerMinute: number;
  /** Per-system overrides of `ratePerMinute`. */
  systemRates: Partial<Record<SystemName, number>>;
  /** How long failed items may still be retried once every item has finished. */
  retryWindowMs: number;
  /**
   * The workflow continues as new after this many child migrations in one run (or sooner, when
   * Temporal suggests it), so a campaign of 10,000 numbers never outgrows one history. Absent in
   * campaigns scheduled before it existed: the workflow's default applies.
   */
  continueAfterStarts?: number;
  items: CampaignItemInput[];
  settings: WorkflowSettings;
  firstBootTimeoutMs: number;
}

export interface CampaignItemProgress {
  number: string;
  login: string;
  service: LegacyService;
  movesPhone: boolean;
  /** The person's date. */
  date: string;
  status: CampaignItemStatus;
  as?: MigrationTarget;
  requestId?: string;
  attempts: number;
  outcome?: string;
  /** Set once the reminder for the current date went out. */
  remindedFor?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface CampaignProgress {
  campaignId: string;
  unit: string;
  status: CampaignStatus;
  items: CampaignItemProgress[];
  startedAt?: string;
  finishedAt?: string;
  updatedAt: string;
}

/** The live state of a campaign. */
export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');

export interface CampaignActionInput {
  actor: string;
  reason?: string;
}
export interface CampaignItemActionInput extends CampaignActionInput {
  number: string;
}
export interface MoveItemInput extends CampaignItemActionInput {
  /** The new date, YYYY-MM-DD: from tomorrow up to the campaign's maximum date. */
  date: string;
}

/** Stops starting new migrations (running ones finish). */
export const pauseCampaignUpdate = defineUpdate<CampaignProgress, [CampaignActionInput]>('pauseCampaign');
export const resumeCampaignUpdate = defineUpdate<CampaignProgress, [CampaignActionInput]>('resumeCampaign');
/** Cancels every item not started yet; running migrations finish and are recorded. */
export const cancelCampaignUpdate = defineUpdate<CampaignProgress, [CampaignActionInput]>('cancelCampaign');
/** Puts a failed item back in the queue. */
export const retryCampaignItemUpdate = defineUpdate<CampaignProgress, [CampaignItemActionInput]>(
  'retryCampaignItem',
);
/** A person moves their migration to another date. */
export const moveCampaignItemUpdate = defineUpdate<CampaignItemProgress, [MoveItemInput]>('moveCampaignItem');
/** A person migrates now instead of waiting: the item starts at once, outside the rate limit. */
export const migrateCampaignItemNowUpdate = defineUpdate<CampaignItemProgress, [CampaignItemActionInput]>(
  'migrateCampaignItemNow',
);

/** One campaign mail to one person. */
export interface CampaignMailInput {
  /** Unique per campaign, kind and recipient (and date, for reminders): a mail goes out once. */
  key: string;
  kind: CampaignMailKind;
  login: string;
  data: Omit<CampaignMailData, 'recipientName' | 'portalUrl'>;
}

/** The campaign's preparation of one item (activity prepareCampaignItem): its rules, locks and request row. */
export type PreparedItem =
  | {
      outcome: 'start';
      as: MigrationTarget;
      requestId: string;
      workflowType: string;
      workflowId: string;
      input: MigrateLegacyInput;
    }
  | { outcome: 'skip' | 'fail'; reason: string };

export interface PrepareItemCommand {
  campaignId: string;
  number: string;
  login: string;
  /** The campaign's admin: the actor of its migrations. */
  admin: string;
  /** Chosen by the workflow, so a retried preparation finds its own locks and request. */
  requestId: string;
  settings: WorkflowSettings;
}
