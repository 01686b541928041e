/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- the calls marked @ts-expect-error do not type-check, on purpose */
import type { RequestRun } from './request-run';
import type { StepDefinition } from './timeline';

const STEPS = [
  { id: 'create-sip-account', system: 'pbx', action: 'Create the SIP account' },
  { id: 'publish-number', system: 'directory', action: 'Publish the number' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome' },
] as const satisfies readonly StepDefinition[];

/**
 * Never called: the checks are the compiler's (`npx tsc`, part of `npm test`). Each
 * `@ts-expect-error` fails the type check if the call it marks ever compiles, that is if a step were
 * offered another system's activities or an undeclared step id were accepted.
 */
export async function typeChecks(run: RequestRun<typeof STEPS>): Promise<void> {
  await run.step('create-sip-account', (a) => a.createSipAccount({ number: '1', displayName: 'x' }));
  // @ts-expect-error a PBX step is not offered the directory's activities
  await run.step('create-sip-account', (a) => a.publishPersonalNumber({ login: 'ada', number: '1' }));
  await run.step('publish-number', (a) => a.publishPersonalNumber({ login: 'ada', number: '1' }), {
    // @ts-expect-error nor is its undo offered another system's
    undo: (a) => a.removeSipAccount({ number: '1' }),
  });
  // @ts-expect-error a step the run did not declare
  await run.step('reserve-number', (a) => a.createSipAccount({ number: '1', displayName: 'x' }));
  // @ts-expect-error a best-effort step on mail is offered mail activities only
  await run.bestEffort('notify-outcome', (a) => a.createSipAccount({ number: '1', displayName: 'x' }));
}

describe('step systems', () => {
  it('declares each step once, with the system whose activities it is offered', () => {
    expect(new Set(STEPS.map((s) => s.id)).size).toBe(STEPS.length);
    expect(typeof typeChecks).toBe('function');
  });
});
