import { patched, setHandler, sleep } from '@temporalio/workflow';
import {
  RECONCILED_SYSTEMS,
  reconciliationProgressQuery,
  type ReconciledSystem,
  type ReconciliationInput,
  type ReconciliationProgress,
  type ScanPass,
  type SystemScan,
} from '../libs/contracts/reconciliation';
import { bookkeeping, reconciliationOn } from './kit/activity-proxies';
import { BOOKKEEPING_FAILURE_PATCH } from './kit/bookkeeper';
import { describeFailure } from './kit/describe-failure';

/** The run's lock refused for good is tried again at these intervals (the run has no desk to park for). */
const LOCK_RETRY_FIRST_MS = 1000;
const LOCK_RETRY_MAX_MS = 600_000;

/**
 * Gives back the run's lock. A refusal for good (activities/bookkeeping.activities.ts) no longer
 * retries inside the local activity, and would fail the run; read-only, with nothing to undo and no
 * desk to park for, the run tries again on durable timers, as it used to inside the activity.
 */
async function releaseRunLock(runId: string): Promise<void> {
  for (let waitMs = LOCK_RETRY_FIRST_MS; ; waitMs = Math.min(waitMs * 2, LOCK_RETRY_MAX_MS)) {
    try {
      await bookkeeping.releaseRequestLocks({ requestId: runId });
      return;
    } catch (error) {
      if (!patched(BOOKKEEPING_FAILURE_PATCH)) throw error;
      await sleep(waitMs);
    }
  }
}

// Inventory first (what is missing), then the system itself (what is orphaned).
const PASSES: readonly ScanPass[] = ['inventory', 'system'];

/**
 * docs/domain.md §6 "Reconciliation": compares the inventory with every system, page by page, and stores
 * the drift it finds with the run. Systems are scanned side by side; a system that cannot be read is
 * reported (PARTIAL) without stopping the others. Read-only: repairs are separate requests.
 */
export async function reconciliationWorkflow(input: ReconciliationInput): Promise<ReconciliationProgress> {
  const { runId, pageSize, settings } = input;
  const systems = Object.fromEntries(
    RECONCILED_SYSTEMS.map((system): [ReconciledSystem, SystemScan] => [
      system,
      { status: 'PENDING', checked: 0, drift: 0 },
    ]),
  ) as Record<ReconciledSystem, SystemScan>;
  const progress: ReconciliationProgress = { runId, status: 'RUNNING', systems };
  setHandler(
    reconciliationProgressQuery,
    () => JSON.parse(JSON.stringify(progress)) as ReconciliationProgress,
  );

  const scan = async (system: ReconciledSystem) => {
    const state = systems[system];
    state.status = 'RUNNING';
    try {
      for (const pass of PASSES) {
        let after: string | undefined;
        let page = 0;
        do {
          page += 1;
          const activities = reconciliationOn(settings, system, `scan-${system}-${pass}#${page}`);
          const { value } = await activities.scanReconciliationPage({
            runId,
            system,
            pass,
            after,
            limit: pageSize,
          });
          state.checked += value.checked;
          state.drift += value.drift;
          after = value.next;
        } while (after !== undefined);
      }
      state.status = 'DONE';
    } catch (error) {
      state.status = 'FAILED';
      state.error = describeFailure(error, system, settings.retries[system].maximumAttempts).message;
    }
  };
  await Promise.all(RECONCILED_SYSTEMS.map(scan));

  const status = RECONCILED_SYSTEMS.every((s) => systems[s].status === 'DONE') ? 'COMPLETED' : 'PARTIAL';
  // As with requests, the lock goes before the final state is written: whoever sees the run ended
  // may start the next one.
  await releaseRunLock(runId);
  await reconciliationOn(settings, 'inventory', 'finish#1').finishReconciliation({ ...progress, status });
  progress.status = status;
  return progress;
}
