import { condition, setHandler } from '@temporalio/workflow';
import type { PersonSummary } from '../libs/contracts/people';
import {
  respondToOwnershipUpdate,
  type ChangeOwnerInput,
  type NumberRecord,
  type OwnershipResponse,
} from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { NumberNotice } from '../libs/notifications/templates/number-notices';
import { bookkeeping } from './kit/activity-proxies';
import { RequestRun } from './kit/request-run';
import type { WaitOutcome } from './kit/step-types';
import type { StepDefinition } from './kit/timeline';
import { nothingToDo, requestMails } from './number-requests';

export const CHANGE_OWNER_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the shared number in the inventory' },
  { id: 'verify-new-owner', system: 'directory', action: 'Check the proposed owner may own a number' },
  { id: 'notify-offer', system: 'mail', action: 'Ask the proposed owner to accept' },
  { id: 'await-acceptance', system: 'inventory', action: 'Wait for the proposed owner to accept' },
  { id: 'update-group-owner', system: 'directory', action: 'Make the new owner the owner of the e-group' },
  { id: 'update-phonebook-entry', system: 'directory', action: 'Show the new owner in the phonebook entry' },
  { id: 'set-owner', system: 'inventory', action: 'Record the new owner' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome to both owners and the managers' },
] as const satisfies readonly StepDefinition[];

const sameLogin = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * docs/domain.md §3 "Change owner" of a shared number: the proposed owner must be authorised and must
 * accept within the timeout (input, from APPROVAL_TIMEOUT_MS). Refused or unanswered, the request
 * ends FAILED with the reason and nothing changed. Accepted: e-group owner → phonebook entry →
 * inventory owner, undone in reverse. The lifecycle uses it without acceptance (a leaving owner's
 * numbers move to their supervisor).
 */
export async function changeOwnerWorkflow(input: ChangeOwnerInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.CHANGE_OWNER, CHANGE_OWNER_STEPS);
  const { number, newOwner, requestId, requester, acceptanceTimeoutMs } = input;
  run.timeline.setSubject(number);
  let record: NumberRecord | undefined;
  let response: OwnershipResponse | undefined;
  // Open from the moment the offer is recorded (the portal lists it) until the wait ends.
  let offerOpen = false;
  let offerOutcome: 'REFUSED' | 'EXPIRED' | 'WITHDRAWN' = 'WITHDRAWN';

  setHandler(
    respondToOwnershipUpdate,
    (answer) => {
      response = answer;
      return run.timeline.snapshot();
    },
    {
      validator: (answer: OwnershipResponse) => {
        if (!sameLogin(answer.login, newOwner)) throw new Error(`only ${newOwner} can answer this offer`);
        if (!offerOpen || response) throw new Error('this offer is not open for an answer');
      },
    },
  );

  const mails = requestMails(run, input, `a new owner for ${number}`, () => ({ toLogins: [requester] }));

  return run.execute(
    async () => {
      const current: NumberRecord = await run.step('load-number', (a) =>
        a.loadNumber({ number, expect: { types: ['SHARED'] } }),
      );
      record = current;
      const previousOwner = current.ownerLogin ?? requester;
      const proposed: PersonSummary = await run.step('verify-new-owner', (a) =>
        a.verifyNewOwner({ login: newOwner, currentOwner: current.ownerLogin }),
      );

      if (acceptanceTimeoutMs === null) {
        nothingToDo(run, 'notify-offer', 'no acceptance needed');
        nothingToDo(run, 'await-acceptance', 'no acceptance needed');
      } else {
        const expiresAt = new Date(new Date().getTime() + acceptanceTimeoutMs).toISOString();
        await bookkeeping.recordOwnershipOffer({
          requestId,
          number,
          proposedOwner: proposed.login,
          proposedBy: input.actor,
          expiresAt,
        });
        offerOpen = true;
        await run.bestEffort('notify-offer', (a) =>
          a.sendNumberNotice({
            key: `${requestId}:${NumberNotice.OWNERSHIP_OFFERED}`,
            notice: NumberNotice.OWNERSHIP_OFFERED,
            toLogins: [proposed.login],
            data: { number, description: current.description, proposedBy: requester, respondBy: expiresAt },
          }),
        );
        await run.waitFor('await-acceptance', async (): Promise<WaitOutcome<void>> => {
          const answered = await condition(() => response !== undefined, acceptanceTimeoutMs);
          offerOpen = false;
          if (!answered) {
            offerOutcome = 'EXPIRED';
            const days = Math.round(acceptanceTimeoutMs / 86_400_000);
            return {
              ok: false,
              reason: `${newOwner} did not answer the offer to own ${number} in time (${days > 0 ? `${days} days` : `${acceptanceTimeoutMs} ms`}); nothing was changed.`,
              type: 'OwnershipOfferExpired',
            };
          }
          if (!response!.accept) {
            offerOutcome = 'REFUSED';
            return {
              ok: false,
              reason: `${newOwner} refused to own ${number}; nothing was changed.`,
              type: 'OwnershipRefused',
            };
          }
          return { ok: true, value: undefined, note: `accepted by ${newOwner}` };
        });
        await bookkeeping.closeOwnershipOffer({ requestId, outcome: 'ACCEPTED' });
      }

      const group = current.managersGroup;
      if (group) {
        await run.step(
          'update-group-owner',
          (a) => a.setManagersGroupOwner({ name: group, ownerLogin: proposed.login }),
          {
            mayHalfApply: true,
            undo: (a) => a.setManagersGroupOwner({ name: group, ownerLogin: previousOwner }),
          },
        );
      } else {
        nothingToDo(run, 'update-group-owner', 'the number has no managers e-group');
      }
      const entry = {
        number,
        description: current.description ?? number,
        managersGroup: group ?? '',
      };
      await run.step(
        'update-phonebook-entry',
        (a) =>
          current.inPhonebook
            ? a.publishSharedEntry({ ...entry, ownerLogin: proposed.login })
            : a.unpublishSharedEntry({ number }),
        current.inPhonebook
          ? {
              mayHalfApply: true,
              undo: (a) => a.publishSharedEntry({ ...entry, ownerLogin: previousOwner }),
            }
          : {},
      );
      await run.step('set-owner', (a) => a.setNumberOwner({ number, ownerLogin: proposed.login }));
      run.timeline.setResult({ number, owner: proposed.login });

      await run.bestEffort('notify-outcome', (a) =>
        a.sendNumberNotice({
          key: `${requestId}:${NumberNotice.OWNERSHIP_CHANGED}`,
          notice: NumberNotice.OWNERSHIP_CHANGED,
          toLogins: [...new Set([proposed.login, previousOwner, requester])],
          ccGroup: group,
          data: { number, description: current.description, owner: previousOwner, newOwner: proposed.login },
        }),
      );
    },
    {
      onFailed: async (reason) => {
        if (acceptanceTimeoutMs !== null && record) {
          await bookkeeping.closeOwnershipOffer({ requestId, outcome: offerOutcome });
        }
        await mails.failed(reason);
      },
    },
  );
}
