import { z } from 'zod';
import { parseIpv4Range, type Ipv4Range } from '../systems/dhcp/ipv4';

/**
 * Settings of the real network drivers: DHCP on Kea's PostgreSQL host backend and the network
 * database over LanDB's SOAP API. Kept apart from app-config.ts, which spreads
 * {@link networkDriverEnvShape} into its schema.
 */

export interface KeaConfig {
  /** Kea's host database (`hosts-database` of kea-dhcp4), prepared with `kea-admin db-init pgsql`. */
  databaseUrl: string;
  poolSize: number;
  /** The Kea subnet (`subnet4[].id`) the phones' reservations belong to. */
  subnetId: number;
  /** Addresses Switchboard hands out, outside the subnet's dynamic pools. */
  reservedRange: Ipv4Range;
  /** Options that carry the boot URL, by code in the dhcp4 space (names differ per site). */
  bootOptionCodes: number[];
  /** Upper bound of connecting and of one statement. */
  timeoutMs: number;
}

export interface LandbConfig {
  /** Where the WSDL is read (once, on first use). */
  wsdlUrl: string;
  /** Overrides the WSDL's soap:address, e.g. to go through a proxy. */
  endpointUrl?: string;
  user: string;
  password: string;
  /** getAuthToken's Type: which account database checks the password. */
  authType: 'NICE' | 'CERN';
  /** Upper bound of one SOAP call. */
  timeoutMs: number;
  /** How long a token is reused before asking for a new one (an invalid-token fault also renews it). */
  tokenTtlMs: number;
  /** InterfaceCard.CardType of a desk phone's card. */
  cardType: 'Ethernet' | 'Wireless';
}

const positiveInt = z.coerce.number({ error: 'expected a whole number' }).int().positive();
const optionCode = z.number().int().min(1, 'option codes are 1-254').max(254, 'option codes are 1-254');
const range = z.string().transform((text, ctx) => {
  try {
    return parseIpv4Range(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** Every variable of the network drivers; all optional until the driver that needs it is chosen. */
export const networkDriverEnvShape = {
  KEA_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL of Kea's host database")
    .optional(),
  KEA_DATABASE_POOL_SIZE: positiveInt.default(4),
  KEA_SUBNET_ID: positiveInt.optional(),
  KEA_RESERVED_RANGE: range.optional(),
  KEA_BOOT_OPTION_CODES: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected option codes, comma-separated, e.g. 66,160')
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(optionCode).min(1))
    .default([66, 160]),
  KEA_TIMEOUT_MS: positiveInt.default(5_000),
  LANDB_WSDL_URL: z.url({ error: 'expected the URL of the LanDB WSDL' }).optional(),
  LANDB_ENDPOINT_URL: z.url({ error: 'expected a URL' }).optional(),
  LANDB_USER: z.string().min(1).optional(),
  LANDB_PASSWORD: z.string().min(1).optional(),
  LANDB_AUTH_TYPE: z.enum(['NICE', 'CERN']).default('NICE'),
  LANDB_TIMEOUT_MS: positiveInt.default(10_000),
  LANDB_TOKEN_TTL_MS: positiveInt.default(3_600_000),
  LANDB_CARD_TYPE: z.enum(['Ethernet', 'Wireless']).default('Ethernet'),
};

type NetworkDriverEnv = z.output<z.ZodObject<typeof networkDriverEnvShape>> & {
  DHCP_DRIVER: string;
  NETWORK_DRIVER: string;
};

const KEA_REQUIRED = ['KEA_DATABASE_URL', 'KEA_SUBNET_ID', 'KEA_RESERVED_RANGE'] as const;
const LANDB_REQUIRED = ['LANDB_WSDL_URL', 'LANDB_USER', 'LANDB_PASSWORD'] as const;

/** What is missing for the chosen drivers, one line per variable. */
export function networkDriverProblems(env: NetworkDriverEnv): string[] {
  const problems: string[] = [];
  if (env.DHCP_DRIVER === 'kea') {
    for (const name of KEA_REQUIRED)
      if (env[name] === undefined) problems.push(`${name}: required when DHCP_DRIVER=kea`);
  }
  if (env.NETWORK_DRIVER === 'landb') {
    for (const name of LANDB_REQUIRED)
      if (env[name] === undefined) problems.push(`${name}: required when NETWORK_DRIVER=landb`);
  }
  return problems;
}

/** The sections of the chosen drivers (call after {@link networkDriverProblems} found nothing). */
export function networkDriverSettings(env: NetworkDriverEnv): { kea?: KeaConfig; landb?: LandbConfig } {
  const settings: { kea?: KeaConfig; landb?: LandbConfig } = {};
  if (
    env.DHCP_DRIVER === 'kea' &&
    env.KEA_DATABASE_URL &&
    env.KEA_SUBNET_ID !== undefined &&
    env.KEA_RESERVED_RANGE
  ) {
    settings.kea = {
      databaseUrl: env.KEA_DATABASE_URL,
      poolSize: env.KEA_DATABASE_POOL_SIZE,
      subnetId: env.KEA_SUBNET_ID,
      reservedRange: env.KEA_RESERVED_RANGE,
      bootOptionCodes: env.KEA_BOOT_OPTION_CODES,
      timeoutMs: env.KEA_TIMEOUT_MS,
    };
  }
  if (env.NETWORK_DRIVER === 'landb' && env.LANDB_WSDL_URL && env.LANDB_USER && env.LANDB_PASSWORD) {
    settings.landb = {
      wsdlUrl: env.LANDB_WSDL_URL,
      endpointUrl: env.LANDB_ENDPOINT_URL,
      user: env.LANDB_USER,
      password: env.LANDB_PASSWORD,
      authType: env.LANDB_AUTH_TYPE,
      timeoutMs: env.LANDB_TIMEOUT_MS,
      tokenTtlMs: env.LANDB_TOKEN_TTL_MS,
      cardType: env.LANDB_CARD_TYPE,
    };
  }
  return settings;
}
