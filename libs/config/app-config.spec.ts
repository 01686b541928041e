import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.database).toEqual({ type: 'sqlite', path: '.data/switchboard.sqlite' });
    expect(config.pools.personal).toEqual({ first: 70000, last: 79999 });
    expect(config.pools.shared).toEqual({ first: 65000, last: 65999 });
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.workflow.retries.pbx.maximumAttempts).toBe(5);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/switchboard' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@db/switchboard',
      poolSize: 10,
    });
  });

  it('names every bad variable and the value it got', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'eighty', PERSONAL_NUMBER_POOL: '7-8', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/API_PORT: .*\(got "eighty"\)/);
    expect(message).toMatch(/PERSONAL_NUMBER_POOL: .*5-digit/);
    expect(message).toMatch(/DATABASE_URL: expected a postgres:\/\/ URL/);
  });

  it('boots simulated phones after 3 s in sandbox mode only; 0 turns it off', () => {
    expect(loadConfig({}).sandboxPhoneAutoBootMs).toBe(3000);
    expect(loadConfig({ SANDBOX_PHONE_AUTOBOOT_MS: '0' }).sandboxPhoneAutoBootMs).toBe(0);
    expect(() => loadConfig({ SANDBOX_PHONE_AUTOBOOT_MS: '-1' })).toThrow(/SANDBOX_PHONE_AUTOBOOT_MS/);
    const production = {
      SWITCHBOARD_SANDBOX: 'false',
      SIP_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
      OIDC_ISSUER: 'https://auth.example.org/realms/org',
      OIDC_CLIENT_ID: 'switchboard',
      SANDBOX_PHONE_AUTOBOOT_MS: '500',
    };
    expect(loadConfig(production).sandboxPhoneAutoBootMs).toBe(0);
  });

  it('refuses overlapping pools', () => {
    expect(() => loadConfig({ PERSONAL_NUMBER_POOL: '65000-70000' })).toThrow(/overlap/);
  });

  it('requires a SIP secret key outside sandbox mode', () => {
    expect(() => loadConfig({ SWITCHBOARD_SANDBOX: 'false' })).toThrow(/SIP_SECRET_KEY: required/);
    const key = Buffer.alloc(32, 1).toString('base64');
    const oidc = { OIDC_ISSUER: 'https://auth.example.org/realms/org', OIDC_CLIENT_ID: 'switchboard' };
    expect(
      loadConfig({ SWITCHBOARD_SANDBOX: 'false', SIP_SECRET_KEY: key, ...oidc }).sip.secretKey,
    ).toHaveLength(32);
    expect(() => loadConfig({ SIP_SECRET_KEY: 'c2hvcnQ=' })).toThrow(
      /SIP_SECRET_KEY: expected 32 random bytes/,
    );
  });

  it('requires an identity provider outside sandbox mode', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(() => loadConfig({ SWITCHBOARD_SANDBOX: 'false', SIP_SECRET_KEY: key })).toThrow(
      /OIDC_ISSUER and OIDC_CLIENT_ID: required/,
    );
    // A bearer-token audience alone does not let anyone sign in to the portal.
    expect(() =>
      loadConfig({
        SWITCHBOARD_SANDBOX: 'false',
        SIP_SECRET_KEY: key,
        OIDC_ISSUER: 'https://idp/',
        OIDC_AUDIENCE: 'sb',
      }),
    ).toThrow(/OIDC_ISSUER and OIDC_CLIENT_ID: required/);
    expect(
      loadConfig({
        SWITCHBOARD_SANDBOX: 'false',
        SIP_SECRET_KEY: key,
        OIDC_ISSUER: 'https://idp/',
        OIDC_CLIENT_ID: 'sb',
        OIDC_CLIENT_SECRET: 'shh',
      }).oidc,
    ).toEqual({
      issuer: 'https://idp/',
      audience: 'sb',
      jwksUrl: undefined,
      loginClaim: 'preferred_username',
      client: { id: 'sb', secret: 'shh', scopes: 'openid profile' },
    });
  });

  it('reads the session and role settings, with secure cookies and directory roles by default', () => {
    expect(loadConfig({}).session).toEqual({
      cookieSecure: true,
      idleTimeoutMs: 60 * 60_000,
      maxAgeMs: 12 * 3_600_000,
    });
    expect(loadConfig({}).roles.source).toBe('directory');
    const custom = loadConfig({
      OIDC_ISSUER: 'https://idp/',
      OIDC_CLIENT_ID: 'sb',
      ROLES_SOURCE: 'claim',
      OIDC_GROUPS_CLAIM: 'roles',
      SESSION_COOKIE_SECURE: 'false',
      SESSION_IDLE_TIMEOUT_MINUTES: '15',
      SESSION_MAX_AGE_HOURS: '8',
    });
    expect(custom.roles).toMatchObject({ source: 'claim', groupsClaim: 'roles' });
    expect(custom.session).toEqual({
      cookieSecure: false,
      idleTimeoutMs: 15 * 60_000,
      maxAgeMs: 8 * 3_600_000,
    });
    expect(() => loadConfig({ ROLES_SOURCE: 'claim' })).toThrow(/ROLES_SOURCE=claim/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp/', OIDC_SCOPES: 'profile' })).toThrow(/OIDC_SCOPES/);
  });

  it('reads lifecycle policy and timers', () => {
    const config = loadConfig({ SHARED_OWNER_REMINDER_DAYS: '30,5', APPROVAL_TIMEOUT_MS: '1000' });
    expect(config.lifecycle.sharedOwnerReminderDays).toEqual([30, 5]);
    expect(config.timers.approvalTimeoutMs).toBe(1000);
    expect(() => loadConfig({ SHARED_OWNER_REMINDER_DAYS: '30;5' })).toThrow(
      /SHARED_OWNER_REMINDER_DAYS: expected days/,
    );
  });

  it('reads the lifecycle sweep schedule and its waits', () => {
    expect(loadConfig({}).lifecycle).toMatchObject({
      sweepCron: '30 2 * * *',
      checkIntervalMs: 86_400_000,
      lockRetryMs: 3_600_000,
    });
    expect(loadConfig({ LIFECYCLE_SWEEP_CRON: '0 3 * * 1-5' }).lifecycle.sweepCron).toBe('0 3 * * 1-5');
    expect(() => loadConfig({ LIFECYCLE_SWEEP_CRON: 'nightly' })).toThrow(/LIFECYCLE_SWEEP_CRON: expected/);
  });

  it('takes per-system retry limits and eligibility lists', () => {
    const config = loadConfig({
      RETRY_MAX_ATTEMPTS: '3',
      RETRY_MAX_ATTEMPTS_PBX: '9',
      UNAUTHORISED_PERSONNEL_CLASSES: 'stag, extn',
      AUTHORISED_SUB_CODES: 'EXTN:RETC|VIST',
    });
    expect(config.workflow.retries.pbx.maximumAttempts).toBe(9);
    expect(config.workflow.retries.directory.maximumAttempts).toBe(3);
    expect(config.eligibility).toEqual({
      unauthorisedClasses: ['STAG', 'EXTN'],
      authorisedSubCodes: { EXTN: ['RETC', 'VIST'] },
    });
  });
});
