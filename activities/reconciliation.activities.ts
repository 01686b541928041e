import type { ReconciliationProgress, ScanPageInput, ScanPageResult } from '../libs/contracts/reconciliation';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import { Reconciler } from '../libs/reconciliation/reconciler';
import type { ActivityDeps, ActivitySettings } from './activity-deps';
import { runStep } from './run-step';

/** The reconciliation's scans: one page per call, read-only on every system, drift stored with the run. */
export function createReconciliationActivities(
  deps: Pick<
    ActivityDeps,
    'pbx' | 'directory' | 'network' | 'dhcp' | 'inventoryReader' | 'reconciliationStore'
  > & { settings: Pick<ActivitySettings, 'pools'> },
) {
  const reconciler = new Reconciler({
    pbx: deps.pbx,
    directory: deps.directory,
    network: deps.network,
    dhcp: deps.dhcp,
    inventory: deps.inventoryReader,
    store: deps.reconciliationStore,
    pools: [deps.settings.pools.personal, deps.settings.pools.shared],
  });
  return {
    async scanReconciliationPage(input: ScanPageInput): Promise<StepOutcome<ScanPageResult>> {
      return runStep(input.system, async () => ({ value: await reconciler.scanPage(input) }));
    },
    async finishReconciliation(progress: ReconciliationProgress): Promise<void> {
      await deps.reconciliationStore.finishRun(progress.runId, progress.status, progress.systems);
    },
  };
}
