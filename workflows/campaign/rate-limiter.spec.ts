import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('spaces starts on one system by a minute divided by its rate', () => {
    const limiter = new RateLimiter(() => 6);
    expect(limiter.tryTake(['pbx'], 0)).toBe(true);
    expect(limiter.nextAvailableAt(['pbx'], 5_000)).toBe(10_000);
    expect(limiter.tryTake(['pbx'], 9_999)).toBe(false);
    expect(limiter.tryTake(['pbx'], 10_000)).toBe(true);
  });

  it('needs a token from every system a start touches, and takes none when one is missing', () => {
    const rates: Record<string, number> = { pbx: 60, legacy: 2 };
    const limiter = new RateLimiter((s) => rates[s] ?? 60);
    expect(limiter.tryTake(['pbx', 'legacy'], 0)).toBe(true);
    // The PBX has refilled after a second, the legacy service only after 30.
    expect(limiter.tryTake(['pbx', 'legacy'], 1_000)).toBe(false);
    expect(limiter.tryTake(['pbx'], 1_000)).toBe(true);
    expect(limiter.nextAvailableAt(['pbx', 'legacy'], 1_000)).toBe(30_000);
    expect(limiter.tryTake(['pbx', 'legacy'], 30_000)).toBe(true);
  });

  it('can give each system a burst of its own, such as one second of its rate', () => {
    const rates: Record<string, number> = { pbx: 1200, legacy: 30 };
    const limiter = new RateLimiter(
      (s) => rates[s],
      (s) => Math.max(1, rates[s] / 60),
    );
    let pbx = 0;
    while (limiter.tryTake(['pbx'], 0)) pbx += 1;
    expect(pbx).toBe(20);
    expect(limiter.tryTake(['legacy'], 0)).toBe(true);
    expect(limiter.tryTake(['legacy'], 0)).toBe(false);
    // A whole idle minute refills the PBX to its burst, no further.
    pbx = 0;
    while (limiter.tryTake(['pbx'], 60_000)) pbx += 1;
    expect(pbx).toBe(20);
    expect(limiter.nextAvailableAt(['pbx'], 60_000)).toBe(60_050);
  });

  it('never stores more than the burst, however long it stays idle', () => {
    const limiter = new RateLimiter(() => 60, 2);
    expect(limiter.tryTake(['mail'], 0)).toBe(true);
    expect(limiter.tryTake(['mail'], 600_000)).toBe(true);
    expect(limiter.tryTake(['mail'], 600_000)).toBe(true);
    expect(limiter.tryTake(['mail'], 600_000)).toBe(false);
  });

  it('lets a forced start run over the limit and makes the next one wait longer', () => {
    const limiter = new RateLimiter(() => 60);
    expect(limiter.tryTake(['pbx'], 0)).toBe(true);
    limiter.force(['pbx'], 0);
    expect(limiter.nextAvailableAt(['pbx'], 0)).toBe(2_000);
  });

  it('hands its buckets to a new limiter that goes on where it stopped (continue-as-new)', () => {
    const limiter = new RateLimiter(() => 6);
    expect(limiter.tryTake(['pbx', 'legacy'], 0)).toBe(true);
    const next = new RateLimiter(() => 6, 1, JSON.parse(JSON.stringify(limiter.state())));
    expect(next.tryTake(['pbx'], 9_999)).toBe(false);
    expect(next.nextAvailableAt(['pbx', 'legacy'], 5_000)).toBe(10_000);
    expect(next.tryTake(['pbx', 'legacy'], 10_000)).toBe(true);
  });
});
