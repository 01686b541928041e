import type { SystemName } from '../../libs/contracts/systems';

/** A bucket as a run hands it to the next one: system, tokens, workflow time of its last refill. */
export type BucketState = [SystemName, number, number];

interface Bucket {
  tokens: number;
  /** Workflow time of the last refill, in ms. */
  at: number;
}

/**
 * A token bucket per downstream system, in workflow code: deterministic, fed with workflow time,
 * so the same history replays to the same decisions. A migration starts only when every system it
 * touches has a token; each system refills at its own rate per minute, up to its burst: a number of
 * tokens, or a function of the system (e.g. one second's worth of its rate).
 */
export class RateLimiter {
  private readonly buckets = new Map<SystemName, Bucket>();

  constructor(
    private readonly perMinute: (system: SystemName) => number,
    private readonly burst: number | ((system: SystemName) => number) = 1,
    carried: readonly BucketState[] = [],
  ) {
    for (const [system, tokens, at] of carried) this.buckets.set(system, { tokens, at });
  }

  /** The buckets, for a workflow that continues as new: the next run starts as this one ends. */
  state(): BucketState[] {
    return [...this.buckets].map(([system, { tokens, at }]) => [system, tokens, at]);
  }

  private capacity(system: SystemName): number {
    return typeof this.burst === 'number' ? this.burst : this.burst(system);
  }

  private level(system: SystemName, now: number): Bucket {
    const bucket = this.buckets.get(system) ?? { tokens: this.capacity(system), at: now };
    // Time never runs backwards in a workflow, but a caller may ask about an earlier moment.
    const elapsed = Math.max(0, now - bucket.at);
    const refilled = Math.min(
      this.capacity(system),
      bucket.tokens + (elapsed * this.perMinute(system)) / 60_000,
    );
    const current = { tokens: refilled, at: Math.max(now, bucket.at) };
    this.buckets.set(system, current);
    return current;
  }

  /** Takes a token from every system if each has one; otherwise takes nothing. */
  tryTake(systems: readonly SystemName[], now: number): boolean {
    if (!systems.every((s) => this.level(s, now).tokens >= 1 - 1e-9)) return false;
    for (const s of systems) this.level(s, now).tokens -= 1;
    return true;
  }

  /** Takes a token even from an empty bucket (a person's "migrate now"): later starts wait longer. */
  force(systems: readonly SystemName[], now: number): void {
    for (const s of systems) this.level(s, now).tokens -= 1;
  }

  /** The earliest time at which every one of these systems has a token again. */
  nextAvailableAt(systems: readonly SystemName[], now: number): number {
    let at = now;
    for (const s of systems) {
      const missing = 1 - this.level(s, now).tokens;
      if (missing > 0) at = Math.max(at, now + Math.ceil((missing * 60_000) / this.perMinute(s)));
    }
    return at;
  }
}
