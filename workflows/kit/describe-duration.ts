const UNITS = [
  { ms: 24 * 3600 * 1000, one: 'day', many: 'days' },
  { ms: 3600 * 1000, one: 'hour', many: 'hours' },
  { ms: 60 * 1000, one: 'minute', many: 'minutes' },
  { ms: 1000, one: 'second', many: 'seconds' },
] as const;

/** A wait as people say it ("7 days", "90 minutes", "2 seconds"): the largest unit that divides it, else rounded. */
export function describeDuration(ms: number): string {
  const exact = UNITS.find((unit) => ms >= unit.ms && ms % unit.ms === 0);
  const unit = exact ?? UNITS.find((u) => ms >= u.ms) ?? UNITS[UNITS.length - 1];
  const count = Math.max(1, Math.round(ms / unit.ms));
  return `${count} ${count === 1 ? unit.one : unit.many}`;
}
