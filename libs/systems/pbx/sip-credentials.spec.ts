import { randomBytes } from 'node:crypto';
import { generateSipPassword, sealSecret, unsealSecret } from './sip-credentials';

describe('SIP credentials', () => {
  const key = randomBytes(32);

  it('generates long passwords without look-alike characters, never twice the same', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generateSipPassword()));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
  });

  it('seals and unseals, with a fresh IV each time', () => {
    const a = sealSecret(key, 's3cret');
    const b = sealSecret(key, 's3cret');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('s3cret');
    expect(unsealSecret(key, a)).toBe('s3cret');
  });

  it('refuses a wrong key or a tampered ciphertext', () => {
    const sealed = sealSecret(key, 's3cret');
    expect(() => unsealSecret(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => unsealSecret(key, parts.join(':'))).toThrow();
  });
});
