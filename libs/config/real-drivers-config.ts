import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Settings of the real drivers: the directory over LDAP, the PBX on Kamailio's database and mail
 * over SMTP. Kept apart from app-config.ts, which spreads {@link realDriverEnvShape} into its schema.
 */

/** Which LDAP attribute holds each fact, so a site maps its own schema. Env: `LDAP_ATTR_<FIELD>`. */
export const LDAP_ATTRIBUTE_DEFAULTS = {
  login: 'uid',
  displayName: 'displayName',
  mail: 'mail',
  personnelClass: 'personnelClass',
  personnelSubCode: 'personnelSubCode',
  contractEnd: 'contractEnd',
  office: 'physicalDeliveryOfficeName',
  unit: 'departmentNumber',
  /** A DN (the `manager` attribute of inetOrgPerson). */
  supervisor: 'manager',
  phone: 'telephoneNumber',
  groupName: 'cn',
  /** Member DNs. */
  groupMember: 'member',
  groupDescription: 'description',
  groupOwner: 'owner',
  /** The RDN attribute of a shared number's phonebook entry (its value is the number). */
  phonebookName: 'cn',
  phonebookNumber: 'telephoneNumber',
  phonebookDescription: 'description',
  phonebookOwner: 'roleOccupant',
  /** Points at the managers e-group. */
  phonebookManagers: 'seeAlso',
} as const;
export type LdapAttributeField = keyof typeof LDAP_ATTRIBUTE_DEFAULTS;
export type LdapAttributes = Record<LdapAttributeField, string>;

/** LDAP_ATTR_DISPLAY_NAME for `displayName`. */
export function ldapAttributeVariable(field: LdapAttributeField): string {
  return `LDAP_ATTR_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export interface LdapConfig {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDns: { people: string; groups: string; phonebook: string };
  objectClasses: { person: string; group: string; phonebookEntry: string };
  attributes: LdapAttributes;
  /** Upper bound of one LDAP operation, and of connecting. */
  timeoutMs: number;
  /** PEM CA bundle for ldaps:// with a private CA. */
  tlsCa?: string;
}

export interface KamailioConfig {
  databaseUrl: string;
  poolSize: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (smtps, port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  timeoutMs: number;
  /** PEM CA bundle for a relay whose certificate a private CA signed. */
  tlsCa?: string;
}

// An attribute description: a name (RFC 4512 keystring) or a numeric OID.
const attributeName = z
  .string()
  .regex(/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$/, 'expected an LDAP attribute name such as uid');
// DNs come from the operator, but a typo should fail at boot, not at the first request.
const dn = z
  .string()
  .regex(/^[^=,]+=[^,]+(,[^=,]+=[^,]*)*$/, 'expected a DN such as ou=people,dc=example,dc=org');
const positiveInt = z.coerce.number({ error: 'expected a whole number' }).int().positive();
const port = z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const attributeShape = Object.fromEntries(
  (Object.keys(LDAP_ATTRIBUTE_DEFAULTS) as LdapAttributeField[]).map((field) => [
    ldapAttributeVariable(field),
    attributeName.default(LDAP_ATTRIBUTE_DEFAULTS[field]),
  ]),
) as Record<string, z.ZodDefault<typeof attributeName>>;

/** Every variable of the real drivers; all optional until the driver that needs it is chosen. */
export const realDriverEnvShape = {
  LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\/[^/]+\/?$/, 'expected ldap://host:port or ldaps://host:port')
    .optional(),
  LDAP_BIND_DN: dn.optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  LDAP_PEOPLE_BASE_DN: dn.optional(),
  LDAP_GROUPS_BASE_DN: dn.optional(),
  LDAP_PHONEBOOK_BASE_DN: dn.optional(),
  LDAP_PERSON_OBJECT_CLASS: attributeName.default('inetOrgPerson'),
  LDAP_GROUP_OBJECT_CLASS: attributeName.default('groupOfNames'),
  LDAP_PHONEBOOK_OBJECT_CLASS: attributeName.default('organizationalRole'),
  LDAP_TIMEOUT_MS: positiveInt.default(5_000),
  LDAP_TLS_CA_FILE: z.string().min(1).optional(),
  ...attributeShape,
  KAMAILIO_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL of Kamailio's database")
    .optional(),
  KAMAILIO_POOL_SIZE: positiveInt.default(4),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+\/?$/, 'expected smtp://[user:password@]host[:port] or smtps://…')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.optional(),
  SMTP_SECURE: bool.optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_TIMEOUT_MS: positiveInt.default(10_000),
  SMTP_TLS_CA_FILE: z.string().min(1).optional(),
};

type RealDriverEnv = z.output<z.ZodObject<typeof realDriverEnvShape>>;

interface DriverChoice {
  PBX_DRIVER: string;
  DIRECTORY_DRIVER: string;
  MAIL_DRIVER: string;
}

export interface RealDriverSettings {
  ldap?: LdapConfig;
  kamailio?: KamailioConfig;
  smtp?: SmtpConfig;
}

const required = (name: string, why: string) => `${name}: required when ${why}`;

/** What is missing for the chosen drivers; each problem names its variable. */
export function realDriverProblems(env: RealDriverEnv & DriverChoice): string[] {
  const problems: string[] = [];
  if (env.DIRECTORY_DRIVER === 'ldap') {
    for (const name of [
      'LDAP_URL',
      'LDAP_BIND_DN',
      'LDAP_BIND_PASSWORD',
      'LDAP_PEOPLE_BASE_DN',
      'LDAP_GROUPS_BASE_DN',
      'LDAP_PHONEBOOK_BASE_DN',
    ] as const) {
      if (!env[name]) problems.push(required(name, 'DIRECTORY_DRIVER=ldap'));
    }
    problems.push(...unreadable('LDAP_TLS_CA_FILE', env.LDAP_TLS_CA_FILE));
  }
  if (env.PBX_DRIVER === 'kamailio' && !env.KAMAILIO_DATABASE_URL)
    problems.push(required('KAMAILIO_DATABASE_URL', 'PBX_DRIVER=kamailio'));
  if (env.MAIL_DRIVER === 'smtp' && !env.SMTP_URL && !env.SMTP_HOST)
    problems.push(required('SMTP_URL or SMTP_HOST', 'MAIL_DRIVER=smtp'));
  if (env.SMTP_URL && env.SMTP_HOST) problems.push('SMTP_URL and SMTP_HOST: set one of them, not both');
  if (env.MAIL_DRIVER === 'smtp') problems.push(...unreadable('SMTP_TLS_CA_FILE', env.SMTP_TLS_CA_FILE));
  return problems;
}

function unreadable(variable: string, path: string | undefined): string[] {
  if (!path) return [];
  try {
    readFileSync(path);
    return [];
  } catch {
    return [`${variable}: cannot read ${path}`];
  }
}

function smtpFromUrl(text: string, env: RealDriverEnv): SmtpConfig {
  const url = new URL(text);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // SMTP_USER / SMTP_PASSWORD keep the password out of the URL when preferred.
    user: url.username ? decodeURIComponent(url.username) : env.SMTP_USER,
    password: url.password ? decodeURIComponent(url.password) : env.SMTP_PASSWORD,
    timeoutMs: env.SMTP_TIMEOUT_MS,
    tlsCa: smtpTlsCa(env),
  };
}

function smtpTlsCa(env: RealDriverEnv): string | undefined {
  return env.SMTP_TLS_CA_FILE ? readFileSync(env.SMTP_TLS_CA_FILE, 'utf8') : undefined;
}

/** The sections of the chosen real drivers; call after {@link realDriverProblems} found nothing. */
export function realDriverSettings(env: RealDriverEnv & DriverChoice): RealDriverSettings {
  const settings: RealDriverSettings = {};
  if (env.DIRECTORY_DRIVER === 'ldap') {
    const extra = env as unknown as Record<string, string>;
    settings.ldap = {
      url: env.LDAP_URL ?? '',
      bindDn: env.LDAP_BIND_DN ?? '',
      bindPassword: env.LDAP_BIND_PASSWORD ?? '',
      baseDns: {
        people: env.LDAP_PEOPLE_BASE_DN ?? '',
        groups: env.LDAP_GROUPS_BASE_DN ?? '',
        phonebook: env.LDAP_PHONEBOOK_BASE_DN ?? '',
      },
      objectClasses: {
        person: env.LDAP_PERSON_OBJECT_CLASS,
        group: env.LDAP_GROUP_OBJECT_CLASS,
        phonebookEntry: env.LDAP_PHONEBOOK_OBJECT_CLASS,
      },
      attributes: Object.fromEntries(
        (Object.keys(LDAP_ATTRIBUTE_DEFAULTS) as LdapAttributeField[]).map((field) => [
          field,
          extra[ldapAttributeVariable(field)] ?? LDAP_ATTRIBUTE_DEFAULTS[field],
        ]),
      ) as LdapAttributes,
      timeoutMs: env.LDAP_TIMEOUT_MS,
      tlsCa: env.LDAP_TLS_CA_FILE ? readFileSync(env.LDAP_TLS_CA_FILE, 'utf8') : undefined,
    };
  }
  if (env.PBX_DRIVER === 'kamailio') {
    settings.kamailio = { databaseUrl: env.KAMAILIO_DATABASE_URL ?? '', poolSize: env.KAMAILIO_POOL_SIZE };
  }
  if (env.MAIL_DRIVER === 'smtp') {
    settings.smtp = env.SMTP_URL
      ? smtpFromUrl(env.SMTP_URL, env)
      : {
          host: env.SMTP_HOST ?? '',
          port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : 587),
          secure: env.SMTP_SECURE ?? false,
          user: env.SMTP_USER,
          password: env.SMTP_PASSWORD,
          timeoutMs: env.SMTP_TIMEOUT_MS,
          tlsCa: smtpTlsCa(env),
        };
  }
  return settings;
}

/** For the driver factories: the section, or a clear error if the config was built by hand without it. */
export function requireSection<T>(section: T | undefined, variable: string): T {
  if (!section) throw new Error(`${variable} is not configured`);
  return section;
}
