import type { NumberRecord, SetPhonebookListingInput } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import type { SystemActivities } from '../activities';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { requestMails } from './number-requests';

export const SET_PHONEBOOK_LISTING_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the number in the inventory' },
  {
    id: 'update-phonebook',
    system: 'directory',
    action: 'Add the number to or remove it from the phonebook',
  },
  { id: 'set-phonebook-flag', system: 'inventory', action: 'Record the phonebook listing' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome' },
] as const satisfies readonly StepDefinition[];

type Directory = SystemActivities['directory'];

/** The phonebook change that lists (or unlists) the number: under the person, or under its description. */
function listing(record: NumberRecord, listed: boolean) {
  const { number, ownerLogin } = record;
  if (record.type === 'SHARED') {
    const publish = (a: Directory) =>
      a.publishSharedEntry({
        number,
        description: record.description ?? number,
        ownerLogin: ownerLogin ?? '',
        managersGroup: record.managersGroup ?? '',
      });
    const unpublish = (a: Directory) => a.unpublishSharedEntry({ number });
    return listed ? { apply: publish, undo: unpublish } : { apply: unpublish, undo: publish };
  }
  const publish = (a: Directory) => a.publishPersonalNumber({ login: ownerLogin ?? '', number });
  const unpublish = (a: Directory) => a.unpublishPersonalNumber({ login: ownerLogin ?? '', number });
  return listed ? { apply: publish, undo: unpublish } : { apply: unpublish, undo: publish };
}

/**
 * docs/domain.md §5 "remove from / add to phonebook", for personal and shared numbers: the phonebook
 * entry, then the inventory's flag. Undo: the phonebook entry goes back as it was.
 */
export async function setPhonebookListingWorkflow(input: SetPhonebookListingInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.SET_PHONEBOOK_LISTING, SET_PHONEBOOK_LISTING_STEPS);
  const { number, listed, requester } = input;
  run.timeline.setSubject(number);
  let record: NumberRecord | undefined;
  const title = `${listed ? 'listing' : 'unlisting'} ${number} in the phonebook`;
  const mails = requestMails(run, input, title, () => ({
    toLogins: [requester],
    ccGroup: record?.managersGroup,
  }));

  return run.execute(
    async () => {
      record = await run.step('load-number', (a) => a.loadNumber({ number, expect: {} }));
      const change = listing(record, listed);
      await run.step('update-phonebook', change.apply, {
        mayHalfApply: true,
        // Putting back what was there only makes sense if the listing really changes.
        ...(record.inPhonebook !== listed ? { undo: change.undo } : {}),
      });
      await run.step('set-phonebook-flag', (a) => a.setNumberPhonebookListed({ number, listed }));
      run.timeline.setResult({ number, inPhonebook: String(listed) });
      await mails.completed(
        listed ? `${number} is listed in the phonebook.` : `${number} is no longer listed in the phonebook.`,
      );
    },
    { onFailed: (reason) => mails.failed(reason) },
  );
}
