import type { Entry } from 'ldapts';
import type { LdapAttributes } from '../../config/real-drivers-config';
import type { DirectoryPerson } from './directory.port';

/** Reading entries: attribute names from the server may differ in case from the configured ones. */

function raw(entry: Entry, attribute: string): Entry[string] | undefined {
  if (attribute in entry) return entry[attribute];
  const lower = attribute.toLowerCase();
  const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : entry[key];
}

export function allValues(entry: Entry, attribute: string): string[] {
  const value = raw(entry, attribute);
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.toString());
}

export function firstValue(entry: Entry, attribute: string): string | null {
  return allValues(entry, attribute)[0] ?? null;
}

const GENERALIZED_TIME =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2}))?)?)?(?:[.,]\d+)?(Z|[+-]\d{2}(?:\d{2})?)?$/;

/**
 * RFC 4517 GeneralizedTime (`20991231235959Z`, `20260630000000+0200`, `2026063012Z`), and plain ISO
 * dates as some HR feeds write them. Returns undefined for anything else.
 */
export function parseGeneralizedTime(text: string): Date | undefined {
  const match = GENERALIZED_TIME.exec(text.trim());
  if (!match) {
    const iso = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text.trim()) ? new Date(text.trim()) : undefined;
    return iso && !Number.isNaN(iso.getTime()) ? iso : undefined;
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.length > 3 ? zone.slice(3, 5) : '00'}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The attributes to ask for when reading a person. */
export function personAttributes(a: LdapAttributes): string[] {
  return [
    a.login,
    a.displayName,
    'cn',
    a.mail,
    a.personnelClass,
    a.personnelSubCode,
    a.contractEnd,
    a.office,
    a.unit,
    a.supervisor,
    a.phone,
  ];
}

/**
 * Maps a person's entry. The supervisor is a DN in LDAP: `supervisorLogin` resolves it (null when it
 * points nowhere). Throws on a contract end that is not a date: guessing "no end" would let someone
 * whose contract ended keep using the service.
 */
export function toDirectoryPerson(
  entry: Entry,
  a: LdapAttributes,
  supervisorLogin: string | null,
): DirectoryPerson {
  const login = firstValue(entry, a.login) ?? '';
  const contractEndText = firstValue(entry, a.contractEnd);
  let contractEnd: Date | null = null;
  if (contractEndText !== null) {
    const parsed = parseGeneralizedTime(contractEndText);
    if (!parsed)
      throw new Error(`the contract end of ${login} is not a date: "${contractEndText.slice(0, 40)}"`);
    contractEnd = parsed;
  }
  return {
    login,
    displayName: firstValue(entry, a.displayName) ?? firstValue(entry, 'cn') ?? login,
    mail: firstValue(entry, a.mail),
    personnelClass: firstValue(entry, a.personnelClass) ?? '',
    personnelSubCode: firstValue(entry, a.personnelSubCode),
    contractEnd,
    office: firstValue(entry, a.office),
    unit: firstValue(entry, a.unit),
    supervisorLogin,
    phoneNumbers: allValues(entry, a.phone),
  };
}
