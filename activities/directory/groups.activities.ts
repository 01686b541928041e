import { managersGroupOf } from '../../libs/contracts/numbers';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { DirectoryPort, GroupDefinition } from '../../libs/systems/directory/directory.port';
import type { ApplyResult } from '../../libs/systems/system-error';
import { stepsOn } from '../run-step';

/** Steps on e-groups: a shared number's managers. */
export function createGroupActivities({ directory }: { directory: DirectoryPort }) {
  const step = stepsOn('directory');
  const apply = (work: () => Promise<ApplyResult>): Promise<StepOutcome> =>
    step(async () => ({ value: undefined, result: await work() }));
  return {
    /**
     * Creates the managers e-group. A group left over under the same name is brought to the wanted
     * owner and members rather than trusted as it is.
     */
    async createManagersGroup(input: GroupDefinition): Promise<StepOutcome> {
      return apply(async () => {
        if ((await directory.createGroup(input)) === 'applied') return 'applied';
        const owner = await directory.setGroupOwner(input.name, input.ownerLogin);
        const members = await directory.setGroupMembers(input.name, input.members);
        return owner === 'applied' || members === 'applied' ? 'applied' : 'unchanged';
      });
    },

    deleteManagersGroup(input: { name: string }): Promise<StepOutcome> {
      return apply(() => directory.deleteGroup(input.name));
    },

    async readGroupMembers(input: { name: string }): Promise<StepOutcome<string[] | null>> {
      return step(async () => ({ value: await directory.groupMembers(input.name) }));
    },

    setManagersGroupMembers(input: { name: string; members: string[] }): Promise<StepOutcome> {
      return apply(() => directory.setGroupMembers(input.name, input.members));
    },

    setManagersGroupOwner(input: { name: string; ownerLogin: string }): Promise<StepOutcome> {
      return apply(() => directory.setGroupOwner(input.name, input.ownerLogin));
    },

    async createMigrationManagersGroup(input: {
      number: string;
      ownerLogin: string;
      members: string[];
      description: string;
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await directory.createGroup({
          name: managersGroupOf(input.number),
          description: `Managers of ${input.number}: ${input.description}`,
          ownerLogin: input.ownerLogin,
          members: [...new Set([input.ownerLogin, ...input.members])],
        }),
      }));
    },

    async deleteMigrationManagersGroup(input: { number: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await directory.deleteGroup(managersGroupOf(input.number)),
      }));
    },
  };
}
