import { DomainError, DomainErrorCode } from './domain-error';

/** A contiguous range of 5-digit internal extensions, e.g. 70000-79999. */
export interface NumberPool {
  first: number;
  last: number;
}

const EXTENSION = /^\d{5}$/;

export function isExtension(value: string): boolean {
  return EXTENSION.test(value);
}

/** Parses `"70000-79999"`; throws INVALID_INPUT with the offending text otherwise. */
export function parseNumberPool(text: string): NumberPool {
  const match = /^\s*(\d{5})\s*-\s*(\d{5})\s*$/.exec(text);
  if (!match) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `"${text}" is not a number pool: write two 5-digit extensions separated by a dash, e.g. 70000-79999`,
    );
  }
  const first = Number(match[1]);
  const last = Number(match[2]);
  if (first > last) {
    throw new DomainError(DomainErrorCode.INVALID_INPUT, `Number pool "${text}" starts after it ends`);
  }
  return { first, last };
}

export function poolContains(pool: NumberPool, number: string): boolean {
  if (!isExtension(number)) return false;
  const value = Number(number);
  return value >= pool.first && value <= pool.last;
}

export function poolSize(pool: NumberPool): number {
  return pool.last - pool.first + 1;
}

export function poolsOverlap(a: NumberPool, b: NumberPool): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Every extension of the pool, as strings, lowest first. */
export function* poolNumbers(pool: NumberPool): Generator<string> {
  for (let value = pool.first; value <= pool.last; value += 1) yield String(value).padStart(5, '0');
}

export function formatPool(pool: NumberPool): string {
  return `${String(pool.first).padStart(5, '0')}-${String(pool.last).padStart(5, '0')}`;
}
