import { DomainError, DomainErrorCode } from './domain-error';
import { formatMacAddress, isMacAddress, parseMacAddress } from './mac-address';

function refusal(input: string): DomainError {
  try {
    parseMacAddress(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('parseMacAddress', () => {
  it.each([
    ['00:04:F2:A1:B2:C3', 'colons, upper case'],
    ['00:04:f2:a1:b2:c3', 'colons, lower case'],
    ['00-04-f2-a1-b2-c3', 'dashes'],
    ['00-04-F2-a1-B2-c3', 'dashes, mixed case'],
    ['0004.f2a1.b2c3', 'Cisco dotted'],
    ['0004.F2A1.B2C3', 'Cisco dotted, upper case'],
    ['0004f2a1b2c3', 'bare'],
    ['0004F2A1B2C3', 'bare, upper case'],
    ['  00:04:f2:a1:b2:c3\t\n', 'surrounded by whitespace'],
  ])('reads %p (%s) as 0004f2a1b2c3', (input) => {
    expect(parseMacAddress(input)).toBe('0004f2a1b2c3');
  });

  it.each([
    ['00:04-f2:a1:b2:c3', /mixes separators \(":" and "-"\)/],
    ['0004.f2a1-b2c3', /mixes separators/],
    ['00:04:f2:a1:b2', /has 10 hex digits; a MAC address has 12/],
    ['0004f2a1b2c3d4', /has 14 hex digits/],
    ['00:04:f2:a1:b2:cg', /contains "g", which is not a hex digit/],
    ['00 04 f2 a1 b2 c3', /contains " ", which is not a hex digit/],
    ['000:4f2:a1b:2c3', /groups its digits in a way that is not a MAC address/],
    ['00:04:f2:a1:b2:c3:', /groups its digits/],
    ['', /is empty/],
    ['   ', /is empty/],
  ])('refuses %p and says what is wrong', (input, problem) => {
    const error = refusal(input);
    expect(error.code).toBe(DomainErrorCode.INVALID_MAC);
    expect(error.message).toMatch(problem);
  });

  it.each([
    ['00:00:00:00:00:00', /placeholder/],
    ['0000.0000.0000', /placeholder/],
    ['FF:FF:FF:FF:FF:FF', /broadcast/],
    ['01:00:5e:00:00:fb', /01:00:5e:00:00:fb is a multicast address/],
    ['33-33-00-00-00-01', /multicast/],
    ['0304f2a1b2c3', /multicast/],
  ])('refuses %p, which no single phone can have', (input, problem) => {
    const error = refusal(input);
    expect(error.code).toBe(DomainErrorCode.INVALID_MAC);
    expect(error.message).toMatch(problem);
  });

  it('accepts a locally administered unicast address (second digit 2, 6, a or e)', () => {
    expect(parseMacAddress('02:00:00:00:00:01')).toBe('020000000001');
  });

  it('shows an accepted example in every refusal', () => {
    for (const input of ['', 'nonsense', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01']) {
      expect(refusal(input).message).toContain('e.g. 00:04:F2:A1:B2:C3');
    }
  });

  it('refuses input longer than 64 characters without echoing it', () => {
    const input = `00:04:f2:a1:b2:c3${'x'.repeat(60)}`;
    const error = refusal(input);
    expect(error.message).toMatch(/77 characters long/);
    expect(error.message).not.toContain('xxxxxxxxxx');
  });

  it('escapes control characters when it echoes the input', () => {
    expect(refusal('00:04:f2\u0000a1:b2:c3').message).toContain('"\\u0000"');
  });
});

describe('isMacAddress', () => {
  it('says whether parseMacAddress would accept the input', () => {
    expect(isMacAddress('0004.f2a1.b2c3')).toBe(true);
    expect(isMacAddress('00:04-f2:a1:b2:c3')).toBe(false);
    expect(isMacAddress('ffffffffffff')).toBe(false);
  });
});

describe('formatMacAddress', () => {
  it.each([
    ['colon', '00:04:f2:a1:b2:c3'],
    ['dash', '00-04-f2-a1-b2-c3'],
    ['bare', '0004f2a1b2c3'],
  ] as const)('writes a canonical address in %s style', (style, expected) => {
    expect(formatMacAddress('0004f2a1b2c3', style)).toBe(expected);
  });

  it('round-trips through parseMacAddress in every style', () => {
    for (const style of ['colon', 'dash', 'bare'] as const) {
      expect(parseMacAddress(formatMacAddress('0004f2a1b2c3', style))).toBe('0004f2a1b2c3');
    }
  });

  it('refuses an address that is not canonical, since that is a caller bug', () => {
    expect(() => formatMacAddress('00:04:f2:a1:b2:c3', 'dash')).toThrow(RangeError);
    expect(() => formatMacAddress('0004F2A1B2C3', 'colon')).toThrow(RangeError);
  });
});
