import { DomainError } from './domain-error';
import {
  isExtension,
  parseNumberPool,
  poolContains,
  poolNumbers,
  poolsOverlap,
  poolSize,
} from './number-pool';

describe('number pools', () => {
  it('parses a range of 5-digit extensions', () => {
    expect(parseNumberPool('70000-79999')).toEqual({ first: 70000, last: 79999 });
    expect(parseNumberPool(' 65000 - 65999 ')).toEqual({ first: 65000, last: 65999 });
  });

  it.each(['7000-79999', '70000', '70000-', 'abcde-fghij', '79999-70000', '70000-799999'])(
    'rejects %p with a message that shows the expected form',
    (text) => {
      expect(() => parseNumberPool(text)).toThrow(DomainError);
    },
  );

  it('tells which numbers belong to a pool', () => {
    const pool = parseNumberPool('65000-65999');
    expect(poolContains(pool, '65000')).toBe(true);
    expect(poolContains(pool, '65999')).toBe(true);
    expect(poolContains(pool, '66000')).toBe(false);
    expect(poolContains(pool, '6500')).toBe(false);
    expect(poolContains(pool, '65000x')).toBe(false);
  });

  it('lists, sizes and compares pools', () => {
    const pool = parseNumberPool('65000-65002');
    expect([...poolNumbers(pool)]).toEqual(['65000', '65001', '65002']);
    expect(poolSize(pool)).toBe(3);
    expect(poolsOverlap(pool, parseNumberPool('65002-65010'))).toBe(true);
    expect(poolsOverlap(pool, parseNumberPool('70000-79999'))).toBe(false);
  });

  it('recognises extensions', () => {
    expect(isExtension('70001')).toBe(true);
    expect(isExtension('7001')).toBe(false);
    expect(isExtension('70001 ')).toBe(false);
  });
});
