import { ScheduleOverlapPolicy } from '@temporalio/client';
import { lifecycleWorkflowIds } from '../../libs/contracts/lifecycle';
import { ensureLifecycleSchedule } from '../../libs/temporal/lifecycle-schedule';
import { World } from '../support/world';

/**
 * The lifecycle schedule's policies on the real Temporal server. No worker polls this world's task
 * queue, so a sweep the schedule starts stays running: a second start while it runs must be skipped.
 * The catch-up window only acts when the Temporal server itself was down at a scheduled time, which
 * this shared test server cannot be, so only its configured value is checked.
 */
describe('the nightly lifecycle schedule: overlap policy (run) and catch-up window (configured)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('skips a night that would overlap the running sweep; keeps a one-day catch-up window', async () => {
    expect(await ensureLifecycleSchedule(world.client, world.config)).toBe('created');
    const handle = world.client.schedule.getHandle(
      lifecycleWorkflowIds.schedule(world.config.temporal.taskQueue),
    );
    try {
      const described = await handle.describe();
      expect(described.policies).toMatchObject({
        overlap: ScheduleOverlapPolicy.SKIP,
        catchupWindow: 24 * 3600 * 1000,
      });

      // The last two nights, replayed by a backfill that names no overlap policy of its own, so the
      // schedule's decides: the first night's sweep starts (and, with no worker, keeps running), the
      // second night's is skipped.
      const next = described.info.nextActionTimes[0].getTime();
      const minute = 60_000;
      const day = 24 * 3600 * 1000;
      await handle.backfill({ start: new Date(next - 2 * day - minute), end: new Date(next - day + minute) });
      const backfilled = await waitFor(
        () => handle.describe(),
        (d) => d.info.numActionsSkippedOverlap + d.info.numActionsTaken >= 2,
      );
      expect(backfilled.info.numActionsTaken).toBe(1);
      expect(backfilled.info.numActionsSkippedOverlap).toBe(1);
      const sweep = backfilled.info.recentActions[0].action.workflow;
      const running = await world.client.workflow
        .getHandle(sweep.workflowId, sweep.firstExecutionRunId)
        .describe();
      expect(running.status.name).toBe('RUNNING');

      // The proof that the check can fail: last night again, allowing overlaps, starts a second sweep.
      await handle.backfill({
        start: new Date(next - day - minute),
        end: new Date(next - day + minute),
        overlap: ScheduleOverlapPolicy.ALLOW_ALL,
      });
      const allowed = await waitFor(
        () => handle.describe(),
        (d) => d.info.numActionsTaken === 2,
      );
      expect(allowed.info.numActionsSkippedOverlap).toBe(1);
    } finally {
      await handle.delete();
    }
  });
});

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}
