import type { PersonSummary } from '../libs/contracts/people';
import type { RestoreNumberInput } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { requestMails } from './number-requests';

export const RESTORE_NUMBER_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the deactivated number in the inventory' },
  { id: 'verify-eligibility', system: 'directory', action: 'Check the owner is back in the directory' },
  { id: 'create-sip-account', system: 'pbx', action: 'Create the SIP account again (same password)' },
  { id: 'publish-number', system: 'directory', action: 'Publish the number under the person again' },
  { id: 'restore-number', system: 'inventory', action: 'Activate the number again' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the owner that the number is back' },
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §3.2: the owner of a deactivated personal number came back (e.g. their contract was
 * extended) before the reservation ended. Undo order: phonebook entry, SIP account.
 */
export async function restoreNumberWorkflow(input: RestoreNumberInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.RESTORE_NUMBER, RESTORE_NUMBER_STEPS);
  const { number, ownerLogin } = input;
  run.timeline.setSubject(number);
  let owner: PersonSummary | undefined;
  const mails = requestMails(run, input, `your number ${number}`, () => ({
    toLogins: owner ? [ownerLogin] : [],
  }));

  return run.execute(async () => {
    const record = await run.step('load-number', (a) =>
      a.loadNumber({ number, expect: { states: ['DEACTIVATED'], types: ['PERSONAL'], ownerLogin } }),
    );
    const person: PersonSummary = await run.step('verify-eligibility', (a) =>
      a.verifyEligibility({ login: ownerLogin }),
    );
    owner = person;
    await run.step(
      'create-sip-account',
      (a) => a.createSipAccount({ number, displayName: person.displayName }),
      {
        mayHalfApply: true,
        undo: (a) => a.suspendSipAccount({ number }),
      },
    );
    await run.step(
      'publish-number',
      (a) =>
        record.inPhonebook
          ? a.publishPersonalNumber({ login: ownerLogin, number })
          : a.unpublishPersonalNumber({ login: ownerLogin, number }),
      record.inPhonebook
        ? { mayHalfApply: true, undo: (a) => a.unpublishPersonalNumber({ login: ownerLogin, number }) }
        : {},
    );
    await run.step('restore-number', (a) => a.restoreNumber({ number, ownerLogin }));
    run.timeline.setResult({ number });
    await mails.completed(`Welcome back: your number ${number} works again.`);
  });
}
