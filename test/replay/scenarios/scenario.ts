import type { WorkflowHandle } from '@temporalio/client';
import type { RequestEntity } from '../../../libs/persistence/entities';
import { resultOf } from '../../support/workflow-helpers';
import type { World } from '../../support/world';

/**
 * A recorded history: one real run of a workflow through one path. Each scenario drives the run to
 * its end and returns its handle; the recorder fetches the history and stores it under
 * `histories/<workflowType>.<name>.json`.
 */
export interface ReplayScenario {
  workflowType: string;
  name: string;
  /**
   * The status the run must end with (a request's or campaign's `status`, a lifecycle's outcome), so
   * a recording cannot silently capture another path.
   */
  expectedStatus: string;
  run(world: World): Promise<WorkflowHandle>;
}

/** The handle of the request's own run (not a later run on the same workflow id). */
export const handleOf = (world: World, request: RequestEntity): WorkflowHandle =>
  world.client.workflow.getHandle(request.workflowId, request.runId ?? undefined);

/** Waits for the request to end and returns its run's handle. */
export async function finished(world: World, request: RequestEntity): Promise<WorkflowHandle> {
  await resultOf(world.client, request);
  return handleOf(world, request);
}
