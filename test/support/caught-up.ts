import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const millis = (t: HistoryEvent['eventTime']) =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;

/**
 * Timers of the run's history that neither fired nor were cancelled, by when the workflow meant each
 * to fire: the start of the workflow task that set it (the workflow's clock) plus its duration. The
 * server counts from when that task completed, a little later, so `sleep(until - now)` stays in.
 */
function openTimersDue(events: HistoryEvent[]): number[] {
  const open = new Map<string, number>();
  let taskStartedAt = 0;
  for (const e of events) {
    if (e.workflowTaskStartedEventAttributes) taskStartedAt = millis(e.eventTime);
    const started = e.timerStartedEventAttributes;
    if (started) open.set(started.timerId ?? '', taskStartedAt + millis(started.startToFireTimeout));
    const ended = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
    if (ended) open.delete(ended.timerId ?? '');
  }
  return [...open.values()];
}

/**
 * Waits until the clock has passed `until` (epoch ms) and the workflow's current run has handled
 * every wake due by then: each of its timers due by `until` has fired or was cancelled, and no
 * workflow task or activity is pending. A test that asserts nothing happened over a stretch of
 * workflow time ("while paused, nothing starts") waits with this: a fixed sleep passes on a loaded
 * machine before the workflow has even woken up, so it cannot fail there.
 */
export async function waitUntilCaughtUp(
  handle: WorkflowHandle,
  until: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Math.max(until, Date.now()) + timeoutMs;
  let why = 'the clock has not reached it';
  while (Date.now() < deadline) {
    if (Date.now() >= until) {
      const { raw } = await handle.describe();
      const history = await handle.fetchHistory();
      const due = openTimersDue(history.events ?? []).filter((at) => at <= until);
      if (raw.pendingWorkflowTask) why = 'a workflow task is pending';
      else if ((raw.pendingActivities ?? []).length > 0) why = 'an activity is pending';
      else if (due.length > 0) why = `${due.length} timer(s) due by then have not fired`;
      else if ((await handle.describe()).historyLength !== (history.events ?? []).length)
        why = 'the history grew while it was read';
      else return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(1, until - Date.now()))));
  }
  throw new Error(`the workflow did not catch up with ${new Date(until).toISOString()}: ${why}`);
}
