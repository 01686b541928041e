import { setHandler } from '@temporalio/workflow';
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
import { describeFailure } from './kit/describe-failure';

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
  await bookkeeping.releaseRequestLocks({ requestId: runId });
  await reconciliationOn(settings, 'inventory', 'finish#1').finishReconciliation({ ...progress, status });
  progress.status = status;
  return progress;
}
