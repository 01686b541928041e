import { formatIpv4Range, ipv4ToNumber, numberToIpv4, parseIpv4Range } from './ipv4';

describe('IPv4 helpers', () => {
  it('converts addresses to unsigned numbers and back, including the top half', () => {
    expect(ipv4ToNumber('10.99.0.10')).toBe(174_260_234);
    expect(ipv4ToNumber('255.255.255.255')).toBe(0xffffffff);
    expect(numberToIpv4(0xffffffff)).toBe('255.255.255.255');
    expect(numberToIpv4(ipv4ToNumber('192.168.1.200'))).toBe('192.168.1.200');
  });

  it.each(['10.99.0', '10.99.0.256', 'a.b.c.d', '10.99.0.1/24', ''])('refuses %p', (text) => {
    expect(() => ipv4ToNumber(text)).toThrow(/not an IPv4 address/);
  });

  it('reads a range as Kea writes pools, and refuses one that ends before it starts', () => {
    expect(formatIpv4Range(parseIpv4Range('10.99.0.10 - 10.99.0.99'))).toBe('10.99.0.10-10.99.0.99');
    expect(() => parseIpv4Range('10.99.0.99-10.99.0.10')).toThrow(/ends before it starts/);
    expect(() => parseIpv4Range('10.99.0.10')).toThrow(/FIRST-LAST/);
  });
});
