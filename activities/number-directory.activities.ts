import type { StepOutcome } from '../libs/contracts/step-outcome';
import { DomainError, DomainErrorCode } from '../libs/domain/domain-error';
import { decideEligibility } from '../libs/domain/eligibility';
import type { GroupDefinition, SharedNumberEntry } from '../libs/systems/directory/directory.port';
import type { ApplyResult } from '../libs/systems/system-error';
import type { ActivityDeps } from './activity-deps';
import type { OwnerStatus, PersonSummary } from '../libs/contracts/people';
import { runStep } from './run-step';

const apply = (work: () => Promise<ApplyResult>): Promise<StepOutcome> =>
  runStep('directory', async () => ({ value: undefined, result: await work() }));

/** Steps on e-groups, shared phonebook entries and people for the number workflows. */
export function createNumberDirectoryActivities({ directory, settings, now }: ActivityDeps) {
  const clock = () => (now ? now() : new Date());
  return {
    /** Every manager must exist in the directory; the refusal names those who do not. */
    async verifyManagers(input: { logins: string[] }): Promise<StepOutcome<PersonSummary[]>> {
      return runStep('directory', async () => {
        const found = await Promise.all(input.logins.map((login) => directory.findPerson(login)));
        const missing = input.logins.filter((_, i) => !found[i]);
        if (missing.length > 0) {
          throw new DomainError(
            DomainErrorCode.INVALID_INPUT,
            `Managers: the directory has no ${missing.length === 1 ? 'person' : 'people'} ${missing.join(', ')}. Check the logins.`,
          );
        }
        return {
          value: found.map((p) => ({ login: p!.login, displayName: p!.displayName, mail: p!.mail })),
        };
      });
    },
    /** The proposed owner must exist and be authorised to use the service today. */
    async verifyNewOwner(input: {
      login: string;
      currentOwner?: string | null;
    }): Promise<StepOutcome<PersonSummary>> {
      return runStep('directory', async () => {
        if (input.currentOwner === input.login) {
          throw new DomainError(DomainErrorCode.INVALID_INPUT, `${input.login} already owns this number.`);
        }
        const person = await directory.findPerson(input.login);
        if (!person) {
          throw new DomainError(
            DomainErrorCode.NOT_ELIGIBLE,
            `The directory has no person "${input.login}".`,
          );
        }
        const decision = decideEligibility(person, clock(), settings.eligibility);
        if (!decision.eligible) {
          throw new DomainError(
            DomainErrorCode.NOT_ELIGIBLE,
            `${input.login} cannot own a number: ${decision.reason}`,
          );
        }
        return { value: { login: person.login, displayName: person.displayName, mail: person.mail } };
      });
    },
    async ownerStatus(input: { login: string }): Promise<StepOutcome<OwnerStatus>> {
      return runStep('directory', async () => {
        const person = await directory.findPerson(input.login);
        return {
          value: {
            exists: person !== null,
            displayName: person?.displayName ?? null,
            contractEnd: person?.contractEnd ? person.contractEnd.toISOString() : null,
            supervisorLogin: person?.supervisorLogin ?? null,
          },
        };
      });
    },
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
      return runStep('directory', async () => ({ value: await directory.groupMembers(input.name) }));
    },
    setManagersGroupMembers(input: { name: string; members: string[] }): Promise<StepOutcome> {
      return apply(() => directory.setGroupMembers(input.name, input.members));
    },
    setManagersGroupOwner(input: { name: string; ownerLogin: string }): Promise<StepOutcome> {
      return apply(() => directory.setGroupOwner(input.name, input.ownerLogin));
    },
    publishSharedEntry(input: SharedNumberEntry): Promise<StepOutcome> {
      return apply(() => directory.publishSharedNumber(input));
    },
    unpublishSharedEntry(input: { number: string }): Promise<StepOutcome> {
      return apply(() => directory.unpublishSharedNumber(input.number));
    },
  };
}
