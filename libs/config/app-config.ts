import { z } from 'zod';
import { nodeRuntimeProblem } from './node-runtime';
import { SYSTEMS, type SystemName } from '../contracts/systems';
import type { RetrySettings, WorkflowSettings } from '../contracts/settings';
import { DEFAULT_ELIGIBILITY_POLICY, type EligibilityPolicy } from '../domain/eligibility';
import { parseNumberPool, poolsOverlap, type NumberPool } from '../domain/number-pool';
import {
  realDriverEnvShape,
  realDriverProblems,
  realDriverSettings,
  type RealDriverSettings,
} from './real-drivers-config';
import {
  networkDriverEnvShape,
  networkDriverProblems,
  networkDriverSettings,
  type KeaConfig,
  type LandbConfig,
} from './network-drivers-config';
import {
  legacyDriverEnvShape,
  legacyDriverProblems,
  legacyDriverSettings,
  type LegacyLdapConfig,
} from './legacy-driver-config';
import {
  provisioningEnvShape,
  provisioningProblems,
  provisioningServerSettings,
  type ProvisioningServerConfig,
} from './provisioning-config';
import {
  signInEnvShape,
  signInProblems,
  signInSettings,
  type OidcConfig,
  type RolesConfig,
  type SessionConfig,
} from './sign-in-config';

/** Thrown at boot when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535);
const positiveInt = z.coerce.number({ error: 'expected a whole number' }).int().positive();
const positiveNumber = z.coerce.number({ error: 'expected a number' }).positive();
const pool = z.string().transform((text, ctx) => {
  try {
    return parseNumberPool(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean),
);
const url = z.url({ error: 'expected a URL' });

/** Every environment variable Switchboard reads, with its default. docs/configuration.md lists them too. */
const envSchema = z.object({
  SWITCHBOARD_SANDBOX: bool.default(true),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL (leave unset for the embedded SQLite file)')
    .optional(),
  SQLITE_PATH: z.string().min(1).default('.data/switchboard.sqlite'),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('switchboard'),
  TEMPORAL_UI_URL: url.default('http://127.0.0.1:8233'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  PUBLIC_URL: url.optional(),
  PORTAL_DIST_DIR: z.string().min(1).optional(),
  PERSONAL_NUMBER_POOL: pool.default(parseNumberPool('70000-79999')),
  SHARED_NUMBER_POOL: pool.default(parseNumberPool('65000-65999')),
  UNAUTHORISED_PERSONNEL_CLASSES: csv.default([...DEFAULT_ELIGIBILITY_POLICY.unauthorisedClasses]),
  AUTHORISED_SUB_CODES: z
    .string()
    .regex(
      /^(\s*[A-Za-z]+:[A-Za-z]+(\|[A-Za-z]+)*\s*)(,\s*[A-Za-z]+:[A-Za-z]+(\|[A-Za-z]+)*\s*)*$/,
      'expected CLASS:CODE|CODE,CLASS:CODE e.g. EXTN:HONO|ILOF|SCIE|STAG',
    )
    .optional(),
  PBX_DRIVER: z.enum(['sandbox', 'kamailio']).default('sandbox'),
  DIRECTORY_DRIVER: z.enum(['sandbox', 'ldap']).default('sandbox'),
  MAIL_DRIVER: z.enum(['sandbox', 'smtp']).default('sandbox'),
  NETWORK_DRIVER: z.enum(['sandbox', 'landb']).default('sandbox'),
  DHCP_DRIVER: z.enum(['sandbox', 'kea']).default('sandbox'),
  LEGACY_DRIVER: z.enum(['sandbox', 'ldap']).default('sandbox'),
  PROVISIONING_URL: url.default('http://127.0.0.1:3001'),
  APPROVAL_TIMEOUT_MS: positiveInt.default(14 * 24 * 3600 * 1000),
  FIRST_BOOT_TIMEOUT_MS: positiveInt.default(24 * 3600 * 1000),
  SANDBOX_PHONE_AUTOBOOT_MS: z.coerce
    .number({ error: 'expected milliseconds (0 turns it off)' })
    .int()
    .min(0)
    .default(3000),
  PERSONAL_DEACTIVATION_DELAY_DAYS: positiveInt.default(7),
  PERSONAL_RESERVATION_MONTHS: positiveInt.default(6),
  QUARANTINE_DAYS: positiveInt.default(90),
  SHARED_OWNER_REMINDER_DAYS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected days before the end, comma-separated, e.g. 60,27,7')
    .transform((s) => s.split(',').map(Number))
    .default([60, 27, 7]),
  CAMPAIGN_DAY_MS: positiveInt.default(24 * 3600 * 1000),
  CAMPAIGN_START_HOUR: z.coerce.number({ error: 'expected an hour 0-23' }).int().min(0).max(23).default(8),
  CAMPAIGN_REMINDER_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int()
    .min(0)
    .max(60)
    .default(3),
  CAMPAIGN_RETRY_WINDOW_MS: positiveInt.default(7 * 24 * 3600 * 1000),
  CAMPAIGN_CONTINUE_AFTER_STARTS: positiveInt.default(200),
  LIFECYCLE_SWEEP_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'expected a 5-field cron expression (UTC), e.g. 30 2 * * *')
    .default('30 2 * * *'),
  LIFECYCLE_CHECK_INTERVAL_MS: positiveInt.default(24 * 3600 * 1000),
  LIFECYCLE_LOCK_RETRY_MS: positiveInt.default(3600 * 1000),
  SIP_DOMAIN: z.string().min(1).default('switchboard.local'),
  SIP_SECRET_KEY: z
    .string()
    .refine(
      (k) => Buffer.from(k, 'base64').length === 32,
      'expected 32 random bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
  SIP_SECRET_KEYS_PREVIOUS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine(
      (keys) => keys.every((k) => Buffer.from(k, 'base64').length === 32),
      'expected comma-separated keys of 32 random bytes in base64',
    )
    .optional(),
  MAIL_FROM: z.string().min(3).default('Switchboard <switchboard@localhost>'),
  RETRY_MAX_ATTEMPTS: positiveInt.default(5),
  RETRY_INITIAL_INTERVAL_MS: positiveInt.default(1000),
  RETRY_MAX_INTERVAL_MS: positiveInt.default(30_000),
  RETRY_BACKOFF: positiveNumber.default(2),
  ACTIVITY_TIMEOUT_MS: positiveInt.default(30_000),
  PARK_TIMEOUT_MS: positiveInt.default(7 * 24 * 3600 * 1000),
  RECONCILIATION_PAGE_SIZE: positiveInt.max(5000, 'expected at most 5000').default(1000),
  WORKER_SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  // The SDK sizes its cache from the heap limit (thousands of workflows on a large machine); a
  // bounded cache keeps the worker's memory predictable, at the price of replays for evicted ones.
  WORKER_MAX_CACHED_WORKFLOWS: positiveInt.default(200),
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  ...Object.fromEntries(
    SYSTEMS.map((s) => [`RETRY_MAX_ATTEMPTS_${s.toUpperCase()}`, positiveInt.optional()]),
  ),
  ...realDriverEnvShape,
  ...networkDriverEnvShape,
  ...legacyDriverEnvShape,
  ...provisioningEnvShape,
  ...signInEnvShape,
});

export type DatabaseConfig =
  { type: 'postgres'; url: string; poolSize: number } | { type: 'sqlite'; path: string };

export interface AppConfig {
  sandbox: boolean;
  database: DatabaseConfig;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string };
  api: { host: string; port: number };
  /** Where people reach the portal; links in mails point here. */
  publicUrl: string;
  /** The built portal the API serves at `/` (default: apps/portal/dist of the checkout). */
  portalDistDir?: string;
  pools: { personal: NumberPool; shared: NumberPool };
  eligibility: EligibilityPolicy;
  drivers: {
    pbx: 'sandbox' | 'kamailio';
    directory: 'sandbox' | 'ldap';
    mail: 'sandbox' | 'smtp';
    network: 'sandbox' | 'landb';
    dhcp: 'sandbox' | 'kea';
    legacy: 'sandbox' | 'ldap';
  };
  /** Production sign-in: the portal's code flow, and OIDC bearer JWTs verified against the issuer's JWKS. */
  oidc?: OidcConfig;
  /** The groups that grant roles, and where a person's groups are read. */
  roles: RolesConfig;
  /** The portal's sign-in session (a cookie; the tokens stay on the server). */
  session: SessionConfig;
  /** Where phones fetch their configuration (DHCP options 66/160 point here). */
  provisioningUrl: string;
  /** The provisioning server app (apps/provisioning): where it listens, its checks and uploads. */
  provisioning: ProvisioningServerConfig;
  timers: { approvalTimeoutMs: number; firstBootTimeoutMs: number };
  /**
   * Sandbox only: a simulated phone "boots" this long after its configuration is published (0: never;
   * always 0 outside sandbox mode), so a demo registration completes without a real phone.
   */
  sandboxPhoneAutoBootMs: number;
  lifecycle: {
    deactivationDelayDays: number;
    reservationMonths: number;
    quarantineDays: number;
    sharedOwnerReminderDays: number[];
    /** When the nightly sweep runs (cron, UTC). */
    sweepCron: string;
    /** How often a lifecycle re-checks the directory while it waits (has the owner come back?). */
    checkIntervalMs: number;
    /** How long a lifecycle waits before trying again when another request holds the number. */
    lockRetryMs: number;
  };
  sip: {
    domain: string;
    secretKey: Buffer;
    /** Keys SIP passwords may still be sealed with, during a rotation (SIP_SECRET_KEYS_PREVIOUS). */
    previousSecretKeys: Buffer[];
  };
  mail: { from: string };
  /** Bulk migration campaigns: the length of a day (shrunk in tests), the start hour (UTC), reminders, retries. */
  campaigns: {
    dayMs: number;
    startHour: number;
    reminderDays: number;
    retryWindowMs: number;
    /** A campaign's workflow continues as new after this many child migrations in one run. */
    continueAfterStarts: number;
  };
  workflow: WorkflowSettings;
  worker: { shutdownGraceMs: number; maxCachedWorkflows: number; workflowBundlePath?: string };
  /** Settings of the real drivers, present when that driver is chosen. */
  ldap?: RealDriverSettings['ldap'];
  kamailio?: RealDriverSettings['kamailio'];
  smtp?: RealDriverSettings['smtp'];
  /** Settings of the real network drivers, present when that driver is chosen. */
  kea?: KeaConfig;
  landb?: LandbConfig;
  /** The directory legacy driver's settings, present when LEGACY_DRIVER=ldap. */
  legacyLdap?: LegacyLdapConfig;
  /** Resources read per page when comparing the inventory with the systems. */
  reconciliation: { pageSize: number };
}

// A fixed key is acceptable only in sandbox mode, where no real phone ever uses the passwords.
const SANDBOX_SIP_KEY = Buffer.alloc(32, 7);

function parseSubCodes(text: string | undefined): EligibilityPolicy['authorisedSubCodes'] {
  if (text === undefined) return DEFAULT_ELIGIBILITY_POLICY.authorisedSubCodes;
  return Object.fromEntries(
    text.split(',').map((entry) => {
      const [klass, codes] = entry.trim().toUpperCase().split(':');
      return [klass, codes.split('|')];
    }),
  );
}

/** Reads and validates the environment once; throws a {@link ConfigError} naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Every app and script reads its configuration first: the one place to refuse an old Node.
  const runtime = nodeRuntimeProblem(process.versions.node);
  if (runtime) throw new ConfigError([runtime]);
  // Empty strings mean "unset", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const given = present[name];
        return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (poolsOverlap(e.PERSONAL_NUMBER_POOL, e.SHARED_NUMBER_POOL)) {
    problems.push(
      'PERSONAL_NUMBER_POOL and SHARED_NUMBER_POOL overlap: a number must belong to one pool only',
    );
  }
  problems.push(...signInProblems(e));
  if (!e.SWITCHBOARD_SANDBOX && !e.SIP_SECRET_KEY) {
    problems.push('SIP_SECRET_KEY: required outside sandbox mode (it encrypts SIP passwords at rest)');
  }
  problems.push(...realDriverProblems(e));
  problems.push(...networkDriverProblems(e));
  problems.push(...legacyDriverProblems(e));
  problems.push(...provisioningProblems(e));
  if (problems.length > 0) throw new ConfigError(problems);

  const extra = e as unknown as Record<string, number | undefined>;
  const retryFor = (system: SystemName): RetrySettings => ({
    maximumAttempts: extra[`RETRY_MAX_ATTEMPTS_${system.toUpperCase()}`] ?? e.RETRY_MAX_ATTEMPTS,
    initialIntervalMs: e.RETRY_INITIAL_INTERVAL_MS,
    maximumIntervalMs: e.RETRY_MAX_INTERVAL_MS,
    backoffCoefficient: e.RETRY_BACKOFF,
  });

  return {
    sandbox: e.SWITCHBOARD_SANDBOX,
    database: e.DATABASE_URL
      ? { type: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { type: 'sqlite', path: e.SQLITE_PATH },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: e.TEMPORAL_UI_URL.replace(/\/$/, ''),
    },
    api: { host: e.API_HOST, port: e.API_PORT },
    publicUrl: (e.PUBLIC_URL ?? `http://${e.API_HOST}:${e.API_PORT}`).replace(/\/$/, ''),
    portalDistDir: e.PORTAL_DIST_DIR,
    pools: { personal: e.PERSONAL_NUMBER_POOL, shared: e.SHARED_NUMBER_POOL },
    eligibility: {
      unauthorisedClasses: e.UNAUTHORISED_PERSONNEL_CLASSES,
      authorisedSubCodes: parseSubCodes(e.AUTHORISED_SUB_CODES),
    },
    drivers: {
      pbx: e.PBX_DRIVER,
      directory: e.DIRECTORY_DRIVER,
      mail: e.MAIL_DRIVER,
      network: e.NETWORK_DRIVER,
      dhcp: e.DHCP_DRIVER,
      legacy: e.LEGACY_DRIVER,
    },
    ...signInSettings(e),
    provisioningUrl: e.PROVISIONING_URL.replace(/\/$/, ''),
    provisioning: provisioningServerSettings(e),
    timers: { approvalTimeoutMs: e.APPROVAL_TIMEOUT_MS, firstBootTimeoutMs: e.FIRST_BOOT_TIMEOUT_MS },
    sandboxPhoneAutoBootMs: e.SWITCHBOARD_SANDBOX ? e.SANDBOX_PHONE_AUTOBOOT_MS : 0,
    lifecycle: {
      deactivationDelayDays: e.PERSONAL_DEACTIVATION_DELAY_DAYS,
      reservationMonths: e.PERSONAL_RESERVATION_MONTHS,
      quarantineDays: e.QUARANTINE_DAYS,
      sharedOwnerReminderDays: e.SHARED_OWNER_REMINDER_DAYS,
      sweepCron: e.LIFECYCLE_SWEEP_CRON,
      checkIntervalMs: e.LIFECYCLE_CHECK_INTERVAL_MS,
      lockRetryMs: e.LIFECYCLE_LOCK_RETRY_MS,
    },
    sip: {
      domain: e.SIP_DOMAIN,
      secretKey: e.SIP_SECRET_KEY ? Buffer.from(e.SIP_SECRET_KEY, 'base64') : SANDBOX_SIP_KEY,
      previousSecretKeys: (e.SIP_SECRET_KEYS_PREVIOUS ?? []).map((k) => Buffer.from(k, 'base64')),
    },
    mail: { from: e.MAIL_FROM },
    campaigns: {
      dayMs: e.CAMPAIGN_DAY_MS,
      startHour: e.CAMPAIGN_START_HOUR,
      reminderDays: e.CAMPAIGN_REMINDER_DAYS,
      retryWindowMs: e.CAMPAIGN_RETRY_WINDOW_MS,
      continueAfterStarts: e.CAMPAIGN_CONTINUE_AFTER_STARTS,
    },
    workflow: {
      retries: Object.fromEntries(SYSTEMS.map((s) => [s, retryFor(s)])) as Record<SystemName, RetrySettings>,
      activityTimeoutMs: e.ACTIVITY_TIMEOUT_MS,
      parkTimeoutMs: e.PARK_TIMEOUT_MS,
    },
    worker: {
      shutdownGraceMs: e.WORKER_SHUTDOWN_GRACE_MS,
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
    },
    ...realDriverSettings(e),
    ...networkDriverSettings(e),
    ...legacyDriverSettings(e),
    reconciliation: { pageSize: e.RECONCILIATION_PAGE_SIZE },
  };
}
