import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { AppConfig } from '../config/app-config';
import { LifecycleWorkflow, lifecycleWorkflowIds, type LifecycleSweepInput } from '../contracts/lifecycle';

/** The sweep's input from configuration: the policy of docs/domain.md §3.2 and the timings. */
export function lifecycleSweepInput(config: AppConfig): LifecycleSweepInput {
  return {
    policy: {
      deactivateAfterDays: config.lifecycle.deactivationDelayDays,
      reservationMonths: config.lifecycle.reservationMonths,
      quarantineDays: config.lifecycle.quarantineDays,
      sharedOwnerReminderDays: config.lifecycle.sharedOwnerReminderDays,
    },
    settings: config.workflow,
    checkIntervalMs: config.lifecycle.checkIntervalMs,
    lockRetryMs: config.lifecycle.lockRetryMs,
  };
}

/**
 * Creates the nightly lifecycle schedule, or brings an existing one up to date with the
 * configuration (cron and input), so every worker start may call it. A Temporal Schedule rather
 * than a cron workflow: operators see, pause and trigger it in the UI, a run that overlaps the
 * previous one is skipped, and a night missed while the cluster was down is caught up.
 */
export async function ensureLifecycleSchedule(
  client: Client,
  config: AppConfig,
): Promise<'created' | 'updated'> {
  const { taskQueue } = config.temporal;
  const scheduleId = lifecycleWorkflowIds.schedule(taskQueue);
  const spec = { cronExpressions: [config.lifecycle.sweepCron] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: LifecycleWorkflow.SWEEP,
    workflowId: lifecycleWorkflowIds.sweep(taskQueue),
    taskQueue,
    args: [lifecycleSweepInput(config)],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
    return 'updated';
  }
}
