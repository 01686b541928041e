/** An inclusive range of IPv4 addresses, as 32-bit unsigned integers. */
export interface Ipv4Range {
  first: number;
  last: number;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `10.99.0.10` → 174260234; throws on anything that is not a dotted quad. */
export function ipv4ToNumber(text: string): number {
  const match = DOTTED.exec(text.trim());
  const octets = match?.slice(1).map(Number);
  if (!octets || octets.some((o) => o > 255)) throw new RangeError(`"${text}" is not an IPv4 address`);
  // Multiplication, not <<: bit operations are signed 32-bit in JavaScript.
  return ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
}

export function numberToIpv4(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError(`${value} is not an IPv4 address`);
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

/** Reads `10.99.0.10-10.99.0.99` (spaces allowed around the dash, as Kea writes pools). */
export function parseIpv4Range(text: string): Ipv4Range {
  const parts = text.split('-');
  if (parts.length !== 2)
    throw new RangeError(`expected FIRST-LAST, e.g. 10.99.0.10-10.99.0.99 (got "${text}")`);
  const first = ipv4ToNumber(parts[0]);
  const last = ipv4ToNumber(parts[1]);
  if (first > last) throw new RangeError(`the range ${text} ends before it starts`);
  return { first, last };
}

export function formatIpv4Range(range: Ipv4Range): string {
  return `${numberToIpv4(range.first)}-${numberToIpv4(range.last)}`;
}
