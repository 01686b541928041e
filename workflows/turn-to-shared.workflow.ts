import type { PersonSummary } from '../libs/contracts/people';
import { managersGroupOf, type NumberRecord, type TurnToSharedInput } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { SHARED_NUMBER_STEP, createManagersGroupStep } from './kit/managers-group-step';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { requestMails } from './number-requests';

export const TURN_TO_SHARED_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the personal number in the inventory' },
  { id: 'verify-eligibility', system: 'directory', action: 'Check eligibility in the directory' },
  SHARED_NUMBER_STEP.verifyManagers,
  SHARED_NUMBER_STEP.createManagersGroup,
  {
    id: 'unpublish-personal-entry',
    system: 'directory',
    action: "Remove the number from the person's entry",
  },
  SHARED_NUMBER_STEP.publishSharedEntry,
  { id: 'rename-sip-account', system: 'pbx', action: 'Show the description as the SIP display name' },
  { id: 'make-shared', system: 'inventory', action: 'Record the number as shared' },
  SHARED_NUMBER_STEP.notifyOwnerAndManagers,
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §3 "Turn to shared": the line survives; the owner stays, an e-group is added, the
 * phonebook lists it under its description instead of the person. Undo order: SIP display name,
 * shared entry, the person's entry, e-group.
 */
export async function turnToSharedWorkflow(input: TurnToSharedInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.TURN_TO_SHARED, TURN_TO_SHARED_STEPS);
  const { number, requester, description, managers } = input;
  run.timeline.setSubject(number);
  const group = managersGroupOf(number);
  let person: PersonSummary | undefined;
  const mails = requestMails(run, input, `turning ${number} into a shared number`, () => ({
    toLogins: [requester],
    ccLogins: managers,
  }));

  return run.execute(
    async () => {
      const record: NumberRecord = await run.step('load-number', (a) =>
        a.loadNumber({ number, expect: { types: ['PERSONAL'], ownerLogin: requester } }),
      );
      person = await run.step('verify-eligibility', (a) => a.verifyEligibility({ login: requester }));
      await run.step('verify-managers', (a) => a.verifyManagers({ logins: managers }));

      await createManagersGroupStep(run, {
        name: group,
        number,
        description,
        ownerLogin: requester,
        members: managers,
      });
      const listed = record.inPhonebook;
      await run.step(
        'unpublish-personal-entry',
        (a) => a.unpublishPersonalNumber({ login: requester, number }),
        listed
          ? { mayHalfApply: true, undo: (a) => a.publishPersonalNumber({ login: requester, number }) }
          : {},
      );
      // An unlisted number stays unlisted: the step only makes sure no shared entry exists.
      await run.step(
        'publish-shared-entry',
        (a) =>
          listed
            ? a.publishSharedEntry({ number, description, ownerLogin: requester, managersGroup: group })
            : a.unpublishSharedEntry({ number }),
        listed ? { mayHalfApply: true, undo: (a) => a.unpublishSharedEntry({ number }) } : {},
      );
      const previousName = person.displayName;
      await run.step('rename-sip-account', (a) => a.setSipDisplayName({ number, displayName: description }), {
        mayHalfApply: true,
        undo: (a) => a.setSipDisplayName({ number, displayName: previousName }),
      });
      await run.step('make-shared', (a) =>
        a.makeNumberShared({ number, ownerLogin: requester, description, managersGroup: group }),
      );
      run.timeline.setResult({ number });
      await mails.completed(
        `${number} is now a shared number ("${description}"), managed by ${requester} and the e-group ${group}.`,
      );
    },
    { onFailed: (reason) => mails.failed(reason) },
  );
}
