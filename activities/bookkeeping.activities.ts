import type { CampaignProgress } from '../libs/contracts/campaigns';
import type { RequestProgress } from '../libs/contracts/progress';
import type { CampaignSummary } from '../libs/domain/campaign';
import type { CampaignStore } from '../libs/legacy/campaign-store';
import type { NewRequest, RequestStore } from '../libs/requests/request-store';
import type { ResourceLocks } from '../libs/requests/resource-locks';

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
      await requests.recordProgress(progress);
    },

    /** The projection row of a child request, before the child workflow starts and reports into it. */
    async recordChildRequest(request: NewRequest & { parentId: string }): Promise<void> {
      await requests.createIfAbsent(request);
    },

    async releaseRequestLocks(input: { requestId: string }): Promise<void> {
      await locks.release(input.requestId);
    },

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
