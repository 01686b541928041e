import { managersGroupOf, type NumberRecord, type SetManagersInput } from '../libs/contracts/numbers';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { SHARED_NUMBER_STEP } from './kit/managers-group-step';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';
import { requestMails } from './number-requests';

export const SET_MANAGERS_STEPS = [
  { id: 'load-number', system: 'inventory', action: 'Check the shared number in the inventory' },
  SHARED_NUMBER_STEP.verifyManagers,
  { id: 'read-managers', system: 'directory', action: "Read the managers e-group's members" },
  { id: 'update-managers-group', system: 'directory', action: "Set the managers e-group's members" },
  { id: 'set-managers-group', system: 'inventory', action: 'Record the managers e-group' },
  SHARED_NUMBER_STEP.notifyOwnerAndManagers,
] as const satisfies readonly StepDefinition[];

/**
 * docs/domain.md §6 "Edit e-group": the e-group's members in the directory (created if the number had
 * none, e.g. after a legacy migration), then the inventory. Undo: the previous members (or no group).
 */
export async function setManagersWorkflow(input: SetManagersInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.SET_MANAGERS, SET_MANAGERS_STEPS);
  const { number, managers, requester } = input;
  run.timeline.setSubject(number);
  let owner: string | null = null;
  let previous: string[] = [];
  const mails = requestMails(run, input, `the managers of ${number}`, () => ({
    toLogins: [requester, ...(owner ? [owner] : [])],
    ccLogins: [...new Set([...previous, ...managers])],
  }));

  return run.execute(
    async () => {
      const record: NumberRecord = await run.step('load-number', (a) =>
        a.loadNumber({ number, expect: { types: ['SHARED'] } }),
      );
      owner = record.ownerLogin;
      const group = record.managersGroup ?? managersGroupOf(number);
      await run.step('verify-managers', (a) => a.verifyManagers({ logins: managers }));
      const members = await run.step('read-managers', (a) => a.readGroupMembers({ name: group }));
      previous = members ?? [];

      if (members === null) {
        await run.step(
          'update-managers-group',
          (a) =>
            a.createManagersGroup({
              name: group,
              description: `Managers of the shared number ${number}`,
              ownerLogin: record.ownerLogin ?? requester,
              members: managers,
            }),
          { mayHalfApply: true, undo: (a) => a.deleteManagersGroup({ name: group }) },
        );
      } else {
        await run.step(
          'update-managers-group',
          (a) => a.setManagersGroupMembers({ name: group, members: managers }),
          {
            mayHalfApply: true,
            undo: (a) => a.setManagersGroupMembers({ name: group, members }),
          },
        );
      }
      await run.step('set-managers-group', (a) => a.setNumberManagersGroup({ number, managersGroup: group }));
      run.timeline.setResult({ number, managersGroup: group });
      await mails.completed(
        managers.length > 0
          ? `The managers of ${number} (e-group ${group}) are now: ${managers.join(', ')}.`
          : `${number} has no managers besides its owner now (e-group ${group} is empty).`,
      );
    },
    { onFailed: (reason) => mails.failed(reason) },
  );
}
