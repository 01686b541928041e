import { decideAccess, normaliseAddress, secretSelector, secretsMatch, SECRET_PATTERN } from './device-auth';
import { newProvisioningSecret } from './database-provisioning.driver';

describe('provisioning device authentication', () => {
  const device = { mac: '0004f2a1b2c3', ipAddress: '10.99.0.10' };

  it('allows the phone its own files from its reserved address', () => {
    expect(
      decideAccess({ device, fileMac: '0004f2a1b2c3', sourceAddress: '10.99.0.10', checkSource: true }),
    ).toEqual({
      allow: true,
    });
    expect(
      decideAccess({ device, fileMac: null, sourceAddress: '::ffff:10.99.0.10', checkSource: true }),
    ).toEqual({
      allow: true,
    });
  });

  it('answers 404 for an unknown secret and for another phone’s file', () => {
    expect(
      decideAccess({ device: null, fileMac: null, sourceAddress: '10.99.0.10', checkSource: false }),
    ).toMatchObject({
      allow: false,
      status: 404,
    });
    expect(
      decideAccess({ device, fileMac: '0004f2000001', sourceAddress: '10.99.0.10', checkSource: false }),
    ).toMatchObject({
      allow: false,
      status: 404,
      reason: 'the secret of 0004f2a1b2c3 asked for a file of 0004f2000001',
    });
  });

  it('answers 403 for the right secret from another address, or with no reservation address to check', () => {
    expect(
      decideAccess({ device, fileMac: null, sourceAddress: '10.99.0.11', checkSource: true }),
    ).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(
      decideAccess({
        device: { ...device, ipAddress: null },
        fileMac: null,
        sourceAddress: '10.99.0.10',
        checkSource: true,
      }),
    ).toMatchObject({ allow: false, status: 403 });
    expect(
      decideAccess({ device, fileMac: null, sourceAddress: undefined, checkSource: true }),
    ).toMatchObject({
      status: 403,
    });
  });

  it('ignores the source address when the check is off (sandbox, NAT)', () => {
    expect(decideAccess({ device, fileMac: null, sourceAddress: '192.0.2.1', checkSource: false })).toEqual({
      allow: true,
    });
  });

  it('compares whole secrets, of any length, and looks up by a short selector only', () => {
    const secret = newProvisioningSecret();
    expect(secret).toMatch(SECRET_PATTERN);
    expect(secretsMatch(secret, secret)).toBe(true);
    expect(secretsMatch(secret, `${secret.slice(0, 42)}x`)).toBe(secret.endsWith('x'));
    expect(secretsMatch(secret, secret.slice(0, 11))).toBe(false);
    expect(secretsMatch(secret, '')).toBe(false);
    expect(secretSelector(secret)).toBe(secret.slice(0, 11));
  });

  it('reads IPv4-mapped IPv6 peers as IPv4', () => {
    expect(normaliseAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseAddress(undefined)).toBeUndefined();
  });
});
