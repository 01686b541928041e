import type { Client } from '@temporalio/client';
import { workflowIds } from '../../libs/contracts/workflow-ids';
import { NEW_PERSONAL_NUMBER } from '../../libs/contracts/new-personal-number';
import { progressQuery } from '../../libs/contracts/messages';
import type { RequestProgress } from '../../libs/contracts/progress';
import type { RequestEntity } from '../../libs/persistence/entities';
import { lockKeys } from '../../libs/requests/resource-locks';
import type { World } from './world';

/** Starts a new-personal-number request the way the API does. */
export function requestPersonalNumber(world: World, login: string, actor = login): Promise<RequestEntity> {
  return world.launcher().launch({
    kind: 'NEW_PERSONAL_NUMBER',
    workflowType: NEW_PERSONAL_NUMBER,
    workflowId: workflowIds.personalNumber(login),
    locks: [lockKeys.personalNumberOf(login)],
    requester: login,
    actor,
    input: (common) => common,
  });
}

export function resultOf(client: Client, request: RequestEntity): Promise<RequestProgress> {
  return client.workflow
    .getHandle(request.workflowId, request.runId ?? undefined)
    .result() as Promise<RequestProgress>;
}

/** Polls the live `progress` query until the predicate holds. */
export async function waitForProgress(
  client: Client,
  request: RequestEntity,
  predicate: (progress: RequestProgress) => boolean,
  timeoutMs = 30_000,
): Promise<RequestProgress> {
  const handle = client.workflow.getHandle(request.workflowId, request.runId ?? undefined);
  const deadline = Date.now() + timeoutMs;
  let last: RequestProgress | undefined;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(progressQuery);
      if (predicate(last)) return last;
    } catch {
      // The first workflow task may not have run yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `progress did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
  );
}

/** The activity types the workflow scheduled, in order, from its real history. */
export async function scheduledActivities(client: Client, request: RequestEntity): Promise<string[]> {
  const history = await client.workflow
    .getHandle(request.workflowId, request.runId ?? undefined)
    .fetchHistory();
  return (history.events ?? [])
    .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name)
    .filter((name): name is string => typeof name === 'string');
}
