import type { Entry } from 'ldapts';
import type { LegacyLdapConfig } from '../../config/legacy-driver-config';
import type { LegacyService } from '../../domain/legacy-migration';
import { parseMacAddress } from '../../domain/mac-address';
import { allValues, firstValue } from '../directory/ldap-entry';
import { systemRejected } from '../system-error';
import type { LegacyLineConfig } from './legacy.port';

/**
 * Reading legacy lines off directory entries (docs/legacy-directory.md). A person or a room carries
 * its legacy numbers in one attribute per service; optional setting attributes hold
 * `<number>=<value>` (that line) or a bare `<value>` (every line of the entry).
 */

export type LegacyHolderKind = 'PERSON' | 'ROOM';

/** One entry that carries a legacy number. */
export interface LegacyHolding {
  dn: string;
  kind: LegacyHolderKind;
  /** The person's login, or null for a room. */
  login: string | null;
  /** The person's display name or the room's name. */
  name: string | null;
  /** Rooms: the DNs of the people the number is listed under. */
  peopleDns: string[];
  number: string;
  service: LegacyService;
  /** The value exactly as stored, for the LDAP delete of that value. */
  storedValue: string;
  settings: { forwarding?: string; voicemail?: string; phoneMac?: string; phoneModel?: string };
}

/** Internal extensions are five digits (docs/domain.md §3); the directory may add spaces or a prefix "+". */
export function canonicalLegacyNumber(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{5}$/.test(digits) ? digits : null;
}

/** The attributes to ask for when reading an entry of this kind. */
export function holderAttributes(config: LegacyLdapConfig, kind: LegacyHolderKind): string[] {
  const own =
    kind === 'PERSON'
      ? [config.people.loginAttribute, config.people.nameAttribute, 'cn']
      : config.rooms
        ? [config.rooms.nameAttribute, config.rooms.peopleAttribute]
        : [];
  return [
    ...own,
    ...Object.values(config.serviceAttributes),
    ...Object.values(config.settingAttributes).filter((a): a is string => a !== undefined),
  ];
}

/** The value of a setting attribute for `number`: its own tagged value first, else an untagged one. */
export function settingFor(values: string[], number: string): string | undefined {
  let untagged: string | undefined;
  for (const raw of values) {
    const tagged = /^\s*([\d\s-]+?)\s*=\s*(.*)$/.exec(raw);
    const taggedNumber = tagged ? canonicalLegacyNumber(tagged[1]) : null;
    if (tagged && taggedNumber) {
      if (taggedNumber === number) return tagged[2].trim();
    } else if (untagged === undefined && raw.trim() !== '') {
      untagged = raw.trim();
    }
  }
  return untagged;
}

/** Every legacy number an entry carries, one holding per (number, service). Unreadable values are skipped. */
export function holdingsOf(entry: Entry, kind: LegacyHolderKind, config: LegacyLdapConfig): LegacyHolding[] {
  const holdings: LegacyHolding[] = [];
  const settingValues = (attribute: string | undefined) => (attribute ? allValues(entry, attribute) : []);
  const s = config.settingAttributes;
  for (const [service, attribute] of Object.entries(config.serviceAttributes) as [LegacyService, string][]) {
    for (const storedValue of allValues(entry, attribute)) {
      const number = canonicalLegacyNumber(storedValue);
      if (!number) continue;
      const settings = {
        forwarding: settingFor(settingValues(s.forwarding), number),
        voicemail: settingFor(settingValues(s.voicemail), number),
        phoneMac: settingFor(settingValues(s.phoneMac), number),
        phoneModel: settingFor(settingValues(s.phoneModel), number),
      };
      holdings.push({
        dn: entry.dn,
        kind,
        login: kind === 'PERSON' ? firstValue(entry, config.people.loginAttribute) : null,
        name:
          kind === 'PERSON'
            ? (firstValue(entry, config.people.nameAttribute) ?? firstValue(entry, 'cn'))
            : config.rooms
              ? firstValue(entry, config.rooms.nameAttribute)
              : null,
        peopleDns: kind === 'ROOM' && config.rooms ? allValues(entry, config.rooms.peopleAttribute) : [],
        number,
        service,
        storedValue,
        settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
      });
    }
  }
  return holdings;
}

/**
 * One line from every entry that carries its number. A number under two services is refused: which
 * service it is on decides the migration, so the directory must be fixed rather than guessed at.
 */
export function lineFrom(number: string, holdings: LegacyHolding[]): LegacyLineConfig {
  const services = [...new Set(holdings.map((h) => h.service))];
  if (services.length !== 1)
    throw systemRejected(
      'legacy',
      `the directory lists ${number} under several legacy services (${services.join(', ')}); keep one`,
    );
  const people = holdings.filter((h) => h.kind === 'PERSON');
  const room = holdings.find((h) => h.kind === 'ROOM');
  // A line of one person carries that person's name; a room's line, the room's.
  const named = people.length === 1 && !room ? people[0] : (room ?? people[0]);
  const first = (field: keyof LegacyHolding['settings']) =>
    holdings.map((h) => h.settings[field]).find((v) => v !== undefined);
  const settings: Record<string, string> = {};
  for (const field of ['forwarding', 'voicemail'] as const) {
    const value = first(field);
    if (value !== undefined) settings[field] = value;
  }
  const mac = first('phoneMac');
  const modelId = first('phoneModel');
  let phone: LegacyLineConfig['phone'] = null;
  if (mac && modelId) {
    try {
      phone = { mac: parseMacAddress(mac), modelId };
    } catch {
      // A MAC the directory mistyped cannot move a phone; it stays on record for people to read.
      settings.phoneMac = mac;
    }
  }
  return {
    number,
    service: services[0],
    displayName: named?.name ?? null,
    phone,
    settings,
    active: true,
    holders: [...new Set(holdings.map((h) => h.dn))],
  };
}
