import type { SystemName } from '../contracts/systems';
import { systemRejected } from '../systems/system-error';

/**
 * A port method reconciliation needs, taken from the configured driver. Drivers written before
 * reconciliation may not have it: the scan (or repair) of that system then fails for good with a
 * message saying which capability is missing, and the other systems carry on.
 */
export function capability<P extends object, K extends keyof P>(
  port: P,
  method: K,
  system: SystemName,
  what: string,
): NonNullable<P[K]> {
  const fn: unknown = port[method];
  if (typeof fn !== 'function') {
    throw systemRejected(
      system,
      `the configured ${system} driver cannot ${what} yet, which reconciliation needs`,
    );
  }
  const bound = (...args: unknown[]): unknown => (fn as (...a: unknown[]) => unknown).apply(port, args);
  return bound as NonNullable<P[K]>;
}
