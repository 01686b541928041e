import fc from 'fast-check';
import { DomainError, DomainErrorCode } from '../../libs/domain/domain-error';
import { formatMacAddress, parseMacAddress } from '../../libs/domain/mac-address';
import { parseD60Handsets } from '../../libs/domain/phone-registration';
import { cleanText, parseExtension, TEXT_LIMITS, TextField } from '../../libs/domain/text-input';
import { reliabilityScale } from './support/reliability-scale';
import { reliabilitySeed } from './support/seeded-random';
import { report } from './support/report';

const runs = reliabilityScale.fuzzDomainRuns;
const seed = reliabilitySeed();

/** Either a value, or a DomainError with one of the codes and a message that says what to do. */
function outcome<T>(parse: () => T, codes: DomainErrorCode[]): { value?: T; code?: string } {
  try {
    return { value: parse() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (!codes.includes(error.code) || error.message.length < 20) throw error;
    return { code: error.code };
  }
}

/** Text people type, and text attackers type: any unicode, LDAP filter and injection characters, huge input. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...'*()\\\u0000/,=+<>#;"\' \t\n-._:'.split('')), maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((s) => `${s}*)(uid=*))(|(uid=*`),
  fc.integer({ min: 100, max: 100_000 }).map((n) => 'é'.repeat(n)),
  fc.constantFrom('', ' ', '\u200b', '\u202e', '\ud800', 'Ⅻ', '😀', 'e\u0301', '\u0000'),
);

const unicastMac = fc
  .uint8Array({ minLength: 6, maxLength: 6 })
  .map((bytes) => {
    bytes[0] &= 0xfe; // clear the group bit
    return Buffer.from(bytes).toString('hex');
  })
  .filter((mac) => mac !== '000000000000');

/**
 * Fuzzing the pure parsers that stand between what a person types and the systems: for any input
 * they return a clean value or refuse with a domain error that explains itself; never anything else.
 */
describe(`reliability: fuzzing the domain parsers (fast-check, ${runs} cases each)`, () => {
  beforeAll(() =>
    report(`domain fuzz: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${runs} cases per property`),
  );

  const params = { numRuns: runs, seed };

  it('parseMacAddress: any text is a canonical unicast MAC or INVALID_MAC', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.stringMatching(/^[0-9a-fA-F:.\- ]{0,20}$/)), (input) => {
        const { value } = outcome(() => parseMacAddress(input), [DomainErrorCode.INVALID_MAC]);
        if (value === undefined) return;
        expect(value).toMatch(/^[0-9a-f]{12}$/);
        expect(parseInt(value.slice(0, 2), 16) & 1).toBe(0);
        expect(['000000000000', 'ffffffffffff']).not.toContain(value);
        expect(parseMacAddress(formatMacAddress(value, 'colon'))).toBe(value);
      }),
      params,
    );
  });

  it('parseMacAddress: every spelling of a unicast MAC reads as the same canonical address', () => {
    fc.assert(
      fc.property(
        unicastMac,
        fc.constantFrom('bare', 'colon', 'dash', 'dotted'),
        fc.boolean(),
        fc.constantFrom('', ' ', '  '),
        (mac, style, upper, pad) => {
          const spelled = style === 'dotted' ? mac.match(/..../g)!.join('.') : formatMacAddress(mac, style);
          expect(parseMacAddress(`${pad}${upper ? spelled.toUpperCase() : spelled}${pad}`)).toBe(mac);
        },
      ),
      params,
    );
  });

  it('cleanText: any text in any field is clean and within limits, or INVALID_INPUT / DESCRIPTION_REQUIRED', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...Object.values(TextField)), (input, field) => {
        const { value } = outcome(
          () => cleanText(input, field),
          [DomainErrorCode.INVALID_INPUT, DomainErrorCode.DESCRIPTION_REQUIRED],
        );
        if (value === undefined) return;
        expect([...value].length).toBeLessThanOrEqual(TEXT_LIMITS[field]);
        expect(value).toBe(value.trim());
        expect(value).not.toMatch(/\s\s|[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u);
        // Logins and e-groups end up inside LDAP filters and DNs: none of their special characters.
        if (field === TextField.LOGIN || field === TextField.EGROUP)
          expect(value).not.toMatch(/[*()\\\0/,=+<>#;"' ]/);
        // Cleaning is stable: what was stored cleans to itself.
        expect(cleanText(value, field)).toBe(value);
      }),
      params,
    );
  });

  it('parseExtension and parseD60Handsets: five digits, or INVALID_INPUT', () => {
    const numberLike = fc.oneof(hostileText, fc.stringMatching(/^ ?\d{0,7} ?$/));
    fc.assert(
      fc.property(numberLike, fc.array(numberLike, { maxLength: 7 }), (input, handsets) => {
        const { value } = outcome(() => parseExtension(input), [DomainErrorCode.INVALID_INPUT]);
        if (value !== undefined) expect(value).toMatch(/^\d{5}$/);
        const slots = outcome(() => parseD60Handsets(handsets), [DomainErrorCode.INVALID_INPUT]).value;
        if (slots === undefined) return;
        expect(slots.length).toBeGreaterThanOrEqual(1);
        expect(slots.length).toBeLessThanOrEqual(5);
        expect(new Set(slots.map((s) => s.number)).size).toBe(slots.length);
        slots.forEach((s, i) => expect(s).toEqual({ slot: i + 1, number: expect.stringMatching(/^\d{5}$/) }));
      }),
      params,
    );
  });
});
