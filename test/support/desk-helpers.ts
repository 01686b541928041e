import type { Client } from '@temporalio/client';
import { cancelUpdate, resolveUpdate } from '../../libs/contracts/messages';
import type { RequestProgress, ResolveAction } from '../../libs/contracts/progress';
import { REQUEST_STATUS_ATTRIBUTE, SEARCH_ATTRIBUTES } from '../../libs/contracts/search-attributes';
import type { RequestEntity } from '../../libs/persistence/entities';
import { waitForProgress } from './workflow-helpers';

/** Sends the service desk's decision straight to the workflow (the API does the same after its checks). */
export function resolveDirectly(
  client: Client,
  request: RequestEntity,
  action: ResolveAction,
  reason = `desk chose ${action}`,
  actor = 'desk',
): Promise<RequestProgress> {
  return client.workflow
    .getHandle(request.workflowId, request.runId ?? undefined)
    .executeUpdate(resolveUpdate, { args: [{ action, reason, actor }] });
}

export function cancelDirectly(
  client: Client,
  request: RequestEntity,
  reason: string,
  actor: string,
): Promise<RequestProgress> {
  return client.workflow
    .getHandle(request.workflowId, request.runId ?? undefined)
    .executeUpdate(cancelUpdate, { args: [{ reason, actor }] });
}

export function waitUntilParked(client: Client, request: RequestEntity, timeoutMs = 60_000) {
  return waitForProgress(client, request, (p) => p.status === 'NEEDS_ATTENTION', timeoutMs);
}

/** Polls Temporal's visibility until the query lists the request's run (visibility is eventually consistent). */
export async function waitForVisibility(
  client: Client,
  request: RequestEntity,
  query: string,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for await (const execution of client.workflow.list({ query })) {
      if (execution.runId === request.runId) {
        const attributes: Record<string, unknown> = {};
        // Only Switchboard's own attributes; Temporal adds some of its own (BuildIds …).
        for (const pair of execution.typedSearchAttributes.getAll())
          if (SEARCH_ATTRIBUTES.some((key) => key.name === pair.key.name))
            attributes[pair.key.name] = pair.value;
        return attributes;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`visibility never listed ${request.workflowId} for: ${query}`);
}

export const parkedQuery = (requester: string) =>
  `${REQUEST_STATUS_ATTRIBUTE.name} = 'NEEDS_ATTENTION' AND Requester = '${requester}'`;
