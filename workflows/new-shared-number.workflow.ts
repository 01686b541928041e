import type { PersonSummary } from '../libs/contracts/people';
import { managersGroupOf, type NewSharedNumberInput } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { SHARED_NUMBER_STEP, createManagersGroupStep } from './kit/managers-group-step';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { acceptedMail, requestMails } from './number-requests';

export const NEW_SHARED_NUMBER_STEPS = [
  { id: 'verify-eligibility', system: 'directory', action: 'Check eligibility in the directory' },
  SHARED_NUMBER_STEP.verifyManagers,
  { id: 'notify-accepted', system: 'mail', action: 'Mail the requester that the request is accepted' },
  { id: 'reserve-number', system: 'inventory', action: 'Reserve a number from the shared pool' },
  SHARED_NUMBER_STEP.createManagersGroup,
  { id: 'create-sip-account', system: 'pbx', action: 'Create the SIP account on the PBX' },
  SHARED_NUMBER_STEP.publishSharedEntry,
  { id: 'activate-number', system: 'inventory', action: 'Activate the number' },
  SHARED_NUMBER_STEP.notifyOwnerAndManagers,
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §6 "New shared number": reserve → managers e-group → SIP account → phonebook entry
 * (with the description) → activate + mail. Undo order on failure: phonebook entry, SIP account,
 * e-group, reservation.
 */
export async function newSharedNumberWorkflow(input: NewSharedNumberInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.NEW_SHARED_NUMBER, NEW_SHARED_NUMBER_STEPS);
  const { requestId, requester, description, managers } = input;
  let owner: PersonSummary | undefined;
  // Nobody hears about a request whose requester the directory could not confirm.
  const audience = () => (owner ? { toLogins: [requester], ccLogins: managers } : { toLogins: [] });
  const mails = requestMails(run, input, 'a shared number', audience);
  const mailAccepted = acceptedMail(run, input, 'a shared number', audience);

  return run.execute(
    async () => {
      owner = await run.step('verify-eligibility', (a) => a.verifyEligibility({ login: requester }));
      await run.step('verify-managers', (a) => a.verifyManagers({ logins: managers }));
      await mailAccepted();

      const { number } = await run.step(
        'reserve-number',
        (a) => a.reserveSharedNumber({ requestId, ownerLogin: requester, description }),
        { undo: (a) => a.releaseReservation({ requestId }) },
      );
      run.timeline.setSubject(number);
      const group = managersGroupOf(number);

      await createManagersGroupStep(run, {
        name: group,
        number,
        description,
        ownerLogin: requester,
        members: managers,
      });
      await run.step('create-sip-account', (a) => a.createSipAccount({ number, displayName: description }), {
        // A timeout may hide an account that was created: record its removal before trying.
        mayHalfApply: true,
        undo: (a) => a.removeSipAccount({ number }),
      });
      await run.step(
        'publish-shared-entry',
        (a) => a.publishSharedEntry({ number, description, ownerLogin: requester, managersGroup: group }),
        {
          mayHalfApply: true,
          undo: (a) => a.unpublishSharedEntry({ number }),
          skip: { value: undefined },
        },
      );
      await run.step('activate-number', (a) => a.activateNumber({ requestId, number }));
      run.timeline.setResult({ number });

      await mails.completed(
        `Your shared number is ${number} ("${description}"); its managers e-group is ${group}.`,
      );
    },
    { onFailed: (reason) => mails.failed(reason) },
  );
}
