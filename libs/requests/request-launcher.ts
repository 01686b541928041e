import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { RequestInput } from '../contracts/request-input';
import { REQUEST_STATUS_ATTRIBUTE, REQUESTER_ATTRIBUTE } from '../contracts/search-attributes';
import type { WorkflowSettings } from '../contracts/settings';
import { DomainError, DomainErrorCode } from '../domain/domain-error';
import type { RequestEntity } from '../persistence/entities';
import type { RequestStore } from './request-store';
import type { ResourceLocks } from './resource-locks';

export interface LaunchSpec<Input extends RequestInput> {
  kind: string;
  workflowType: string;
  workflowId: string;
  /** Every resource the request acts on; one request at a time on each. */
  locks: string[];
  requester: string;
  actor: string;
  subject?: string;
  /** The workflow's input, given the request's id and the settings in force. */
  input: (common: RequestInput) => Input;
  /**
   * Local records the request needs before its workflow starts (an IP phone's REQUESTED row, which
   * the database's unique indexes guard), written once the locks are held; undone if the start fails.
   */
  prepare?: { run: (requestId: string) => Promise<void>; undo: (requestId: string) => Promise<void> };
}

/** A lock older than this whose workflow is gone was left by a crash between locking and starting. */
const STALE_LOCK_AGE_MS = 60_000;

/**
 * Accepts a request: takes the resource locks, records the request, starts its workflow and returns
 * at once. Anything that goes wrong before the workflow runs is rolled back here.
 */
export class RequestLauncher {
  constructor(
    private readonly client: Client,
    private readonly requests: RequestStore,
    private readonly locks: ResourceLocks,
    private readonly options: { taskQueue: string; settings: WorkflowSettings },
  ) {}

  async launch<Input extends RequestInput>(spec: LaunchSpec<Input>): Promise<RequestEntity> {
    const requestId = randomUUID();
    await this.takeLocks(spec, requestId);
    let prepared = false;
    try {
      if (spec.prepare) {
        await spec.prepare.run(requestId);
        prepared = true;
      }
      const row = await this.requests.create({
        id: requestId,
        kind: spec.kind,
        workflowId: spec.workflowId,
        requester: spec.requester,
        actor: spec.actor,
        subject: spec.subject,
      });
      const input = spec.input({
        requestId,
        requester: spec.requester,
        actor: spec.actor,
        settings: this.options.settings,
      });
      const handle = await this.client.workflow.start(spec.workflowType, {
        taskQueue: this.options.taskQueue,
        workflowId: spec.workflowId,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        typedSearchAttributes: [
          { key: REQUEST_STATUS_ATTRIBUTE, value: row.status },
          { key: REQUESTER_ATTRIBUTE, value: spec.requester },
        ],
      });
      await this.requests.setRunId(requestId, handle.firstExecutionRunId);
      return { ...row, runId: handle.firstExecutionRunId };
    } catch (error) {
      if (prepared) await spec.prepare?.undo(requestId);
      await this.locks.release(requestId);
      await this.requests.delete(requestId);
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw inProgress(spec.workflowId);
      throw error;
    }
  }

  private async takeLocks(spec: LaunchSpec<RequestInput>, requestId: string): Promise<void> {
    let outcome = await this.locks.acquire(spec.locks, requestId, spec.workflowId);
    if (!outcome.acquired && (await this.isStale(outcome.heldBy))) {
      await this.locks.release(outcome.heldBy.requestId);
      outcome = await this.locks.acquire(spec.locks, requestId, spec.workflowId);
    }
    if (!outcome.acquired) throw inProgress(outcome.heldBy.resource, outcome.heldBy.requestId);
  }

  private async isStale(holder: { requestId: string; workflowId: string }): Promise<boolean> {
    const held = await this.locks.acquiredAt(holder.requestId);
    if (!held || Date.now() - held.getTime() < STALE_LOCK_AGE_MS) return false;
    const request = await this.requests.find(holder.requestId);
    if (!request?.runId) return true;
    try {
      const description = await this.client.workflow.getHandle(request.workflowId, request.runId).describe();
      return description.status.name !== 'RUNNING';
    } catch {
      return true;
    }
  }
}

function inProgress(resource: string, requestId?: string): DomainError {
  return new DomainError(
    DomainErrorCode.REQUEST_IN_PROGRESS,
    `Another request${requestId ? ` (${requestId})` : ''} is already working on ${resource}. Wait until it finishes, then try again.`,
  );
}
