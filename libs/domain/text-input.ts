import { DomainError, DomainErrorCode } from './domain-error';
import { isExtension } from './number-pool';

/** Every free-text field a person types into the portal. */
export const TextField = {
  DESCRIPTION: 'DESCRIPTION',
  OFFICE: 'OFFICE',
  REASON: 'REASON',
  LOGIN: 'LOGIN',
  EGROUP: 'EGROUP',
} as const;
export type TextField = (typeof TextField)[keyof typeof TextField];

/** Maximum length of each field, in characters (Unicode code points, after cleaning). */
export const TEXT_LIMITS: Readonly<Record<TextField, number>> = {
  DESCRIPTION: 100, // shown in the phonebook and on the phone's label
  OFFICE: 32, // building/floor-room, e.g. 513/R-024
  REASON: 500, // service-desk actions; kept in the audit record
  LOGIN: 64,
  EGROUP: 64,
};

interface FieldRule {
  label: string;
  example: string;
  /** Identifiers are compared in lower case by the directory, so they are stored that way. */
  identifier?: { pattern: RegExp; shape: string };
}

const FIELDS: Readonly<Record<TextField, FieldRule>> = {
  DESCRIPTION: { label: 'Description', example: 'Salle de réunion 40-S2-C01' },
  OFFICE: { label: 'Office', example: '513/R-024' },
  REASON: { label: 'Reason', example: 'Phone replaced after hardware fault, ticket RQF0123456' },
  LOGIN: {
    label: 'Login',
    example: 'jdoe',
    identifier: {
      pattern: /^[a-z][a-z0-9._-]*$/,
      shape: 'start with a letter, then use only a-z, 0-9, ".", "_" and "-"',
    },
  },
  EGROUP: {
    label: 'E-group name',
    example: 'phone-mngr-65001',
    identifier: {
      pattern: /^[a-z0-9][a-z0-9._-]{0,63}$/,
      shape: 'start with a letter or digit, then use only a-z, 0-9, ".", "_" and "-"',
    },
  },
};

// Tabs and line breaks are what people paste; they become spaces. Any other control character is
// refused rather than dropped, so nothing invisible reaches the phonebook or the audit record.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// Letters (with accents, any script), combining marks, decimal digits, punctuation, space, and "+"
// for international numbers. Symbols, emoji, format characters (zero-width, bidi overrides),
// private-use and unpaired surrogates are refused.
const ALLOWED_CHARACTER = /[\p{L}\p{M}\p{Nd}\p{P} +]/u;

function invalid(rule: FieldRule, problem: string): DomainError {
  return new DomainError(DomainErrorCode.INVALID_INPUT, `${rule.label}: ${problem}`);
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Cleans what a person typed into `field`: trims, turns any run of whitespace into one space, and
 * refuses control characters, characters outside letters/digits/punctuation/space, empty and
 * over-long values. Logins and e-group names are lower-cased and must match their shape.
 */
export function cleanText(input: string, field: TextField): string {
  const rule = FIELDS[field];
  const limit = TEXT_LIMITS[field];
  // Far too long to be a typo: refuse before normalising megabytes.
  if (input.length > limit * 4 + 64)
    throw invalid(rule, `${input.length} characters is too long; the limit is ${limit}`);

  const control = CONTROL.exec(input);
  if (control)
    throw invalid(rule, `contains a control character (${codePoint(control[0])}); type plain text only`);

  // NFC first, so "e" + combining accent counts as the one character "é" a person sees.
  let text = input.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (rule.identifier) text = text.toLowerCase();

  if (text === '') {
    if (field === TextField.DESCRIPTION) {
      throw new DomainError(
        DomainErrorCode.DESCRIPTION_REQUIRED,
        `${rule.label}: a shared number needs a description, e.g. "${rule.example}"`,
      );
    }
    throw invalid(rule, `is required, e.g. "${rule.example}"`);
  }

  for (const char of text) {
    if (!ALLOWED_CHARACTER.test(char)) {
      const shown = /\p{S}/u.test(char) ? `"${char}" (${codePoint(char)})` : codePoint(char);
      throw invalid(
        rule,
        `contains ${shown}, which is not allowed; use letters, digits, spaces and punctuation`,
      );
    }
  }

  const length = [...text].length;
  if (length > limit) throw invalid(rule, `${length} characters is too long; the limit is ${limit}`);

  if (rule.identifier && !rule.identifier.pattern.test(text)) {
    throw invalid(rule, `"${text}" is not valid: ${rule.identifier.shape}, e.g. ${rule.example}`);
  }
  return text;
}

/** A 5-digit internal extension typed by a person, e.g. in a search box. */
export function parseExtension(input: string): string {
  const text = input.trim();
  if (isExtension(text)) return text;
  const shown = text.length <= 20 ? `${JSON.stringify(text)} is not` : 'that is not';
  throw new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `Number: ${shown} an internal number; type its 5 digits, e.g. 65001`,
  );
}
