import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LegacyService } from '../domain/legacy-migration';

/**
 * Settings of the directory legacy driver (`LEGACY_DRIVER=ldap`): a site that keeps its legacy
 * numbers as attributes of people and rooms in the phonebook. Kept apart from app-config.ts, which
 * spreads {@link legacyDriverEnvShape} into its schema. The connection (LDAP_URL, bind, TLS,
 * timeout) is the directory's: one phonebook, one set of credentials.
 */

export interface LegacyLdapConfig {
  url: string;
  bindDn: string;
  bindPassword: string;
  timeoutMs: number;
  tlsCa?: string;
  /** Where people are searched (subtree), and their object class. */
  people: { baseDn: string; objectClass: string; loginAttribute: string; nameAttribute: string };
  /** Rooms, labs, common areas; absent when the site keeps legacy numbers on people only. */
  rooms?: { baseDn: string; objectClass: string; nameAttribute: string; peopleAttribute: string };
  /** The attribute that holds each service's numbers; a service without one is not read. */
  serviceAttributes: Partial<Record<LegacyService, string>>;
  /** Optional per-line facts; values are `<number>=<value>`, or `<value>` for every number of the entry. */
  settingAttributes: { forwarding?: string; voicemail?: string; phoneMac?: string; phoneModel?: string };
}

// Same rules as the directory's (real-drivers-config.ts): names, not filter syntax; DNs, not prose.
const attributeName = z
  .string()
  .regex(/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$/, 'expected an LDAP attribute name such as uid');
const dn = z
  .string()
  .regex(/^[^=,]+=[^,]+(,[^=,]+=[^,]*)*$/, 'expected a DN such as ou=rooms,dc=example,dc=org');

/** Every variable of the legacy drivers; all optional until `LEGACY_DRIVER=ldap`. */
export const legacyDriverEnvShape = {
  LEGACY_LDAP_PEOPLE_BASE_DN: dn.optional(),
  LEGACY_LDAP_ROOMS_BASE_DN: dn.optional(),
  LEGACY_LDAP_ROOM_OBJECT_CLASS: attributeName.default('room'),
  LEGACY_LDAP_ROOM_NAME_ATTRIBUTE: attributeName.default('cn'),
  /** DN-valued: the people a room's legacy number is listed under (its users / responsible). */
  LEGACY_LDAP_ROOM_PEOPLE_ATTRIBUTE: attributeName.default('seeAlso'),
  LEGACY_LDAP_SKYPE_ATTRIBUTE: attributeName.optional(),
  LEGACY_LDAP_ANALOGUE_ATTRIBUTE: attributeName.optional(),
  LEGACY_LDAP_VENDOR_IP_ATTRIBUTE: attributeName.optional(),
  LEGACY_LDAP_FORWARDING_ATTRIBUTE: attributeName.optional(),
  LEGACY_LDAP_VOICEMAIL_ATTRIBUTE: attributeName.optional(),
  LEGACY_LDAP_PHONE_MAC_ATTRIBUTE: attributeName.optional(),
  LEGACY_LDAP_PHONE_MODEL_ATTRIBUTE: attributeName.optional(),
};

type LegacyEnv = z.output<z.ZodObject<typeof legacyDriverEnvShape>> & {
  LEGACY_DRIVER: string;
  LDAP_URL?: string;
  LDAP_BIND_DN?: string;
  LDAP_BIND_PASSWORD?: string;
  LDAP_PEOPLE_BASE_DN?: string;
  LDAP_PERSON_OBJECT_CLASS: string;
  LDAP_TIMEOUT_MS: number;
  LDAP_TLS_CA_FILE?: string;
  LDAP_ATTR_LOGIN?: string;
  LDAP_ATTR_DISPLAY_NAME?: string;
};

const SERVICE_VARIABLES = {
  SKYPE: 'LEGACY_LDAP_SKYPE_ATTRIBUTE',
  ANALOGUE: 'LEGACY_LDAP_ANALOGUE_ATTRIBUTE',
  VENDOR_IP: 'LEGACY_LDAP_VENDOR_IP_ATTRIBUTE',
} as const satisfies Record<LegacyService, keyof LegacyEnv>;

/** What is missing or contradictory for `LEGACY_DRIVER=ldap`, one line per variable. */
export function legacyDriverProblems(env: LegacyEnv): string[] {
  if (env.LEGACY_DRIVER !== 'ldap') return [];
  const problems: string[] = [];
  for (const name of ['LDAP_URL', 'LDAP_BIND_DN', 'LDAP_BIND_PASSWORD'] as const)
    if (!env[name]) problems.push(`${name}: required when LEGACY_DRIVER=ldap`);
  if (!env.LEGACY_LDAP_PEOPLE_BASE_DN && !env.LDAP_PEOPLE_BASE_DN)
    problems.push('LEGACY_LDAP_PEOPLE_BASE_DN (or LDAP_PEOPLE_BASE_DN): required when LEGACY_DRIVER=ldap');
  const services = Object.values(SERVICE_VARIABLES).filter((name) => env[name] !== undefined);
  if (services.length === 0)
    problems.push(
      `${Object.values(SERVICE_VARIABLES).join(' / ')}: set at least one when LEGACY_DRIVER=ldap (the attribute that holds that service's numbers)`,
    );
  // One attribute for two services would make a number's service a guess.
  const names = services.map((name) => env[name]?.toLowerCase());
  if (new Set(names).size !== names.length)
    problems.push(`${services.join(', ')}: each service needs its own attribute`);
  return problems;
}

/** The section of the LDAP legacy driver (call after {@link legacyDriverProblems} found nothing). */
export function legacyDriverSettings(env: LegacyEnv): { legacyLdap?: LegacyLdapConfig } {
  if (env.LEGACY_DRIVER !== 'ldap') return {};
  const serviceAttributes: Partial<Record<LegacyService, string>> = {};
  for (const [service, name] of Object.entries(SERVICE_VARIABLES) as [LegacyService, keyof LegacyEnv][]) {
    const attribute = env[name];
    if (typeof attribute === 'string') serviceAttributes[service] = attribute;
  }
  return {
    legacyLdap: {
      url: env.LDAP_URL ?? '',
      bindDn: env.LDAP_BIND_DN ?? '',
      bindPassword: env.LDAP_BIND_PASSWORD ?? '',
      timeoutMs: env.LDAP_TIMEOUT_MS,
      tlsCa: env.LDAP_TLS_CA_FILE ? readFileSync(env.LDAP_TLS_CA_FILE, 'utf8') : undefined,
      people: {
        baseDn: env.LEGACY_LDAP_PEOPLE_BASE_DN ?? env.LDAP_PEOPLE_BASE_DN ?? '',
        objectClass: env.LDAP_PERSON_OBJECT_CLASS,
        loginAttribute: env.LDAP_ATTR_LOGIN ?? 'uid',
        nameAttribute: env.LDAP_ATTR_DISPLAY_NAME ?? 'displayName',
      },
      rooms: env.LEGACY_LDAP_ROOMS_BASE_DN
        ? {
            baseDn: env.LEGACY_LDAP_ROOMS_BASE_DN,
            objectClass: env.LEGACY_LDAP_ROOM_OBJECT_CLASS,
            nameAttribute: env.LEGACY_LDAP_ROOM_NAME_ATTRIBUTE,
            peopleAttribute: env.LEGACY_LDAP_ROOM_PEOPLE_ATTRIBUTE,
          }
        : undefined,
      serviceAttributes,
      settingAttributes: {
        forwarding: env.LEGACY_LDAP_FORWARDING_ATTRIBUTE,
        voicemail: env.LEGACY_LDAP_VOICEMAIL_ATTRIBUTE,
        phoneMac: env.LEGACY_LDAP_PHONE_MAC_ATTRIBUTE,
        phoneModel: env.LEGACY_LDAP_PHONE_MODEL_ATTRIBUTE,
      },
    },
  };
}
