import { ActivityCancellationType, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { BookkeepingActivities, ReconciliationActivities, SystemActivities } from '../../activities';
import type { WorkflowSettings } from '../../libs/contracts/settings';
import type { SystemName } from '../../libs/contracts/systems';

/**
 * Activities of one system, and only of that one, retried by that system's policy: the system a
 * step declares picks both. The activity id names the step and the round, so the API can match a
 * retrying activity to its step in the timeline.
 */
export function activitiesFor<S extends SystemName>(
  settings: WorkflowSettings,
  system: S,
  activityId: string,
): SystemActivities[S] {
  return proxyOn<SystemActivities[S]>(settings, system, activityId);
}

/** The reconciliation's scan of one system, retried by that system's policy. */
export function reconciliationOn(
  settings: WorkflowSettings,
  system: SystemName,
  activityId: string,
): ReconciliationActivities {
  return proxyOn<ReconciliationActivities>(settings, system, activityId);
}

function proxyOn<A extends object>(settings: WorkflowSettings, system: SystemName, activityId: string): A {
  const retry = settings.retries[system];
  // The proxy has exactly the functions of A: every member of an activities object is an activity.
  return proxyActivities<A>({
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
  }) as A;
}

/** The request's own bookkeeping in Switchboard's database: local, and retried until it works. */
export const bookkeeping = proxyLocalActivities<BookkeepingActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', maximumInterval: '10s' },
});
