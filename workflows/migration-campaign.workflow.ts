import type { CampaignInput, CampaignProgress } from '../libs/contracts/campaigns';
import type { CampaignCarry } from './campaign/campaign-carry';
import { CampaignRun } from './campaign/campaign-run';

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
 * start up to STARTS_AT_ONCE items (workflows/campaign/campaign-run.ts) at a time (each still waits for its rate-limit token), let each
 * system's bucket hold a second's worth of its rate, and write the projection once for all changes
 * made while the previous write was under way. Before it they
 * did one thing at a time: 10,000 people took 20,000 mail activities before the first migration,
 * and starts ran far below the rate limit. Older histories replay the old way.
 */
export async function migrationCampaignWorkflow(
  input: CampaignInput,
  carry?: CampaignCarry,
): Promise<CampaignProgress> {
  return new CampaignRun(input, carry).execute();
}
