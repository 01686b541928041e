import type { StepsOn } from './step-types';

/** A shared number's managers e-group, as a new shared number or a number turned shared creates it. */
export interface ManagersGroupSpec {
  /** The e-group's name: `managersGroupOf(number)`. */
  name: string;
  number: string;
  /** The shared number's description, named in the e-group's. */
  description: string;
  ownerLogin: string;
  members: string[];
}

/**
 * The `create-managers-group` step: it may leave a group behind when interrupted, so its undo
 * (deleting the group) is recorded before it runs.
 */
export function createManagersGroupStep(
  run: StepsOn<'directory', 'create-managers-group'>,
  group: ManagersGroupSpec,
): Promise<void> {
  return run.step(
    'create-managers-group',
    (a) =>
      a.createManagersGroup({
        name: group.name,
        description: `Managers of the shared number ${group.number} (${group.description})`,
        ownerLogin: group.ownerLogin,
        members: group.members,
      }),
    { mayHalfApply: true, undo: (a) => a.deleteManagersGroup({ name: group.name }) },
  );
}
