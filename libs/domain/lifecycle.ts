// Date arithmetic of docs/domain.md §3.2. Everything works on whole UTC days: inputs are read as the UTC
// day they fall on and results are midnights UTC, because the lifecycle runs nightly and a time of
// day would only make two runs disagree.

export const DEFAULT_DEACTIVATE_AFTER_DAYS = 7;
export const DEFAULT_RESERVATION_MONTHS = 6;
export const DEFAULT_QUARANTINE_DAYS = 90;
export const DEFAULT_SHARED_OWNER_REMINDER_DAYS: readonly number[] = [60, 27, 7];

export interface LifecyclePolicy {
  /** Days between the end of a contract and the deactivation of the personal number. */
  deactivateAfterDays: number;
  /** Calendar months a deactivated personal number stays reserved for its last owner. */
  reservationMonths: number;
  /** Days a deleted number waits before it can be allocated again. */
  quarantineDays: number;
  /** Days before a shared number's owner leaves on which the owner and the e-group are reminded. */
  sharedOwnerReminderDays: readonly number[];
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  deactivateAfterDays: DEFAULT_DEACTIVATE_AFTER_DAYS,
  reservationMonths: DEFAULT_RESERVATION_MONTHS,
  quarantineDays: DEFAULT_QUARANTINE_DAYS,
  sharedOwnerReminderDays: DEFAULT_SHARED_OWNER_REMINDER_DAYS,
};

export interface PersonalNumberTimeline {
  /** The number is switched off (state DEACTIVATED) on this day. */
  deactivateAt: Date;
  /** Last day the number is kept for its owner; restored if they come back until then. */
  reservedUntil: Date;
  /** The day after the reservation: the number is deleted and quarantined. */
  deleteAt: Date;
  /** The quarantine is over: the number may be allocated to someone else. */
  availableAgainAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(date: Date, name: string): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${name} is not a valid date`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

// Policy values come from configuration; a wrong one is a deployment mistake, not a person's.
function wholeDays(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}

function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** Calendar months; a day the target month lacks becomes its last day (Jan 31 + 1 month = Feb 28). */
function addMonths(day: Date, months: number): Date {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + months;
  const lastDayOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), lastDayOfTarget)));
}

function reservation(deactivatedAt: Date, policy: Pick<LifecyclePolicy, 'reservationMonths'>) {
  const deleteAt = addMonths(
    utcDay(deactivatedAt, 'deactivatedAt'),
    wholeDays(policy.reservationMonths, 'reservationMonths'),
  );
  return { reservedUntil: addDays(deleteAt, -1), deleteAt };
}

/** The quarantine of a deleted number ends on this day; it may be allocated again from then on. */
export function quarantineEnds(
  deletedAt: Date,
  policy: Pick<LifecyclePolicy, 'quarantineDays'> = DEFAULT_LIFECYCLE_POLICY,
): Date {
  return addDays(utcDay(deletedAt, 'deletedAt'), wholeDays(policy.quarantineDays, 'quarantineDays'));
}

/** What happens to a personal number once its owner's contract (last working day) has ended. */
export function personalNumberTimeline(
  contractEnd: Date,
  policy: Pick<
    LifecyclePolicy,
    'deactivateAfterDays' | 'reservationMonths' | 'quarantineDays'
  > = DEFAULT_LIFECYCLE_POLICY,
): PersonalNumberTimeline {
  const deactivateAt = addDays(
    utcDay(contractEnd, 'contractEnd'),
    wholeDays(policy.deactivateAfterDays, 'deactivateAfterDays'),
  );
  const { reservedUntil, deleteAt } = reservation(deactivateAt, policy);
  return { deactivateAt, reservedUntil, deleteAt, availableAgainAt: quarantineEnds(deleteAt, policy) };
}

/**
 * Whether a number deactivated on `deactivatedAt` is still kept for its last owner `today`
 * (from the deactivation day through `reservedUntil`). The actual deactivation day counts, not the
 * planned one, so a late nightly run never shortens the reservation.
 */
export function isReservationActive(
  deactivatedAt: Date,
  today: Date,
  policy: Pick<LifecyclePolicy, 'reservationMonths'> = DEFAULT_LIFECYCLE_POLICY,
): boolean {
  const day = utcDay(today, 'today').getTime();
  return (
    day >= utcDay(deactivatedAt, 'deactivatedAt').getTime() &&
    day <= reservation(deactivatedAt, policy).reservedUntil.getTime()
  );
}

/**
 * The days on which the owner of a shared number and its managers e-group are reminded that the
 * owner is leaving, earliest first. Days already past `today` are left out (today's is kept), so a
 * contract end recorded late still gets the reminders that remain.
 */
export function sharedOwnerReminderDates(
  contractEnd: Date,
  reminderDays: readonly number[],
  today: Date,
): Date[] {
  const end = utcDay(contractEnd, 'contractEnd');
  const from = utcDay(today, 'today').getTime();
  const days = [...new Set(reminderDays.map((days) => wholeDays(days, 'reminder days')))].sort(
    (a, b) => b - a,
  );
  return days.map((before) => addDays(end, -before)).filter((date) => date.getTime() >= from);
}

/** docs/domain.md §3.2: on the end date itself, ownership of a departing owner's shared numbers moves to their supervisor. */
export function ownershipTransferDate(contractEnd: Date): Date {
  return utcDay(contractEnd, 'contractEnd');
}
