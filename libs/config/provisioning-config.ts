import { z } from 'zod';

/**
 * Settings of the IP-phone provisioning server (`apps/provisioning`). Kept apart from
 * app-config.ts, which spreads {@link provisioningEnvShape} into its schema.
 */
export interface ProvisioningServerConfig {
  host: string;
  port: number;
  /**
   * Whether a phone must fetch from the address its DHCP reservation gave it. On by default outside
   * sandbox mode; off when phones reach the server through NAT or a proxy that hides their address.
   */
  checkSourceAddress: boolean;
  /** Where the phones' uploads (`<mac>-phone.cfg`, `<mac>-web.cfg`, logs) are kept. */
  uploadDir: string;
  /** Largest upload accepted; larger ones get 413. */
  uploadMaxBytes: number;
  /** One folder per model family with that family's file templates. */
  templatesDir?: string;
  /** PEM files: with both, the server speaks HTTPS only (phones then get an `https://` boot URL). */
  tls?: { certFile: string; keyFile: string };
  /**
   * Per-device HTTP digest (docs/provisioning.md): null when off. On by default outside sandbox
   * mode; `graceMs` is how long a phone that was given its credentials may still come without them.
   */
  digest: { graceMs: number } | null;
}

const port = z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every variable of the provisioning server, each with a default. */
export const provisioningEnvShape = {
  PROVISIONING_HOST: z.string().min(1).default('127.0.0.1'),
  PROVISIONING_PORT: port.default(3001),
  PROVISIONING_CHECK_SOURCE: bool.optional(),
  PROVISIONING_UPLOAD_DIR: z.string().min(1).default('.data/provisioning-uploads'),
  PROVISIONING_UPLOAD_MAX_BYTES: z.coerce
    .number({ error: 'expected a number of bytes' })
    .int()
    .min(1024, 'expected at least 1024 bytes')
    .max(64 * 1024 * 1024, 'expected at most 64 MiB (67108864)')
    .default(2 * 1024 * 1024),
  PROVISIONING_TEMPLATES_DIR: z.string().min(1).optional(),
  PROVISIONING_TLS_CERT_FILE: z.string().min(1).optional(),
  PROVISIONING_TLS_KEY_FILE: z.string().min(1).optional(),
  PROVISIONING_DIGEST: bool.optional(),
  PROVISIONING_DIGEST_GRACE_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int()
    .min(0, 'expected 0 or more seconds')
    .max(30 * 24 * 3600, 'expected at most 30 days (2592000)')
    .default(3600),
};

type ProvisioningEnv = z.output<z.ZodObject<typeof provisioningEnvShape>> & { SWITCHBOARD_SANDBOX: boolean };

/** A certificate without its key (or the reverse) is a mistake worth stopping for. */
export function provisioningProblems(env: ProvisioningEnv): string[] {
  if ((env.PROVISIONING_TLS_CERT_FILE === undefined) === (env.PROVISIONING_TLS_KEY_FILE === undefined))
    return [];
  return ['PROVISIONING_TLS_CERT_FILE and PROVISIONING_TLS_KEY_FILE: give both (HTTPS) or neither (HTTP)'];
}

export function provisioningServerSettings(env: ProvisioningEnv): ProvisioningServerConfig {
  const { PROVISIONING_TLS_CERT_FILE: certFile, PROVISIONING_TLS_KEY_FILE: keyFile } = env;
  return {
    host: env.PROVISIONING_HOST,
    port: env.PROVISIONING_PORT,
    // Sandbox phones are simulated (or curl on a laptop): no reservation address to match.
    checkSourceAddress: env.PROVISIONING_CHECK_SOURCE ?? !env.SWITCHBOARD_SANDBOX,
    uploadDir: env.PROVISIONING_UPLOAD_DIR,
    uploadMaxBytes: env.PROVISIONING_UPLOAD_MAX_BYTES,
    templatesDir: env.PROVISIONING_TEMPLATES_DIR,
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    // Like the source check: a laptop's curl in sandbox mode knows no digest password.
    digest:
      (env.PROVISIONING_DIGEST ?? !env.SWITCHBOARD_SANDBOX)
        ? { graceMs: env.PROVISIONING_DIGEST_GRACE_SECONDS * 1000 }
        : null,
  };
}
