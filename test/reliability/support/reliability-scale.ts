/**
 * Sizes of the reliability suites. `npm test` runs them small; `scripts/reliability.ts` (full scale)
 * sets RELIABILITY_SCALE=full and may override any size with its variable.
 */
const full = process.env.RELIABILITY_SCALE === 'full';

function size(name: string, small: number, large: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return full ? large : small;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

export const reliabilityScale = {
  full,
  /** Chaos: requests with random faults. */
  chaosRequests: size('RELIABILITY_CHAOS_REQUESTS', 40, 500),
  /** Chaos: requests in flight at once. */
  chaosConcurrency: size('RELIABILITY_CHAOS_CONCURRENCY', 8, 16),
  /** Crashes: requests while the worker and the API are killed. */
  crashRequests: size('RELIABILITY_CRASH_REQUESTS', 20, 200),
  /** Crashes: SIGKILLs of the worker during the run. */
  crashKills: size('RELIABILITY_CRASH_KILLS', 3, 15),
  /** Crashes: SIGKILLs of the API during the run (some at the same moment as a worker kill). */
  crashApiKills: size('RELIABILITY_CRASH_API_KILLS', 2, 8),
  /**
   * Crashes, opt-in (0 = off): each API kill waits for the next mutation call, then this many ms at
   * most, so kills land while requests are being accepted (random moments rarely do).
   */
  crashApiAimMs: size('RELIABILITY_CRASH_API_AIM_MS', 0, 0),
  /** Races: concurrent requests on one resource. */
  raceRequests: size('RELIABILITY_RACE_REQUESTS', 50, 50),
  /** Outage: how long the system stays down. */
  outageMs: size('RELIABILITY_OUTAGE_MS', 8_000, 180_000),
  /** Outage: requests sent while it is down. */
  outageRequests: size('RELIABILITY_OUTAGE_REQUESTS', 6, 40),
  /** Fuzzing: property cases against the API over HTTP. */
  fuzzApiRuns: size('RELIABILITY_FUZZ_API_RUNS', 300, 10_000),
  /** Fuzzing: requests against the provisioning server (paths, methods, uploads). */
  fuzzProvisioningRuns: size('RELIABILITY_FUZZ_PROVISIONING_RUNS', 1_000, 10_000),
  /** Fuzzing: property cases against the pure domain parsers (cheap). */
  fuzzDomainRuns: size('RELIABILITY_FUZZ_DOMAIN_RUNS', 10_000, 100_000),
} as const;
