import { Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { AuditLog, type AuditRecord } from '../../../../libs/audit/audit-log';
import { cancelUpdate, resolveUpdate } from '../../../../libs/contracts/messages';
import type { RequestProgress, ResolveAction } from '../../../../libs/contracts/progress';
import { isTerminalStatus } from '../../../../libs/contracts/request-status';
import { DomainError, DomainErrorCode, isDomainError } from '../../../../libs/domain/domain-error';
import { PortalAction } from '../../../../libs/domain/permissions';
import { cleanText, TextField } from '../../../../libs/domain/text-input';
import type { RequestEntity } from '../../../../libs/persistence/entities';
import { RequestStore } from '../../../../libs/requests/request-store';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A workflow that has not taken an update within this time has no worker: say so instead of hanging. */
const UPDATE_DEADLINE_MS = 30_000;

interface Action {
  /** The audit log's name for it, e.g. RESOLVE_REQUEST_RETRY. */
  auditAction: string;
  permission: PortalAction;
  /** "resolved", "cancelled": completes "This request cannot be …". */
  verb: string;
  /** Sends the update; returns the timeline the workflow answered with. */
  send: (row: RequestEntity, reason: string) => Promise<RequestProgress>;
  /** The system and a note for the audit entry, from the answered timeline. */
  describe: (progress: RequestProgress) => Pick<AuditRecord, 'system' | 'detail'>;
}

/**
 * The service desk's decisions on parked requests and the cancellation of requests: each goes to the
 * request's workflow as a validated update, and each attempt — allowed, refused or failed — is
 * written to the audit log with the actor, the person acted for, the reason and the outcome.
 */
@Injectable()
export class RequestControlService {
  constructor(
    private readonly requests: RequestStore,
    private readonly permissions: PermissionService,
    private readonly temporal: TemporalClientHolder,
    private readonly audit: AuditLog,
  ) {}

  resolve(caller: Caller, id: string, action: ResolveAction, reason: string): Promise<RequestEntity> {
    return this.act(caller, id, reason, {
      auditAction: `RESOLVE_REQUEST_${action.toUpperCase()}`,
      permission: PortalAction.RESOLVE_REQUEST,
      verb: action === 'retry' ? 'retried' : action === 'skip' ? 'skipped' : 'compensated',
      send: (row, cleaned) =>
        this.update(row, (handle) =>
          handle.executeUpdate(resolveUpdate, { args: [{ action, reason: cleaned, actor: caller.actor }] }),
        ),
      describe: (progress) => {
        const parked = progress.parked;
        if (!parked) return { detail: action };
        const what = parked.phase === 'undo' ? `the undo of step ${parked.stepId}` : `step ${parked.stepId}`;
        return { system: parked.system, detail: `${action} ${what} after: ${parked.error}` };
      },
    });
  }

  cancel(caller: Caller, id: string, reason: string): Promise<RequestEntity> {
    return this.act(caller, id, reason, {
      auditAction: 'CANCEL_REQUEST',
      permission: PortalAction.CANCEL_REQUEST,
      verb: 'cancelled',
      send: (row, cleaned) =>
        this.update(row, (handle) =>
          handle.executeUpdate(cancelUpdate, { args: [{ reason: cleaned, actor: caller.actor }] }),
        ),
      describe: (progress) => {
        const current = progress.parked
          ? progress.steps.find((s) => s.id === progress.parked?.stepId)
          : progress.steps.find((s) => s.status === 'RUNNING');
        return {
          system: current?.system,
          detail: current ? `cancelled during step ${current.id} (${progress.status})` : progress.status,
        };
      },
    });
  }

  private async act(caller: Caller, id: string, reasonText: string, action: Action): Promise<RequestEntity> {
    const row = UUID.test(id) ? await this.requests.find(id) : null;
    const base: AuditRecord = {
      actor: caller.actor,
      onBehalfOf: row && row.requester !== caller.actor ? row.requester : null,
      action: action.auditAction,
      requestId: row?.id ?? null,
      system: row?.failedSystem ?? null,
      target: row ? (row.subject ?? row.workflowId).slice(0, 120) : null,
      result: 'REFUSED',
    };
    const refuse = async (error: DomainError, reason: string | null = null): Promise<never> => {
      await this.audit.record({ ...base, reason, detail: error.message });
      throw error;
    };

    if (!row) {
      return refuse(
        new DomainError(
          DomainErrorCode.NOT_FOUND,
          // Quoted: the id is whatever the client sent, and the message is audited (PostgreSQL refuses NUL).
          `There is no request ${JSON.stringify(id.slice(0, 64))}. Check the id in the service-desk queue.`,
        ),
      );
    }
    try {
      await this.permissions.require(action.permission, caller, {
        kind: 'request',
        request: { requester: row.requester, actor: row.actor },
      });
    } catch (error) {
      if (isDomainError(error)) return refuse(error);
      throw error;
    }
    let reason: string;
    try {
      reason = cleanText(reasonText, TextField.REASON);
    } catch (error) {
      if (isDomainError(error)) return refuse(error);
      throw error;
    }
    if (isTerminalStatus(row.status)) {
      return refuse(
        new DomainError(
          DomainErrorCode.INVALID_STATE,
          `This request cannot be ${action.verb}: it is already ${row.status}.`,
        ),
        reason,
      );
    }

    let progress: RequestProgress;
    try {
      progress = await action.send(row, reason);
    } catch (error) {
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        // The update may still be delivered once a worker picks it up: the outcome is unknown, not refused.
        const unanswered = new DomainError(
          DomainErrorCode.INVALID_STATE,
          `The request's workflow did not answer within ${UPDATE_DEADLINE_MS / 1000} seconds (is a worker running?). The decision may still be applied when it does: check the request before trying again.`,
        );
        await this.audit.record({ ...base, result: 'FAILED', reason, detail: unanswered.message });
        throw unanswered;
      }
      const refusal = refusalOf(error, action.verb);
      if (refusal) return refuse(refusal, reason);
      await this.audit.record({
        ...base,
        result: 'FAILED',
        reason,
        detail: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
    await this.audit.record({ ...base, ...action.describe(progress), result: 'OK', reason });
    return row;
  }

  private update(
    row: RequestEntity,
    send: (
      handle: ReturnType<TemporalClientHolder['client']['workflow']['getHandle']>,
    ) => Promise<RequestProgress>,
  ): Promise<RequestProgress> {
    const { client } = this.temporal;
    // The run id keeps a decision from reaching a later request on the same resource; child requests
    // have none recorded, and their workflow id names the one running child.
    const handle = client.workflow.getHandle(row.workflowId, row.runId ?? undefined);
    return client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => send(handle));
  }
}

/** The workflow's validator (or Temporal) refused the update: the request is not in a state that allows it. */
function refusalOf(error: unknown, verb: string): DomainError | null {
  if (error instanceof WorkflowUpdateFailedError) {
    const why = error.cause?.message ?? error.message;
    return new DomainError(DomainErrorCode.INVALID_STATE, `This request cannot be ${verb}: ${why}.`);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError(
      DomainErrorCode.INVALID_STATE,
      `This request cannot be ${verb}: it has already finished. Refresh the queue.`,
    );
  }
  return null;
}
