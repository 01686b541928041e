import { Context } from '@temporalio/activity';
import type { CampaignProgress } from '../libs/contracts/campaigns';
import type { RequestProgress } from '../libs/contracts/progress';
import type { CampaignSummary } from '../libs/domain/campaign';
import type { CampaignStore } from '../libs/legacy/campaign-store';
import type { NewRequest, RequestStore } from '../libs/requests/request-store';
import type { ResourceLocks } from '../libs/requests/resource-locks';
import { systemRejected } from '../libs/systems/system-error';
import { isPermanentDatabaseFailure } from './classify-failure';
import { toFailure } from './run-step';

/**
 * Errors become failures as a step's do (run-step.ts), on Switchboard's own database: a refusal for
 * good (a domain rule, a rejected write, an integrity violation) is not retried, and the workflow
 * parks or compensates (workflows/kit/bookkeeper.ts); anything else is retried without limit
 * (workflows/kit/activity-proxies.ts), as an outage of the database clears.
 */
async function keep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refused = isPermanentDatabaseFailure(error)
      ? systemRejected('inventory', error instanceof Error ? error.message : String(error), error)
      : error;
    throw toFailure('inventory', refused, Context.current().info.attempt);
  }
}

/**
 * Bookkeeping the workflows run as local activities, in Switchboard's own database: the request
 * projection and its locks, and a campaign's record. No system is called, so no step runs here.
 */
export function createBookkeepingActivities({
  requests,
  locks,
  campaigns,
}: {
  requests: RequestStore;
  locks: ResourceLocks;
  campaigns: CampaignStore;
}) {
  return {
    async recordProgress(progress: RequestProgress): Promise<void> {
      await keep(() => requests.recordProgress(progress));
    },

    /** The projection row of a child request, before the child workflow starts and reports into it. */
    async recordChildRequest(request: NewRequest & { parentId: string }): Promise<void> {
      await keep(() => requests.createIfAbsent(request));
    },

    async releaseRequestLocks(input: { requestId: string }): Promise<void> {
      await keep(() => locks.release(input.requestId));
    },

    // A campaign's writes are not classified yet: whatever they meet is retried until it works (the
    // campaign has no parking to go to; docs/workflows.md).
    async abandonCampaignItem(input: { requestId: string }): Promise<void> {
      await campaigns.abandonItem(input.requestId);
    },

    /** Outcomes of migrations a campaign run inherited from the run before it (continue-as-new). */
    async finishedCampaignRequests(input: {
      requestIds: string[];
    }): Promise<Array<{ requestId: string; status: string; failureReason: string | null }>> {
      return campaigns.finishedRequests(input.requestIds);
    },

    async recordCampaign(change: { campaign: CampaignProgress; counts: CampaignSummary }): Promise<void> {
      await campaigns.record(change);
    },
  };
}
