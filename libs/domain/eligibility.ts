/** What the directory says about a person, as far as eligibility is concerned. */
export interface EligibilitySubject {
  login: string;
  personnelClass: string;
  /** Some classes are authorised only with a given sub-code (EXTN with RETC). */
  personnelSubCode?: string | null;
  /** Last working day, if the contract has an end. */
  contractEnd?: Date | null;
}

export interface EligibilityPolicy {
  /** Personnel classes that may not use the service. */
  unauthorisedClasses: readonly string[];
  /** Class → sub-codes that make an otherwise unauthorised class authorised. */
  authorisedSubCodes: Readonly<Record<string, readonly string[]>>;
}

/**
 * Everyone except these classes, and EXTN only with sub-code RETC. This follows an older, mistaken
 * version of docs/domain.md §2, which now lets EXTN in only with the code HONO, ILOF, SCIE or STAG
 * and has no RETC exception (docs/configuration.md, "Eligibility defaults and the rule book").
 */
export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = {
  unauthorisedClasses: ['EXMP', 'PART', 'RETP', 'RETR', 'ILOF', 'SCIE', 'STAG', 'EXTN'],
  authorisedSubCodes: { EXTN: ['RETC'] },
};

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
  const subCode = person.personnelSubCode?.trim().toUpperCase();
  const exceptions = policy.authorisedSubCodes[personnelClass] ?? [];
  const classAllowed =
    !policy.unauthorisedClasses.includes(personnelClass) ||
    (subCode !== undefined && exceptions.includes(subCode));
  if (!classAllowed) {
    return {
      eligible: false,
      reason: `Personnel class ${personnelClass}${subCode ? `/${subCode}` : ''} is not authorised to use the phone service. Ask your department's administrative officer if you believe this is wrong.`,
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
