import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  lifecycleWorkflowIds,
  type LifecycleSweepInput,
  type LifecycleSweepResult,
} from '../libs/contracts/lifecycle';
import { activitiesFor } from './kit/activity-proxies';
import { planLifecycle } from './lifecycle-plan';

/**
 * The nightly sweep (started by the `<task queue>-lifecycle-nightly` schedule): releases every
 * number whose quarantine is over, then starts a lifecycle workflow (`lifecycle-<n>`) for each
 * number whose owner's contract ends, unless one is running already. The lifecycles outlive the
 * sweep and carry absolute dates.
 */
export async function lifecycleSweepWorkflow(input: LifecycleSweepInput): Promise<LifecycleSweepResult> {
  const today = input.today ? new Date(input.today) : new Date();
  const result: LifecycleSweepResult = { releasedFromQuarantine: [], started: [], alreadyRunning: [] };

  result.releasedFromQuarantine = (
    await activitiesFor(input.settings, 'inventory', 'release-quarantines').releaseExpiredQuarantines()
  ).value;
  const { value: candidates } = await activitiesFor(
    input.settings,
    'directory',
    'find-candidates',
  ).findLifecycleCandidates();

  for (const candidate of candidates) {
    const plan = planLifecycle(candidate, today, input);
    if (!plan) continue;
    try {
      await startChild(plan.workflowType, {
        workflowId: lifecycleWorkflowIds.number(candidate.number),
        args: [plan.input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
      result.started.push(candidate.number);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      result.alreadyRunning.push(candidate.number);
    }
  }
  return result;
}
