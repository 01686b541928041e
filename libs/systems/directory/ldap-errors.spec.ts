import { classifyLdapError, isLdapConnectionFailure } from './ldap-errors';

const resultCode = (code: number) => Object.assign(new Error(`result ${code}`), { code });

describe('LDAP error classification', () => {
  it.each([
    'Connection closed before message response was received. Message type: SearchRequest (0x63)',
    'Socket error. Message type: ModifyRequest (0x66)\nread ECONNRESET',
    'Socket connection not established',
    'Connection timeout',
    'SearchRequest: Operation timed out',
  ])('treats %j as a broken connection, transient', (message) => {
    expect(isLdapConnectionFailure(new Error(message))).toBe(true);
    expect(classifyLdapError('findPerson', new Error(message)).transient).toBe(true);
  });

  it('treats a refused connection as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:389'), { code: 'ECONNREFUSED' });
    expect(isLdapConnectionFailure(refused)).toBe(true);
    expect(classifyLdapError('bind', refused)).toMatchObject({ transient: true, system: 'directory' });
  });

  it.each([51, 52, 3, 1, 80, 49, 50])('retries result code %i', (code) => {
    expect(classifyLdapError('op', resultCode(code)).transient).toBe(true);
  });

  it.each([19, 21, 32, 34, 53, 64, 65, 68])('gives up at once on result code %i', (code) => {
    const error = classifyLdapError('publishPersonalNumber', resultCode(code));
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/^LDAP publishPersonalNumber failed: result/);
  });

  it('treats an unknown error as transient, so that a person looks at it', () => {
    expect(classifyLdapError('op', new TypeError('boom')).transient).toBe(true);
    expect(isLdapConnectionFailure('not an error')).toBe(false);
  });
});
