import { LIFECYCLE_ACTOR, type LifecycleCandidate, type OpenedRequest } from '../libs/contracts/lifecycle';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import { lockKeys } from '../libs/requests/resource-locks';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

/** The lifecycle's reads and its bookkeeping for the requests it starts. */
export function createNumberLifecycleActivities({ numbers, directory, locks, requests }: ActivityDeps) {
  return {
    /**
     * Numbers with an owner whose contract has an end, and deactivated ones. One directory lookup
     * per owner: the directory has no "contracts ending" query, and the sweep runs once a night.
     */
    async findLifecycleCandidates(): Promise<StepOutcome<LifecycleCandidate[]>> {
      return runStep('directory', async () => {
        const owned = await numbers.ownedNumbers();
        const owners = [...new Set(owned.map((n) => n.ownerLogin!))];
        const people = new Map(
          await Promise.all(owners.map(async (login) => [login, await directory.findPerson(login)] as const)),
        );
        const candidates: LifecycleCandidate[] = [];
        for (const record of owned) {
          const person = people.get(record.ownerLogin!) ?? null;
          const contractEnd = person?.contractEnd ? person.contractEnd.toISOString() : null;
          // Someone still here with an open-ended contract has nothing to plan.
          if (person !== null && contractEnd === null && record.state !== 'DEACTIVATED') continue;
          candidates.push({
            number: record.number,
            type: record.type,
            state: record.state,
            ownerLogin: record.ownerLogin!,
            contractEnd,
            ownerExists: person !== null,
            reservedUntil: record.reservedUntil,
          });
        }
        return { value: candidates };
      });
    },
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
      return runStep('inventory', async (): Promise<{ value: OpenedRequest }> => {
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
      return runStep('inventory', async () => {
        await locks.release(input.id);
        await requests.delete(input.id);
        return { value: undefined };
      });
    },
  };
}
