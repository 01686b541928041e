import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { RequestInput } from '../contracts/request-input';
import type { RequestKind } from '../contracts/request-kind';
import { REQUEST_STATUS_ATTRIBUTE, REQUESTER_ATTRIBUTE } from '../contracts/search-attributes';
import type { WorkflowSettings } from '../contracts/settings';
import { DomainError, DomainErrorCode } from '../domain/domain-error';
import type { RequestEntity } from '../persistence/entities';
import type { RequestStore } from './request-store';
import type { ResourceLocks } from './resource-locks';

export interface LaunchSpec<Input extends RequestInput> {
  kind: RequestKind;
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
   * The workflow must write them again itself, idempotently: a launch resumed after the API died
   * may not have run this.
   */
  prepare?: { run: (requestId: string) => Promise<void>; undo: (requestId: string) => Promise<void> };
}

/** A lock older than this whose workflow is gone was left by a crash between locking and starting. */
const STALE_LOCK_AGE_MS = 60_000;

export interface RecoveredLaunches {
  /** Workflows started now, for requests whose API died before starting them. */
  started: number;
  /** Workflows that had started, whose run id had not been recorded. */
  adopted: number;
  /** Requests that can no longer start: another request's workflow holds their workflow id. */
  failed: number;
}

/**
 * Accepts a request: takes the resource locks, records the request, starts its workflow and returns
 * at once. Anything that goes wrong before the workflow runs is rolled back here.
 *
 * An API process killed between recording the request and confirming its workflow's start cannot
 * roll back: the request row keeps how to start the workflow (`launch`), the workflow carries the
 * request id in its memo, and `resumeUnconfirmed` (run by every API, see LaunchRecovery) later
 * starts it, or adopts the run that did start. Accepted means it will run.
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
      const input = spec.input({
        requestId,
        requester: spec.requester,
        actor: spec.actor,
        settings: this.options.settings,
      });
      // The request row first: an API killed after this point leaves a request that will run
      // (resumeUnconfirmed), never a prepared record that no request owns.
      const row = await this.requests.create({
        id: requestId,
        kind: spec.kind,
        workflowId: spec.workflowId,
        requester: spec.requester,
        actor: spec.actor,
        subject: spec.subject,
        launch: { workflowType: spec.workflowType, args: [input] },
      });
      if (spec.prepare) {
        await spec.prepare.run(requestId);
        prepared = true;
      }
      const runId = await this.start(row);
      await this.requests.setRunId(requestId, runId);
      return { ...row, runId, launch: null };
    } catch (error) {
      if (prepared) await spec.prepare?.undo(requestId);
      await this.locks.release(requestId);
      await this.requests.delete(requestId);
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw inProgress(spec.workflowId);
      throw error;
    }
  }

  /**
   * Starts the workflows of requests accepted more than `graceMs` ago whose start was never
   * confirmed (their API died in between); the grace leaves launches still under way alone.
   */
  async resumeUnconfirmed(graceMs: number): Promise<RecoveredLaunches> {
    const outcome: RecoveredLaunches = { started: 0, adopted: 0, failed: 0 };
    for (const row of await this.requests.unconfirmedLaunches(new Date(Date.now() - graceMs))) {
      try {
        await this.requests.setRunId(row.id, await this.start(row));
        outcome.started += 1;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        const running = await this.client.workflow.getHandle(row.workflowId).describe();
        if (running.memo?.requestId === row.id) {
          await this.requests.setRunId(row.id, running.runId);
          outcome.adopted += 1;
        } else {
          await this.requests.failUnstarted(
            row.id,
            `Another request is already working on ${row.subject ?? row.workflowId}, so this one never started and changed nothing. Send it again once that one has finished.`,
          );
          await this.locks.release(row.id);
          outcome.failed += 1;
        }
      }
    }
    return outcome;
  }

  /** Starts the request's workflow from its recorded launch; the memo names the request. */
  private async start(row: RequestEntity): Promise<string> {
    if (!row.launch) throw new Error(`request ${row.id} has no launch recorded`);
    const handle = await this.client.workflow.start(row.launch.workflowType, {
      taskQueue: this.options.taskQueue,
      workflowId: row.workflowId,
      args: row.launch.args,
      memo: { requestId: row.id },
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: REQUEST_STATUS_ATTRIBUTE, value: row.status },
        { key: REQUESTER_ATTRIBUTE, value: row.requester },
      ],
    });
    return handle.firstExecutionRunId;
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
    // Accepted but not started yet: resumeUnconfirmed will start it, so its locks still count.
    if (request && !request.runId && request.launch) return false;
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
