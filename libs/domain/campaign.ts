/** docs/domain.md §6 "Bulk migration campaign": where a campaign is in its life. */
export const CampaignStatus = {
  SCHEDULED: 'SCHEDULED',
  RUNNING: 'RUNNING',
  PAUSED: 'PAUSED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
} as const;
export type CampaignStatus = (typeof CampaignStatus)[keyof typeof CampaignStatus];

/** Where one number of a campaign is. */
export const CampaignItemStatus = {
  PENDING: 'PENDING',
  /** Checking the rules and taking the locks before the migration starts. */
  STARTING: 'STARTING',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  /** The migration failed (and undid itself) or could not start; an admin may retry it. */
  FAILED: 'FAILED',
  /** Nothing to do any more (already migrated, no longer listed, person no longer eligible). */
  SKIPPED: 'SKIPPED',
  CANCELLED: 'CANCELLED',
} as const;
export type CampaignItemStatus = (typeof CampaignItemStatus)[keyof typeof CampaignItemStatus];

/** How many numbers of a campaign ended how (and how many are still to go). */
export interface CampaignSummary {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  pending: number;
  running: number;
}
