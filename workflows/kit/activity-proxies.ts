import { ActivityCancellationType, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { WorkflowSettings } from '../../libs/contracts/settings';
import type { SystemName } from '../../libs/contracts/systems';

/**
 * Activities of one system, retried by that system's policy. The activity id names the step and
 * the round, so the API can match a retrying activity to its step in the timeline.
 */
export function activitiesFor(
  settings: WorkflowSettings,
  system: SystemName,
  activityId: string,
): Activities {
  const retry = settings.retries[system];
  return proxyActivities<Activities>({
    activityId,
    startToCloseTimeout: settings.activityTimeoutMs,
    // Spelled out: left unset, the SDK sends TRY_CANCEL, and a cancelled request would run its undos
    // while the interrupted call is still under way — and then that call re-creates what was undone.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialInterval: retry.initialIntervalMs,
      maximumInterval: retry.maximumIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
    },
  });
}

/** The request's own bookkeeping in Switchboard's database: local, and retried until it works. */
export const bookkeeping = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', maximumInterval: '10s' },
});
