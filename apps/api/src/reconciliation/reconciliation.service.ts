import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import {
  RECONCILED_SYSTEMS,
  RECONCILIATION,
  reconciliationProgressQuery,
  REPAIR_DRIFT,
  type ReconciliationInput,
  type ReconciliationProgress,
  type RepairDriftInput,
  type RepairTarget,
  type SystemScan,
} from '../../../../libs/contracts/reconciliation';
import { RequestKind } from '../../../../libs/contracts/request-kind';
import type { SystemName } from '../../../../libs/contracts/systems';
import { workflowIds } from '../../../../libs/contracts/workflow-ids';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { parseMacAddress } from '../../../../libs/domain/mac-address';
import { isExtension } from '../../../../libs/domain/number-pool';
import type { ReconciliationRunEntity, RequestEntity } from '../../../../libs/persistence/entities';
import { ReconciliationStore } from '../../../../libs/reconciliation/reconciliation-store';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import { lockKeys, ResourceLocks } from '../../../../libs/requests/resource-locks';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
import type { ReconciliationReportModel, ReconciliationRunModel } from './reconciliation.models';

/** One reconciliation at a time: a second run would only read everything twice. */
const RUN_LOCK = 'reconciliation';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const runWorkflowId = (runId: string) => `reconciliation-${runId}`;

export function encodeDriftCursor(id: number): string {
  return Buffer.from(`drift:${id}`).toString('base64url');
}

function decodeDriftCursor(cursor: string): number {
  const match = /^drift:(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'after: not a cursor of this report; pass the endCursor of the previous page',
    );
  }
  return Number(match[1]);
}

/** Starts reconciliation runs, reads their reports, and starts repairs of drifted resources. */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly store: ReconciliationStore,
    private readonly locks: ResourceLocks,
    private readonly temporal: TemporalClientHolder,
    private readonly launcher: RequestLauncher,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(
    actor: string,
    pageSize = this.config.reconciliation.pageSize,
  ): Promise<ReconciliationRunModel> {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'pageSize: read 1 to 5000 resources per page');
    }
    const runId = randomUUID();
    const workflowId = runWorkflowId(runId);
    await this.takeRunLock(runId, workflowId);
    try {
      const run = await this.store.createRun({ id: runId, workflowId, startedBy: actor });
      const input: ReconciliationInput = { runId, pageSize, settings: this.config.workflow };
      await this.temporal.client.workflow.start(RECONCILIATION, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId,
        args: [input],
      });
      await this.audit.record({ actor, action: 'START_RECONCILIATION', target: runId, result: 'OK' });
      return this.toModel(run, null);
    } catch (error) {
      await this.locks.release(runId);
      await this.store.deleteRun(runId);
      throw error;
    }
  }

  private async takeRunLock(runId: string, workflowId: string): Promise<void> {
    let outcome = await this.locks.acquire([RUN_LOCK], runId, workflowId);
    if (!outcome.acquired && !(await this.isRunning(outcome.heldBy.workflowId))) {
      // Its workflow ended without releasing (terminated by hand): the lock is stale.
      await this.locks.release(outcome.heldBy.requestId);
      outcome = await this.locks.acquire([RUN_LOCK], runId, workflowId);
    }
    if (!outcome.acquired) {
      throw new DomainError(
        DomainErrorCode.REQUEST_IN_PROGRESS,
        `A reconciliation is already running (run ${outcome.heldBy.requestId}). Wait for it to finish, or open its report.`,
      );
    }
  }

  private async isRunning(workflowId: string): Promise<boolean> {
    try {
      return (await this.temporal.client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
    } catch {
      return false;
    }
  }

  async runs(first: number): Promise<ReconciliationRunModel[]> {
    const runs = await this.store.latestRuns(Math.min(Math.max(first, 1), 100));
    return Promise.all(runs.map(async (run) => this.toModel(run, await this.liveProgress(run))));
  }

  async report(
    id: string,
    options: { first: number; after?: string; system?: SystemName },
  ): Promise<ReconciliationReportModel> {
    const run = UUID.test(id) ? await this.store.findRun(id) : null;
    if (!run) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `There is no reconciliation run ${id.slice(0, 64)}. List the runs with reconciliationRuns.`,
      );
    }
    if (!Number.isInteger(options.first) || options.first < 1 || options.first > 1000)
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'first: ask for 1 to 1000 drift items per page');
    const items = await this.store.driftPage(id, {
      after: options.after === undefined ? undefined : decodeDriftCursor(options.after),
      limit: options.first + 1,
      system: options.system,
    });
    const page = items.slice(0, options.first);
    return {
      run: this.toModel(run, await this.liveProgress(run)),
      items: page.map((item) => ({
        ...item,
        system: item.system as SystemName,
        repairRequestId: item.repairRequestId ?? undefined,
      })),
      pageInfo: {
        hasNextPage: items.length > options.first,
        endCursor: page.length > 0 ? encodeDriftCursor(page[page.length - 1].id) : undefined,
      },
    };
  }

  /**
   * Starts a repair request for one resource: a 5-digit number or a phone's MAC. The repair re-reads
   * the inventory and the systems when it runs, so a stale report cannot make it do the wrong thing.
   */
  async repair(actor: string, resourceText: string, runId?: string): Promise<RequestEntity> {
    const text = resourceText.trim();
    if (/^\d+$/.test(text) && !isExtension(text)) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'resource: a number has 5 digits, e.g. 70012; a phone is named by its MAC, e.g. 00:04:f2:aa:00:01',
      );
    }
    const target: RepairTarget = isExtension(text)
      ? { type: 'number', number: text }
      : { type: 'phone', mac: parseMacAddress(text) };
    const resource = target.type === 'number' ? target.number : target.mac;
    const run = runId === undefined ? (await this.store.latestRuns(1))[0] : await this.store.findRun(runId);
    if (runId !== undefined && !run)
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `There is no reconciliation run ${runId.slice(0, 64)}.`,
      );
    const row = await this.launcher.launch<RepairDriftInput>({
      kind: target.type === 'number' ? RequestKind.REPAIR_NUMBER : RequestKind.REPAIR_PHONE,
      workflowType: REPAIR_DRIFT,
      workflowId: target.type === 'number' ? workflowIds.number(resource) : workflowIds.phone(resource),
      locks: [target.type === 'number' ? lockKeys.number(resource) : lockKeys.mac(resource)],
      // The repair is the service desk's own request, even when it acts for someone else.
      requester: actor,
      actor,
      subject: resource,
      input: (common) => ({ ...common, target }),
    });
    if (run) await this.store.markRepair(run.id, resource, row.id);
    return row;
  }

  private async liveProgress(run: ReconciliationRunEntity): Promise<ReconciliationProgress | null> {
    if (run.status !== 'RUNNING') return null;
    try {
      return await this.temporal.client.workflow.getHandle(run.workflowId).query(reconciliationProgressQuery);
    } catch (error) {
      this.logger.warn(`live progress of reconciliation ${run.id} unavailable: ${String(error)}`);
      return null;
    }
  }

  private toModel(run: ReconciliationRunEntity, live: ReconciliationProgress | null): ReconciliationRunModel {
    const systems: Record<string, SystemScan> = live?.systems ?? run.systems ?? {};
    return {
      id: run.id,
      status: live?.status ?? run.status,
      startedBy: run.startedBy,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt ?? undefined,
      systems: RECONCILED_SYSTEMS.map((system) => ({
        system,
        ...(systems[system] ?? { status: 'PENDING', checked: 0, drift: 0 }),
      })),
      workflowUrl: `${this.config.temporal.uiUrl}/namespaces/${encodeURIComponent(this.config.temporal.namespace)}/workflows/${encodeURIComponent(run.workflowId)}/history`,
    };
  }
}
