import { DomainError, DomainErrorCode } from './domain-error';
import { cleanText, parseExtension, TEXT_LIMITS, TextField } from './text-input';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('cleanText', () => {
  it.each([
    ['DESCRIPTION', '  Salle de réunion  ', 'Salle de réunion'],
    ['DESCRIPTION', 'Help\tline\n\n  (ext. 65001)', 'Help line (ext. 65001)'],
    ['DESCRIPTION', 'Labo\u00a0Kraków – équipe Ørsted', 'Labo Kraków – équipe Ørsted'],
    [
      'DESCRIPTION',
      'Réception 24/7: +41 22 767 0000 & "Accueil"',
      'Réception 24/7: +41 22 767 0000 & "Accueil"',
    ],
    ['DESCRIPTION', 'Se\u0301minaire', 'Séminaire'], // decomposed accent becomes one character
    ['OFFICE', ' 513/R-024 ', '513/R-024'],
    ['REASON', 'Retried after LanDB\r\noutage', 'Retried after LanDB outage'],
    ['LOGIN', ' JDoe ', 'jdoe'],
    ['LOGIN', 'j.doe-2_x', 'j.doe-2_x'],
    ['EGROUP', 'Phone-Mngr-65001', 'phone-mngr-65001'],
    ['EGROUP', '3d-lab', '3d-lab'],
  ] as const)('cleans %s %p to %p', (field, input, expected) => {
    expect(cleanText(input, field)).toBe(expected);
  });

  it.each([
    ['DESCRIPTION', 'Lab\u0000A', /^Description: contains a control character \(U\+0000\)/],
    ['OFFICE', '513\u001b[31m', /^Office: contains a control character \(U\+001B\)/],
    ['DESCRIPTION', 'Lab\u000bA', /control character \(U\+000B\)/],
    [
      'DESCRIPTION',
      'Help line \u{1F4DE}',
      /^Description: contains "\u{1F4DE}" \(U\+1F4DE\), which is not allowed; use letters, digits, spaces and punctuation$/u,
    ],
    ['DESCRIPTION', 'Price <b>', /contains "<" \(U\+003C\)/],
    ['DESCRIPTION', 'abc\u202Eevil', /contains U\+202E, which is not allowed/], // bidi override
    ['DESCRIPTION', 'zero\u200Bwidth', /contains U\+200B/],
    ['DESCRIPTION', 'lone \uD800 surrogate', /contains U\+D800/],
    ['LOGIN', '1jdoe', /^Login: "1jdoe" is not valid: start with a letter/],
    ['LOGIN', 'j doe', /^Login: "j doe" is not valid/],
    ['LOGIN', 'jdoe@cern.ch', /^Login: "jdoe@cern.ch" is not valid/],
    ['EGROUP', '-managers', /^E-group name: "-managers" is not valid: start with a letter or digit/],
    ['OFFICE', '   ', /^Office: is required, e.g. "513\/R-024"$/],
    ['REASON', '', /^Reason: is required/],
  ] as const)('refuses %s %p with a message that names the field', (field, input, message) => {
    const error = refusal(() => cleanText(input, field));
    expect(error.code).toBe(DomainErrorCode.INVALID_INPUT);
    expect(error.message).toMatch(message);
  });

  it('asks for a description when it is empty', () => {
    const error = refusal(() => cleanText(' \t ', 'DESCRIPTION'));
    expect(error.code).toBe(DomainErrorCode.DESCRIPTION_REQUIRED);
    expect(error.message).toMatch(/^Description: a shared number needs a description, e.g./);
  });

  it.each(Object.values(TextField))('accepts %s up to its limit and refuses one character more', (field) => {
    const limit = TEXT_LIMITS[field];
    const atLimit = 'a'.repeat(limit);
    expect(cleanText(atLimit, field)).toBe(atLimit);
    expect(refusal(() => cleanText(`${atLimit}b`, field)).message).toMatch(
      new RegExp(`: ${limit + 1} characters is too long; the limit is ${limit}$`),
    );
  });

  it('has the limits of the rule book', () => {
    expect(TEXT_LIMITS).toEqual({ DESCRIPTION: 100, OFFICE: 32, REASON: 500, LOGIN: 64, EGROUP: 64 });
  });

  it('counts characters as a person sees them, after collapsing whitespace', () => {
    expect(cleanText('é'.repeat(100), 'DESCRIPTION')).toHaveLength(100);
    expect(cleanText('e\u0301'.repeat(100), 'DESCRIPTION')).toHaveLength(100);
    expect(cleanText(`${'a'.repeat(50)}${' '.repeat(40)}${'b'.repeat(49)}`, 'DESCRIPTION')).toHaveLength(100);
    expect(cleanText('\u{1D400}'.repeat(32), 'OFFICE')).toHaveLength(64); // 32 letters outside the BMP
  });

  it('refuses a huge input without echoing it', () => {
    const error = refusal(() => cleanText('x'.repeat(100_000), 'DESCRIPTION'));
    expect(error.message).toBe('Description: 100000 characters is too long; the limit is 100');
  });
});

describe('parseExtension', () => {
  it('accepts 5 digits, trimmed', () => {
    expect(parseExtension(' 65001 ')).toBe('65001');
    expect(parseExtension('01234')).toBe('01234');
  });

  it.each(['6500', '650011', '65 001', '+41227665001', 'abcde', '', '６５００１'])('refuses %p', (input) => {
    const error = refusal(() => parseExtension(input));
    expect(error.code).toBe(DomainErrorCode.INVALID_INPUT);
    expect(error.message).toMatch(/^Number: .* not an internal number; type its 5 digits, e.g. 65001$/);
  });

  it('does not echo long input', () => {
    expect(refusal(() => parseExtension('1'.repeat(200))).message).toBe(
      'Number: that is not an internal number; type its 5 digits, e.g. 65001',
    );
  });
});
