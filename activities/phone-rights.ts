import type { RequestParties } from '../libs/contracts/people';
import { DomainError, DomainErrorCode } from '../libs/domain/domain-error';
import { decideEligibility } from '../libs/domain/eligibility';
import { decide, type PortalAction } from '../libs/domain/permissions';
import type { PhoneNumberEntity } from '../libs/persistence/entities';
import type { DirectoryPerson } from '../libs/systems/directory/directory.port';
import type { EligibilityPolicy } from '../libs/domain/eligibility';
import type { DirectoryPort } from '../libs/systems/directory/directory.port';

/** The directory reads a rights check needs. */
export type PeopleLookup = Pick<DirectoryPort, 'findPerson' | 'groupsOf' | 'groupMembers'>;

/** What the rights check reads: the directory and the rules of eligibility and the service desk. */
export interface RightsCheckDeps {
  directory: PeopleLookup;
  settings: { eligibility: EligibilityPolicy; serviceDeskGroup: string };
  now?: () => Date;
}

/**
 * The API's permission rule again, before the first side effect: the directory (eligibility,
 * e-groups) may have changed since the request was accepted. Returns the requester's entry.
 */
export async function requireRightOnNumber(
  { directory, settings, now }: RightsCheckDeps,
  action: PortalAction,
  parties: RequestParties,
  number: PhoneNumberEntity,
): Promise<DirectoryPerson | null> {
  const person = await directory.findPerson(parties.requester);
  const eligibility = person
    ? decideEligibility(person, now ? now() : new Date(), settings.eligibility)
    : { eligible: false as const, reason: `The directory has no person "${parties.requester}".` };
  const isServiceDesk = (await directory.groupsOf(parties.actor)).includes(settings.serviceDeskGroup);
  const managers = number.managersGroup ? ((await directory.groupMembers(number.managersGroup)) ?? []) : [];
  const decision = decide(
    action,
    {
      login: parties.actor,
      eligible: eligibility.eligible,
      ineligibleReason: eligibility.eligible ? undefined : eligibility.reason,
      isServiceDesk,
      unitAdminOf: [],
    },
    {
      kind: 'number',
      number: {
        number: number.number,
        type: number.type === 'SHARED' ? 'SHARED' : 'PERSONAL',
        ownerLogin: number.ownerLogin,
        managers,
      },
    },
  );
  if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
  return person;
}

/** The line's name on the phone: a shared number's description, or the person's name. */
export async function lineDisplayName(
  { directory }: { directory: Pick<DirectoryPort, 'findPerson'> },
  number: PhoneNumberEntity,
): Promise<string> {
  if (number.type === 'SHARED') return number.description ?? number.number;
  const owner = number.ownerLogin ? await directory.findPerson(number.ownerLogin) : null;
  return owner?.displayName ?? number.number;
}

export function notFoundNumber(number: string): DomainError {
  return new DomainError(
    DomainErrorCode.NOT_FOUND,
    `There is no number ${number} in the inventory. Check the number, or list yours.`,
  );
}
