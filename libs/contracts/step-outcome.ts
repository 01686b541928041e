/**
 * What every activity returns: its value, the attempt that produced it (so the timeline can show
 * retries) and an optional note such as "already present" when idempotency made it a no-op.
 */
export interface StepOutcome<T = void> {
  value: T;
  attempt: number;
  note?: string;
}
