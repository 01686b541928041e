import { ConfigError, loadConfig } from './app-config';

describe('provisioning server configuration', () => {
  it('has defaults, with the source address check and digest off in sandbox mode and on outside it', () => {
    expect(loadConfig({}).provisioning).toEqual({
      host: '127.0.0.1',
      port: 3001,
      checkSourceAddress: false,
      uploadDir: '.data/provisioning-uploads',
      uploadMaxBytes: 2 * 1024 * 1024,
      templatesDir: undefined,
      digest: null,
    });
    const production = loadConfig({
      SWITCHBOARD_SANDBOX: 'false',
      OIDC_ISSUER: 'https://id.example.org',
      OIDC_CLIENT_ID: 'switchboard',
      SIP_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(production.provisioning.checkSourceAddress).toBe(true);
    expect(production.provisioning.digest).toEqual({ graceMs: 3_600_000 });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PROVISIONING_HOST: '0.0.0.0',
        PROVISIONING_PORT: '8080',
        PROVISIONING_CHECK_SOURCE: 'true',
        PROVISIONING_UPLOAD_DIR: '/var/lib/switchboard/uploads',
        PROVISIONING_UPLOAD_MAX_BYTES: '65536',
        PROVISIONING_TEMPLATES_DIR: '/etc/switchboard/templates',
        PROVISIONING_TLS_CERT_FILE: '/etc/switchboard/prov.crt',
        PROVISIONING_TLS_KEY_FILE: '/etc/switchboard/prov.key',
        PROVISIONING_DIGEST: 'true',
        PROVISIONING_DIGEST_GRACE_SECONDS: '0',
      }).provisioning,
    ).toEqual({
      host: '0.0.0.0',
      port: 8080,
      checkSourceAddress: true,
      uploadDir: '/var/lib/switchboard/uploads',
      uploadMaxBytes: 65536,
      templatesDir: '/etc/switchboard/templates',
      tls: { certFile: '/etc/switchboard/prov.crt', keyFile: '/etc/switchboard/prov.key' },
      digest: { graceMs: 0 },
    });
  });

  it('refuses a TLS certificate without its key', () => {
    expect(() => loadConfig({ PROVISIONING_TLS_CERT_FILE: '/etc/switchboard/prov.crt' })).toThrow(
      'PROVISIONING_TLS_CERT_FILE and PROVISIONING_TLS_KEY_FILE: give both (HTTPS) or neither (HTTP)',
    );
  });

  it('names each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PROVISIONING_PORT: 'x',
        PROVISIONING_CHECK_SOURCE: 'maybe',
        PROVISIONING_UPLOAD_MAX_BYTES: '10',
        PROVISIONING_DIGEST_GRACE_SECONDS: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PROVISIONING_PORT: expected a port number (got "x")');
    expect(problems).toContain('PROVISIONING_CHECK_SOURCE: expected true or false (got "maybe")');
    expect(problems).toContain('PROVISIONING_UPLOAD_MAX_BYTES: expected at least 1024 bytes (got "10")');
    expect(problems).toContain('PROVISIONING_DIGEST_GRACE_SECONDS: expected 0 or more seconds (got "-1")');
  });
});
