import { z } from 'zod';

/**
 * How people sign in and what their roles are: the OpenID Provider, the portal's session, and where
 * the service-desk and unit-admin roles come from. Kept apart from app-config.ts, which spreads
 * {@link signInEnvShape} into its schema. docs/configuration.md and docs/security.md describe them.
 */
export interface OidcConfig {
  issuer: string;
  /** Bearer tokens must name this audience (default: the client id). */
  audience: string;
  jwksUrl?: string;
  /** The claim holding the directory login. */
  loginClaim: string;
  /** The portal's own sign-in (authorization code + PKCE): present when OIDC_CLIENT_ID is set. */
  client?: { id: string; secret?: string; scopes: string };
}

export interface RolesConfig {
  /** `directory`: the person's e-groups, read from the directory on every request; `claim`: a token claim. */
  source: 'directory' | 'claim';
  /** The claim with the person's groups when `source` is `claim`. */
  groupsClaim: string;
  serviceDeskGroup: string;
  unitAdminGroupPrefix: string;
}

export interface SessionConfig {
  /** The session cookie's `Secure` flag: on except for plain-HTTP tests on a loopback address. */
  cookieSecure: boolean;
  /** A session nobody used for this long ends. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in, used or not. */
  maxAgeMs: number;
}

const url = z.url({ error: 'expected a URL' });
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const positiveInt = z.coerce.number({ error: 'expected a whole number' }).int().positive();

export const signInEnvShape = {
  OIDC_ISSUER: url.optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: url.optional(),
  OIDC_LOGIN_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, 'expected space-separated scopes including openid')
    .default('openid profile'),
  ROLES_SOURCE: z.enum(['directory', 'claim']).default('directory'),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  SERVICE_DESK_GROUP: z.string().min(1).default('phone-service-desk'),
  UNIT_ADMIN_GROUP_PREFIX: z.string().min(1).default('phone-admins-'),
  SESSION_COOKIE_SECURE: bool.default(true),
  SESSION_IDLE_TIMEOUT_MINUTES: positiveInt.default(60),
  SESSION_MAX_AGE_HOURS: positiveInt.default(12),
};

type SignInEnv = z.output<z.ZodObject<typeof signInEnvShape>> & { SWITCHBOARD_SANDBOX: boolean };

export function signInProblems(env: SignInEnv): string[] {
  const problems: string[] = [];
  if (!env.SWITCHBOARD_SANDBOX && (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID)) {
    problems.push(
      "OIDC_ISSUER and OIDC_CLIENT_ID: required outside sandbox mode (people sign in with the organisation's identity provider)",
    );
  }
  if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID && !env.OIDC_AUDIENCE) {
    problems.push('OIDC_AUDIENCE: required with OIDC_ISSUER when OIDC_CLIENT_ID is unset');
  }
  if (env.ROLES_SOURCE === 'claim' && !env.OIDC_ISSUER) {
    problems.push('ROLES_SOURCE=claim: roles from a token claim need OIDC_ISSUER (sign-in by the provider)');
  }
  return problems;
}

export function signInSettings(env: SignInEnv): {
  oidc?: OidcConfig;
  roles: RolesConfig;
  session: SessionConfig;
} {
  const audience = env.OIDC_AUDIENCE ?? env.OIDC_CLIENT_ID;
  return {
    oidc:
      env.OIDC_ISSUER && audience
        ? {
            issuer: env.OIDC_ISSUER,
            audience,
            jwksUrl: env.OIDC_JWKS_URL,
            loginClaim: env.OIDC_LOGIN_CLAIM,
            client: env.OIDC_CLIENT_ID
              ? { id: env.OIDC_CLIENT_ID, secret: env.OIDC_CLIENT_SECRET, scopes: env.OIDC_SCOPES }
              : undefined,
          }
        : undefined,
    roles: {
      source: env.ROLES_SOURCE,
      groupsClaim: env.OIDC_GROUPS_CLAIM,
      serviceDeskGroup: env.SERVICE_DESK_GROUP,
      unitAdminGroupPrefix: env.UNIT_ADMIN_GROUP_PREFIX,
    },
    session: {
      cookieSecure: env.SESSION_COOKIE_SECURE,
      idleTimeoutMs: env.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      maxAgeMs: env.SESSION_MAX_AGE_HOURS * 3_600_000,
    },
  };
}
