import { randomInt } from 'node:crypto';

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same plan of requests and faults, so a
 * failing run can be replayed with RELIABILITY_SEED=<seed>. (Thread timing still varies between
 * runs; the plan does not.)
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[item, weight], ...]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of choices) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return choices[choices.length - 1][0];
  }
}

/** The run's seed: RELIABILITY_SEED when replaying, a fresh one otherwise. Printed by each suite. */
export function reliabilitySeed(): number {
  const fixed = process.env.RELIABILITY_SEED;
  return fixed ? Number(fixed) : randomInt(1, 2 ** 31 - 1);
}
