import type { PersonSummary } from '../libs/contracts/people';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import { DomainError, DomainErrorCode } from '../libs/domain/domain-error';
import { decideEligibility } from '../libs/domain/eligibility';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

/** Steps on the directory and phonebook. */
export function createDirectoryActivities({ directory, settings, now }: ActivityDeps) {
  return {
    /** Eligibility again, right before the first side effect: the directory may have changed since the request. */
    async verifyEligibility(input: { login: string }): Promise<StepOutcome<PersonSummary>> {
      return runStep('directory', async () => {
        const person = await directory.findPerson(input.login);
        if (!person) {
          throw new DomainError(
            DomainErrorCode.NOT_ELIGIBLE,
            `The directory has no person "${input.login}".`,
          );
        }
        const decision = decideEligibility(person, now ? now() : new Date(), settings.eligibility);
        if (!decision.eligible) throw new DomainError(DomainErrorCode.NOT_ELIGIBLE, decision.reason);
        return { value: { login: person.login, displayName: person.displayName, mail: person.mail } };
      });
    },

    async publishPersonalNumber(input: { login: string; number: string }): Promise<StepOutcome> {
      return runStep('directory', async () => ({
        value: undefined,
        result: await directory.publishPersonalNumber(input.login, input.number),
      }));
    },

    async unpublishPersonalNumber(input: { login: string; number: string }): Promise<StepOutcome> {
      return runStep('directory', async () => ({
        value: undefined,
        result: await directory.unpublishPersonalNumber(input.login, input.number),
      }));
    },
  };
}
