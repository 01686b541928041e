import { DomainError, DomainErrorCode } from './domain-error';

/** How a canonical MAC address is written out for a person or a downstream system. */
export const MacAddressStyle = { COLON: 'colon', DASH: 'dash', BARE: 'bare' } as const;
export type MacAddressStyle = (typeof MacAddressStyle)[keyof typeof MacAddressStyle];

// Longer input is not a typo of a MAC address; refusing it early keeps the message short.
const MAX_INPUT_LENGTH = 64;
const EXAMPLE =
  'write the 12 hex digits from the label on the phone, e.g. 00:04:F2:A1:B2:C3, 00-04-f2-a1-b2-c3, 0004.f2a1.b2c3 or 0004f2a1b2c3';
const CANONICAL = /^[0-9a-f]{12}$/;

// Every spelling docs/domain.md §7 accepts; one kind of separator per address.
const ACCEPTED_FORMS: readonly RegExp[] = [
  /^[0-9a-f]{12}$/i,
  /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{4}(\.[0-9a-f]{4}){2}$/i, // Cisco dotted
];

function invalid(problem: string): DomainError {
  return new DomainError(DomainErrorCode.INVALID_MAC, `${problem}; ${EXAMPLE}`);
}

/** Explains why text that matches none of the accepted forms is not a MAC address. */
function describeMalformed(text: string): string {
  const shown = JSON.stringify(text);
  const separators = new Set(text.replace(/[^:.-]/g, ''));
  if (separators.size > 1)
    return `${shown} mixes separators (${[...separators].map((s) => `"${s}"`).join(' and ')}); use one kind`;
  const stray = /[^0-9a-f:.-]/i.exec(text);
  if (stray) return `${shown} contains ${JSON.stringify(stray[0])}, which is not a hex digit`;
  const digits = text.replace(/[:.-]/g, '').length;
  if (digits !== 12) return `${shown} has ${digits} hex digits; a MAC address has 12`;
  return `${shown} groups its digits in a way that is not a MAC address`;
}

/**
 * Reads a MAC address as a person types it and returns the canonical form (12 lowercase hex
 * digits, no separators). Refuses addresses no single phone can have: all zeros, broadcast and
 * multicast.
 */
export function parseMacAddress(input: string): string {
  if (input.length > MAX_INPUT_LENGTH) {
    throw invalid(`The MAC address is ${input.length} characters long, which is far too long`);
  }
  const text = input.trim();
  if (text === '') throw invalid('The MAC address is empty');
  if (!ACCEPTED_FORMS.some((form) => form.test(text)))
    throw invalid(`The MAC address ${describeMalformed(text)}`);

  const mac = text.replace(/[:.-]/g, '').toLowerCase();
  if (mac === '000000000000') throw invalid('00:00:00:00:00:00 is a placeholder, not the address of a phone');
  if (mac === 'ffffffffffff')
    throw invalid('ff:ff:ff:ff:ff:ff is the broadcast address, not the address of a phone');
  // The lowest bit of the first octet marks a group address; a device's own address never has it.
  if ((parseInt(mac.slice(0, 2), 16) & 1) === 1) {
    throw invalid(
      `${formatMacAddress(mac, 'colon')} is a multicast address (its second digit is odd), not the address of a phone`,
    );
  }
  return mac;
}

export function isMacAddress(input: string): boolean {
  try {
    parseMacAddress(input);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** Writes a canonical address (as returned by parseMacAddress) in the given style, lowercase. */
export function formatMacAddress(canonical: string, style: MacAddressStyle): string {
  if (!CANONICAL.test(canonical)) {
    // A caller bug, not a person's typo: canonical addresses come from parseMacAddress.
    throw new RangeError(
      `formatMacAddress expects 12 lowercase hex digits, got ${canonical.length} characters`,
    );
  }
  if (style === 'bare') return canonical;
  const octets = canonical.match(/../g) ?? [];
  return octets.join(style === 'colon' ? ':' : '-');
}
