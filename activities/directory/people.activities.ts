import type { LifecycleCandidate } from '../../libs/contracts/lifecycle';
import type { OwnerStatus, PersonSummary } from '../../libs/contracts/people';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { DomainError, DomainErrorCode } from '../../libs/domain/domain-error';
import {
  decideEligibility,
  requireEligibleLogin,
  type EligibilityPolicy,
} from '../../libs/domain/eligibility';
import type { DirectoryPort } from '../../libs/systems/directory/directory.port';
import type { NumberInventoryPort } from '../../libs/systems/inventory/number-inventory.port';
import { stepsOn, unchanged } from '../run-step';

/** Steps that read people in the directory: eligibility, managers, owners and their contracts. */
export function createPeopleActivities({
  directory,
  numbers,
  settings,
  now,
}: {
  directory: DirectoryPort;
  /** The owned numbers, whose owners the lifecycle looks up. */
  numbers: Pick<NumberInventoryPort, 'ownedNumbers'>;
  settings: { eligibility: EligibilityPolicy };
  now?: () => Date;
}) {
  const step = stepsOn('directory');
  const clock = () => (now ? now() : new Date());
  return {
    /** Eligibility again, right before the first side effect: the directory may have changed since the request. */
    async verifyEligibility(input: { login: string }): Promise<StepOutcome<PersonSummary>> {
      return step(async () => {
        const found = await directory.findPerson(input.login);
        const person = requireEligibleLogin(input.login, found, clock(), settings.eligibility);
        return { value: { login: person.login, displayName: person.displayName, mail: person.mail } };
      });
    },

    /** Every manager must exist in the directory; the refusal names those who do not. */
    async verifyManagers(input: { logins: string[] }): Promise<StepOutcome<PersonSummary[]>> {
      return step(async () => {
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
      return step(async () => {
        if (input.currentOwner === input.login) {
          throw new DomainError(DomainErrorCode.INVALID_INPUT, `${input.login} already owns this number.`);
        }
        const person = await directory.findPerson(input.login);
        if (!person) {
          throw new DomainError(
            DomainErrorCode.UNKNOWN_PERSON,
            `The directory has no person "${input.login}". Propose someone else.`,
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
      return step(async () => {
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

    async displayNameOf(input: { login: string | null }): Promise<StepOutcome<string | null>> {
      return step(async () => {
        // A shared number's account shows its description: nobody to look up.
        if (!input.login) return unchanged(null);
        return { value: (await directory.findPerson(input.login))?.displayName ?? null };
      });
    },

    /**
     * Numbers with an owner whose contract has an end, and deactivated ones. One directory lookup
     * per owner: the directory has no "contracts ending" query, and the sweep runs once a night.
     */
    async findLifecycleCandidates(): Promise<StepOutcome<LifecycleCandidate[]>> {
      return step(async () => {
        const owned = await numbers.ownedNumbers();
        const owners = [...new Set(owned.map((n) => n.ownerLogin!))];
        const people = new Map(
          await Promise.all(owners.map(async (login) => [login, await directory.findPerson(login)] as const)),
        );
        const candidates: LifecycleCandidate[] = [];
        for (const record of owned) {
          const person = people.get(record.ownerLogin!) ?? null;
          const contractEnd = person?.contractEnd ? person.contractEnd.toISOString() : null;
          // Someone still here with an open-ended contract has nothing to plan.
          if (person !== null && contractEnd === null && record.state !== 'DEACTIVATED') continue;
          candidates.push({
            number: record.number,
            type: record.type,
            state: record.state,
            ownerLogin: record.ownerLogin!,
            contractEnd,
            ownerExists: person !== null,
            reservedUntil: record.reservedUntil,
          });
        }
        return { value: candidates };
      });
    },
  };
}
