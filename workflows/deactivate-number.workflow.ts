import type { DeactivateNumberInput } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';

export const DEACTIVATE_NUMBER_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the personal number in the inventory' },
  { id: 'look-up-owner', system: 'directory', action: 'Look up the owner in the directory' },
  { id: 'unpublish-number', system: 'directory', action: 'Remove the number from the phonebook' },
  { id: 'suspend-sip-account', system: 'pbx', action: 'Remove the SIP account (its password is kept)' },
  { id: 'deactivate-number', system: 'inventory', action: 'Deactivate the number, reserved for its owner' },
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §3.2: a personal number is switched off after its owner's contract ended, and kept
 * for them. Undo order: SIP account, phonebook entry. Started by the lifecycle, never by a person.
 */
export async function deactivateNumberWorkflow(input: DeactivateNumberInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.DEACTIVATE_NUMBER, DEACTIVATE_NUMBER_STEPS);
  const { number, ownerLogin, reservedUntil } = input;
  run.timeline.setSubject(number);

  return run.execute(async () => {
    const record = await run.step('load-number', (a) =>
      a.loadNumber({ number, expect: { types: ['PERSONAL'], ownerLogin } }),
    );
    const owner = await run.step('look-up-owner', (a) => a.ownerStatus({ login: ownerLogin }));
    await run.step(
      'unpublish-number',
      (a) => a.unpublishPersonalNumber({ login: ownerLogin, number }),
      record.inPhonebook
        ? { mayHalfApply: true, undo: (a) => a.publishPersonalNumber({ login: ownerLogin, number }) }
        : {},
    );
    const displayName = owner.displayName ?? number;
    await run.step('suspend-sip-account', (a) => a.suspendSipAccount({ number }), {
      mayHalfApply: true,
      undo: (a) => a.createSipAccount({ number, displayName }),
    });
    await run.step('deactivate-number', (a) => a.deactivateNumber({ number, ownerLogin, reservedUntil }));
    run.timeline.setResult({ number, reservedUntil });
  });
}
