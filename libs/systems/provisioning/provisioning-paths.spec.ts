import { parseProvisioningPath, parseUploadName } from './provisioning-paths';

const SECRET = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

describe('provisioning request paths', () => {
  it('reads the secret and the file name of /p/<secret>/<file>, ignoring a query', () => {
    expect(SECRET).toHaveLength(43);
    expect(parseProvisioningPath(`/p/${SECRET}/000000000000.cfg`)).toEqual({
      secret: SECRET,
      fileName: '000000000000.cfg',
    });
    expect(parseProvisioningPath(`/p/${SECRET}/0004F2A1B2C3.cfg?x=1`)).toEqual({
      secret: SECRET,
      fileName: '0004F2A1B2C3.cfg',
    });
  });

  it.each([
    ['no secret', '/p//0004f2a1b2c3.cfg'],
    ['a short secret', '/p/abc/0004f2a1b2c3.cfg'],
    ['a secret with a dot', `/p/${SECRET.slice(0, 42)}./x.cfg`],
    ['traversal', `/p/${SECRET}/../etc/passwd`],
    ['an encoded slash', `/p/${SECRET}/..%2f..%2fetc%2fpasswd`],
    ['an encoded dot', `/p/${SECRET}/%2e%2e`],
    ['dot-dot inside a name', `/p/${SECRET}/a..cfg`],
    ['a hidden file', `/p/${SECRET}/.htaccess`],
    ['a sub-folder', `/p/${SECRET}/logs/x.log`],
    ['a backslash', `/p/${SECRET}/..\\x.cfg`],
    ['no file', `/p/${SECRET}/`],
    ['another prefix', `/x/${SECRET}/a.cfg`],
    ['a double slash', `//p/${SECRET}/a.cfg`],
    ['a long name', `/p/${SECRET}/${'a'.repeat(65)}`],
  ])('refuses %s', (_name, target) => {
    expect(parseProvisioningPath(target)).toBeNull();
  });

  it('knows the upload names, in canonical (lower-case) form', () => {
    expect(parseUploadName('0004F2A1B2C3-phone.cfg')).toEqual({
      mac: '0004f2a1b2c3',
      fileName: '0004f2a1b2c3-phone.cfg',
    });
    expect(parseUploadName('0004f2a1b2c3-web.cfg')).toEqual({
      mac: '0004f2a1b2c3',
      fileName: '0004f2a1b2c3-web.cfg',
    });
    expect(parseUploadName('0004f2a1b2c3-app.log')?.fileName).toBe('0004f2a1b2c3-app.log');
    expect(parseUploadName('0004f2a1b2c3.cfg')).toBeNull();
    expect(parseUploadName('0004f2a1b2c3-other.cfg')).toBeNull();
    expect(parseUploadName('805EC0A1B2C3-local.cfg')).toEqual({
      mac: '805ec0a1b2c3',
      fileName: '805ec0a1b2c3-local.cfg',
    });
    expect(parseUploadName('0004f2a1b2c-phone.cfg')).toBeNull();
    expect(parseUploadName('0004f2a1b2c3-a.b.log')).toBeNull();
  });
});
