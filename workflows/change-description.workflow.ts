import type { ChangeDescriptionInput, NumberRecord } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { requestMails } from './number-requests';

export const CHANGE_DESCRIPTION_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the shared number in the inventory' },
  { id: 'update-phonebook-entry', system: 'directory', action: 'Show the new description in the phonebook' },
  { id: 'rename-sip-account', system: 'pbx', action: 'Show the new description as the SIP display name' },
  { id: 'set-description', system: 'inventory', action: 'Record the new description' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome to the requester and the managers' },
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §6 "Change description": every system that shows it (phonebook entry, SIP display
 * name), then the inventory. Undo order: SIP display name, phonebook entry (back to the old text).
 */
export async function changeDescriptionWorkflow(input: ChangeDescriptionInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.CHANGE_DESCRIPTION, CHANGE_DESCRIPTION_STEPS);
  const { number, description, requester } = input;
  run.timeline.setSubject(number);
  let record: NumberRecord | undefined;
  const mails = requestMails(run, input, `a new description for ${number}`, () => ({
    toLogins: [requester],
    ccGroup: record?.managersGroup,
  }));

  return run.execute(
    async () => {
      const current: NumberRecord = await run.step('load-number', (a) =>
        a.loadNumber({ number, expect: { types: ['SHARED'] } }),
      );
      record = current;
      const entry = {
        number,
        ownerLogin: current.ownerLogin ?? '',
        managersGroup: current.managersGroup ?? '',
      };
      const previous = current.description ?? number;
      // An unlisted number gets no entry: the step only makes sure there is none.
      await run.step(
        'update-phonebook-entry',
        (a) =>
          current.inPhonebook
            ? a.publishSharedEntry({ ...entry, description })
            : a.unpublishSharedEntry({ number }),
        current.inPhonebook
          ? { mayHalfApply: true, undo: (a) => a.publishSharedEntry({ ...entry, description: previous }) }
          : {},
      );
      await run.step('rename-sip-account', (a) => a.setSipDisplayName({ number, displayName: description }), {
        mayHalfApply: true,
        undo: (a) => a.setSipDisplayName({ number, displayName: previous }),
      });
      await run.step('set-description', (a) => a.setNumberDescription({ number, description }));
      run.timeline.setResult({ number, description });
      await mails.completed(`${number} is now described as "${description}".`);
    },
    { onFailed: (reason) => mails.failed(reason) },
  );
}
