import { LIFECYCLE_ACTOR, type OpenedRequest } from '../../libs/contracts/lifecycle';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { PrepareItemCommand, PreparedItem } from '../../libs/contracts/campaigns';
import type { CampaignStore } from '../../libs/legacy/campaign-store';
import type { RequestStore } from '../../libs/requests/request-store';
import { lockKeys, type ResourceLocks } from '../../libs/requests/resource-locks';
import type { NumberInventoryPort } from '../../libs/systems/inventory/number-inventory.port';
import { stepsOn } from '../run-step';

/**
 * Requests that a workflow opens itself (the lifecycle's, a campaign's items): what the API's launcher
 * does for a person's request, its locks and its projection row.
 */
export function createRequestOpeningActivities({
  numbers,
  locks,
  requests,
  campaigns,
}: {
  numbers: Pick<NumberInventoryPort, 'livePhones'>;
  locks: ResourceLocks;
  requests: RequestStore;
  campaigns: CampaignStore;
}) {
  const step = stepsOn('inventory');
  return {
    /**
     * What the API's launcher does for a person's request, for a request the lifecycle starts: the
     * locks on the number and its phones, and the projection row. Busy when another request holds
     * them; the lifecycle then waits and tries again.
     */
    async openLifecycleRequest(input: {
      id: string;
      kind: string;
      workflowId: string;
      requester: string;
      number: string;
    }): Promise<StepOutcome<OpenedRequest>> {
      return step(async (): Promise<{ value: OpenedRequest }> => {
        const phones = await numbers.livePhones(input.number);
        const resources = [lockKeys.number(input.number), ...phones.map((p) => lockKeys.mac(p.mac))];
        const outcome = await locks.acquire(resources, input.id, input.workflowId);
        // A retry after a crash finds its own locks.
        if (!outcome.acquired && outcome.heldBy.requestId !== input.id) {
          return { value: { opened: false, heldBy: outcome.heldBy.requestId } };
        }
        await requests.createIfAbsent({
          id: input.id,
          kind: input.kind,
          workflowId: input.workflowId,
          requester: input.requester,
          actor: LIFECYCLE_ACTOR,
          subject: input.number,
        });
        return { value: { opened: true } };
      });
    },

    /** The request could not start after all (its workflow id was taken): give everything back. */
    async abandonLifecycleRequest(input: { id: string }): Promise<StepOutcome> {
      return step(async () => {
        await locks.release(input.id);
        await requests.delete(input.id);
        return { value: undefined };
      });
    },

    /** Rules, locks and the request row of one item; a refusal comes back as an outcome, not an error. */
    async prepareCampaignItem(input: PrepareItemCommand): Promise<StepOutcome<PreparedItem>> {
      return step(async () => ({ value: await campaigns.prepareItem(input) }));
    },
  };
}
