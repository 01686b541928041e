import { DomainError, DomainErrorCode } from './domain-error';

/** What the directory says about a person, as far as eligibility is concerned. */
export interface EligibilitySubject {
  login: string;
  personnelClass: string;
  /** The code within the class; some classes are authorised only with given codes (EXTN with HONO …). */
  personnelSubCode?: string | null;
  /** Last working day, if the contract has an end. */
  contractEnd?: Date | null;
}

export interface EligibilityPolicy {
  /** Personnel classes that may not use the service. */
  unauthorisedClasses: readonly string[];
  /** Class → codes that make an otherwise unauthorised class authorised. */
  authorisedSubCodes: Readonly<Record<string, readonly string[]>>;
}

/**
 * docs/domain.md §2: every class except EXMP, PART, RETP, RETR, and EXTN unless its code is HONO
 * (honorary member), ILOF (industrial liaison officer), SCIE (scientific activities of pensioners)
 * or STAG (trainee outside the official programmes). ILOF, SCIE and STAG are codes of EXTN, not
 * classes, so a class of that name is not refused here.
 */
export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = {
  unauthorisedClasses: ['EXMP', 'PART', 'RETP', 'RETR', 'EXTN'],
  authorisedSubCodes: { EXTN: ['HONO', 'ILOF', 'SCIE', 'STAG'] },
};

/** How the directory's class and code are shown to people: `EXTN/HONO`, or `STAF` without a code. */
export function describePersonnelClass(
  person: Pick<EligibilitySubject, 'personnelClass' | 'personnelSubCode'>,
): string {
  const personnelClass = person.personnelClass.trim().toUpperCase();
  const code = person.personnelSubCode?.trim().toUpperCase();
  return code ? `${personnelClass}/${code}` : personnelClass;
}

export type EligibilityDecision = { eligible: true } | { eligible: false; reason: string };

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/**
 * Whether a person may request or migrate numbers today. The reason is written for the person: it
 * says what is wrong and whom to ask.
 */
export function decideEligibility(
  person: EligibilitySubject,
  today: Date,
  policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
): EligibilityDecision {
  const personnelClass = person.personnelClass.trim().toUpperCase();
  const subCode = person.personnelSubCode?.trim().toUpperCase() || undefined;
  const exceptions = policy.authorisedSubCodes[personnelClass] ?? [];
  const classAllowed =
    !policy.unauthorisedClasses.includes(personnelClass) ||
    (subCode !== undefined && exceptions.includes(subCode));
  if (!classAllowed) {
    return {
      eligible: false,
      reason: `Personnel class ${describePersonnelClass(person)} is not authorised to use the phone service. Ask your department's administrative officer if you believe this is wrong.`,
    };
  }
  // The last working day itself still counts: the contract has ended only once it has passed.
  if (person.contractEnd && startOfUtcDay(person.contractEnd) < startOfUtcDay(today)) {
    return {
      eligible: false,
      reason: `Your contract ended on ${person.contractEnd.toISOString().slice(0, 10)}, so you can no longer request or migrate numbers. If it has been extended, ask your department to update your record.`,
    };
  }
  return { eligible: true };
}

/** A refusal that says which of the two it is: someone the directory does not know, or may not use the service. */
export type EligibilityVerdict =
  | { eligible: true }
  | {
      eligible: false;
      code: typeof DomainErrorCode.NOT_ELIGIBLE | typeof DomainErrorCode.UNKNOWN_PERSON;
      reason: string;
    };

/** Eligibility of a login as the directory answered for it (null: no such person). */
export function judgeLogin(
  login: string,
  person: EligibilitySubject | null,
  today: Date,
  policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
): EligibilityVerdict {
  if (!person) {
    return {
      eligible: false,
      code: DomainErrorCode.UNKNOWN_PERSON,
      reason: `The directory has no person "${login}". Check the login; someone who has just arrived is in the directory from the next day.`,
    };
  }
  const decision = decideEligibility(person, today, policy);
  return decision.eligible ? decision : { ...decision, code: DomainErrorCode.NOT_ELIGIBLE };
}

/** Throws UNKNOWN_PERSON or NOT_ELIGIBLE, with the reason, unless the login may use the service today. */
export function requireEligibleLogin<P extends EligibilitySubject>(
  login: string,
  person: P | null,
  today: Date,
  policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
): P {
  const verdict = judgeLogin(login, person, today, policy);
  if (!verdict.eligible) throw new DomainError(verdict.code, verdict.reason);
  return person!;
}
