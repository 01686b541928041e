import type { StepsOn } from './step-types';
import type { StepDefinition } from './timeline';

/**
 * The steps that the requests making or editing a shared number have in common, declared once so
 * that their ids and timeline labels cannot drift apart between those requests.
 */
export const SHARED_NUMBER_STEP = {
  verifyManagers: {
    id: 'verify-managers',
    system: 'directory',
    action: 'Check the managers exist in the directory',
  },
  createManagersGroup: {
    id: 'create-managers-group',
    system: 'directory',
    action: 'Create the managers e-group',
  },
  publishSharedEntry: {
    id: 'publish-shared-entry',
    system: 'directory',
    action: 'Publish the number in the phonebook under its description',
  },
  notifyOwnerAndManagers: {
    id: 'notify-outcome',
    system: 'mail',
    action: 'Mail the outcome to the owner and the managers',
  },
} as const satisfies Record<string, StepDefinition>;

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
