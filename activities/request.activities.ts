import type { RequestProgress } from '../libs/contracts/progress';
import type { NewRequest } from '../libs/requests/request-store';
import type { ActivityDeps } from './activity-deps';

/** Bookkeeping the workflows run as local activities: the request projection and its locks. */
export function createRequestActivities({ requests, locks }: ActivityDeps) {
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
  };
}
