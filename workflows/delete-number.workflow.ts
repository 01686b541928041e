import { workflowIds } from '../libs/contracts/workflow-ids';
import type { DeleteNumberInput, NumberRecord } from '../libs/contracts/numbers';
import { UNREGISTER_PHONE, type UnregisterPhoneInput } from '../libs/contracts/phones';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { nothingToDo, requestMails } from './number-requests';

export const DELETE_NUMBER_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the number in the inventory' },
  { id: 'find-phones', system: 'inventory', action: 'Find the desk phones on the number' },
  { id: 'unregister-phones', system: 'network', action: 'Unregister the desk phones (one request each)' },
  { id: 'remove-sip-account', system: 'pbx', action: 'Remove the SIP account from the PBX' },
  { id: 'remove-phonebook-entry', system: 'directory', action: 'Remove the number from the phonebook' },
  { id: 'delete-managers-group', system: 'directory', action: 'Delete the managers e-group' },
  { id: 'quarantine-number', system: 'inventory', action: 'Quarantine the number before it is reused' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome' },
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §6 "Delete number": unregister its phones → remove the SIP account → remove the
 * phonebook entry (and a shared number's e-group) → quarantine. Like unregistering a phone, this
 * is past its point of no return before the first removal: a failing step parks for the service
 * desk (retry or skip) instead of re-creating what was already removed, and the request can no
 * longer be cancelled.
 */
export async function deleteNumberWorkflow(input: DeleteNumberInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.DELETE_NUMBER, DELETE_NUMBER_STEPS);
  const { number, requestId, requester } = input;
  run.timeline.setSubject(number);
  let record: NumberRecord | undefined;
  const mails = requestMails(run, input, `deleting ${number}`, () => ({
    toLogins: [...new Set([requester, ...(record?.ownerLogin ? [record.ownerLogin] : [])])],
  }));
  const skippable = { skip: { value: undefined } };

  return run.execute(
    async () => {
      // The lifecycle deletes deactivated numbers once their reservation is over.
      const current: NumberRecord = await run.step('load-number', (a) =>
        a.loadNumber({ number, expect: { states: ['ACTIVE', 'DEACTIVATED'] } }),
      );
      record = current;
      const phones = await run.step('find-phones', (a) => a.livePhonesOf({ number }));

      run.passPointOfNoReturn();
      if (phones.length === 0) nothingToDo(run, 'unregister-phones', 'no desk phone on this number');
      for (const phone of phones) {
        await run.child('unregister-phones', {
          kind: RequestKind.UNREGISTER_PHONE,
          workflowType: UNREGISTER_PHONE,
          workflowId: workflowIds.phone(phone.mac),
          subject: phone.mac,
          input: (common): UnregisterPhoneInput => ({ ...common, phoneId: phone.id, mac: phone.mac, number }),
        });
      }
      await run.step('remove-sip-account', (a) => a.removeSipAccount({ number }), skippable);
      await run.step(
        'remove-phonebook-entry',
        (a) =>
          current.type === 'SHARED'
            ? a.unpublishSharedEntry({ number })
            : a.unpublishPersonalNumber({ login: current.ownerLogin ?? requester, number }),
        skippable,
      );
      const group = current.managersGroup;
      if (group) {
        await run.step('delete-managers-group', (a) => a.deleteManagersGroup({ name: group }), skippable);
      } else {
        nothingToDo(run, 'delete-managers-group', 'the number has no managers e-group');
      }
      await run.step(
        'quarantine-number',
        (a) => a.quarantineNumber({ requestId, number, until: input.quarantineUntil }),
        skippable,
      );
      run.timeline.setResult({ number, quarantineUntil: input.quarantineUntil });
      await mails.completed(
        `${number} is deleted. It will not be given to anyone else before ${input.quarantineUntil.slice(0, 10)}.`,
      );
    },
    { onFailed: (reason) => mails.failed(reason) },
  );
}
