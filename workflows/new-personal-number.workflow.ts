import type { PersonSummary } from '../libs/contracts/people';
import type { NewPersonalNumberInput } from '../libs/contracts/new-personal-number';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { NotificationKind } from '../libs/notifications/templates/notification-templates';
import { mailThePerson } from './kit/mail-the-person';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';

export const NEW_PERSONAL_NUMBER_STEPS = [
  { id: 'verify-eligibility', system: 'directory', action: 'Check eligibility in the directory' },
  { id: 'notify-accepted', system: 'mail', action: 'Mail the requester that the request is accepted' },
  { id: 'reserve-number', system: 'inventory', action: 'Reserve a number from the personal pool' },
  { id: 'create-sip-account', system: 'pbx', action: 'Create the SIP account on the PBX' },
  {
    id: 'publish-number',
    system: 'directory',
    action: 'Publish the number under the person in the phonebook',
  },
  { id: 'activate-number', system: 'inventory', action: 'Activate the number' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome to the requester' },
] as const satisfies readonly StepDefinition[];

const TITLE = 'a personal number';

/**
 * docs/domain.md §6 "New personal number": reserve → SIP account → phonebook → activate + mail.
 * Undo order on failure: phonebook entry, SIP account, reservation.
 */
export async function newPersonalNumberWorkflow(input: NewPersonalNumberInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.NEW_PERSONAL_NUMBER, NEW_PERSONAL_NUMBER_STEPS);
  const { requestId, requester } = input;
  let person: PersonSummary | undefined;

  const mailPerson = mailThePerson<'notify-accepted' | 'notify-outcome'>(run, requestId, TITLE, () => person);

  return run.execute(
    async () => {
      person = await run.step('verify-eligibility', (a) => a.verifyEligibility({ login: requester }));
      await mailPerson('notify-accepted', NotificationKind.REQUEST_ACCEPTED);

      const { number } = await run.step(
        'reserve-number',
        (a) => a.reservePersonalNumber({ requestId, login: requester }),
        {
          undo: (a) => a.releaseReservation({ requestId }),
        },
      );
      run.timeline.setSubject(number);

      const displayName = person.displayName;
      await run.step('create-sip-account', (a) => a.createSipAccount({ number, displayName }), {
        // A timeout may hide an account that was created: record its removal before trying.
        mayHalfApply: true,
        undo: (a) => a.removeSipAccount({ number }),
      });
      await run.step('publish-number', (a) => a.publishPersonalNumber({ login: requester, number }), {
        mayHalfApply: true,
        undo: (a) => a.unpublishPersonalNumber({ login: requester, number }),
        skip: { value: undefined },
      });
      await run.step('activate-number', (a) => a.activateNumber({ requestId, number }));
      run.timeline.setResult({ number });

      await mailPerson('notify-outcome', NotificationKind.REQUEST_COMPLETED, {
        outcome: `Your number is ${number}.`,
      });
    },
    { onFailed: (reason) => mailPerson('notify-outcome', NotificationKind.REQUEST_FAILED, { reason }) },
  );
}
