import { DomainErrorCode } from './domain-error';

/** The old services numbers are migrated from (docs/domain.md §1). */
export const LegacyService = { SKYPE: 'SKYPE', ANALOGUE: 'ANALOGUE', VENDOR_IP: 'VENDOR_IP' } as const;
export type LegacyService = (typeof LegacyService)[keyof typeof LegacyService];

export interface LegacyNumber {
  number: string;
  service: LegacyService;
  /** Logins the phonebook lists the number under. */
  listedUnder: readonly string[];
}

export interface MigrationRequester {
  login: string;
  /** Already owns a personal number (in any owned state). */
  hasPersonalNumber: boolean;
}

export type Allowed = { allowed: true } | { allowed: false; code: DomainErrorCode; reason: string };

export interface MigrationOptions {
  personal: Allowed;
  shared: Allowed;
}

const ALLOWED: Allowed = { allowed: true };

function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

function listOf(logins: readonly string[]): string {
  return logins.length <= 1
    ? logins.join('')
    : `${logins.slice(0, -1).join(', ')} and ${logins[logins.length - 1]}`;
}

/**
 * How a person may migrate one of the legacy numbers the phonebook shows them (docs/domain.md §3, legacy
 * rule). Eligibility is decided separately (permissions.ts, MIGRATE_LEGACY); this only looks at the
 * number's listing and the person's personal number. Reasons say what the person can do instead.
 */
export function migrationOptions(legacy: LegacyNumber, requester: MigrationRequester): MigrationOptions {
  const me = normaliseLogin(requester.login);
  // The same person listed twice is still one person, not a shared number.
  const listed = [...new Set(legacy.listedUnder.map(normaliseLogin).filter((login) => login !== ''))];

  if (!listed.includes(me)) {
    const notMine: Allowed = {
      allowed: false,
      code: DomainErrorCode.NOT_OWNER,
      reason:
        listed.length === 0
          ? `Number ${legacy.number} is not listed under anyone in the phonebook, so nobody can migrate it yet. Contact the service desk if it is yours.`
          : `Number ${legacy.number} is listed under ${listOf(listed)}, not under you, so you cannot migrate it. Ask ${listed.length === 1 ? listed[0] : 'one of them'} to migrate it, or contact the service desk if the phonebook is wrong.`,
    };
    return { personal: notMine, shared: notMine };
  }

  // A number several people answer is a service number in all but name: it becomes shared.
  if (listed.length > 1) {
    const others = listed.filter((login) => login !== me);
    return {
      personal: {
        allowed: false,
        code: DomainErrorCode.LEGACY_SHARED_ONLY,
        reason: `Number ${legacy.number} is listed under several people (${listOf(['you', ...others])}), so it cannot become a personal number. Migrate it as shared instead: you will own it and can add ${others.length === 1 ? 'them' : 'the others'} as managers.`,
      },
      shared: ALLOWED,
    };
  }

  if (requester.hasPersonalNumber) {
    return {
      personal: {
        allowed: false,
        code: DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER,
        reason: `You already have a personal number, and a person may have only one. Migrate ${legacy.number} as shared instead, or delete your current personal number first.`,
      },
      shared: ALLOWED,
    };
  }

  return { personal: ALLOWED, shared: ALLOWED };
}
