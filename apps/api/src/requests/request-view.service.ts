import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { progressQuery } from '../../../../libs/contracts/messages';
import type { RequestProgress, StepProgress } from '../../../../libs/contracts/progress';
import { isTerminalStatus } from '../../../../libs/contracts/request-status';
import type { RequestEntity } from '../../../../libs/persistence/entities';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
import type { RequestModel, RequestStepModel } from './request.model';

type PendingActivity = NonNullable<WorkflowExecutionDescription['raw']['pendingActivities']>[number];

/**
 * Builds what people see of a request. While the workflow runs, the timeline is read live from its
 * `progress` query and merged with the attempts of an activity that is retrying right now; once it
 * has ended, the projection in the database holds the final timeline.
 */
@Injectable()
export class RequestViewService {
  private readonly logger = new Logger(RequestViewService.name);

  constructor(
    private readonly temporal: TemporalClientHolder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(row: RequestEntity): Promise<RequestModel> {
    const progress = await this.progressOf(row);
    return this.toModel(row, progress);
  }

  /** The request as last recorded in the projection, without asking its workflow (long lists). */
  fromProjection(row: RequestEntity): RequestModel {
    return this.toModel(row, row.progress);
  }

  /** The request as just accepted, without asking the workflow (which may not have run yet). */
  accepted(row: RequestEntity): RequestModel {
    return this.toModel(row, row.progress);
  }

  private async progressOf(row: RequestEntity): Promise<RequestProgress | null> {
    if (row.progress && isTerminalStatus(row.progress.status)) return row.progress;
    try {
      const handle = this.temporal.client.workflow.getHandle(row.workflowId, row.runId ?? undefined);
      const [progress, description] = await Promise.all([handle.query(progressQuery), handle.describe()]);
      return mergeRetryingActivities(progress, description.raw.pendingActivities ?? []);
    } catch (error) {
      // No worker yet, or Temporal briefly away: the projection is the best we have.
      this.logger.warn(
        `live progress of ${row.id} unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return row.progress;
    }
  }

  private toModel(row: RequestEntity, progress: RequestProgress | null): RequestModel {
    const steps: RequestStepModel[] = (progress?.steps ?? []).map((s) => ({
      ...s,
      startedAt: s.startedAt ? new Date(s.startedAt) : undefined,
      finishedAt: s.finishedAt ? new Date(s.finishedAt) : undefined,
    }));
    const parked = progress?.parked;
    return {
      id: row.id,
      kind: row.kind,
      status: progress?.status ?? row.status,
      requester: row.requester,
      actor: row.actor,
      subject: progress?.subject ?? row.subject ?? undefined,
      number: progress?.result?.number,
      failureReason: progress?.failureReason ?? row.failureReason ?? undefined,
      pastPointOfNoReturn: progress?.pastPointOfNoReturn ?? false,
      steps,
      parked: parked
        ? {
            ...parked,
            since: new Date(parked.since),
            decidesAt: parked.decidesAt ? new Date(parked.decidesAt) : undefined,
          }
        : undefined,
      createdAt: row.createdAt,
      updatedAt: progress ? new Date(progress.updatedAt) : row.updatedAt,
      finishedAt: row.finishedAt ?? undefined,
      workflowUrl: `${this.config.temporal.uiUrl}/namespaces/${encodeURIComponent(this.config.temporal.namespace)}/workflows/${encodeURIComponent(row.workflowId)}${row.runId ? `/${row.runId}` : ''}/history`,
    };
  }
}

/**
 * Activity ids are `<stepId>#<round>` for a step and `<stepId>#undo<round>` for its undo, so an
 * activity that is retrying right now shows its attempts and last error on the right line.
 */
export function mergeRetryingActivities(
  progress: RequestProgress,
  pending: PendingActivity[],
): RequestProgress {
  const steps = progress.steps.map((step): StepProgress => {
    const activity = pending.find((a) => a.activityId?.split('#')[0] === step.id);
    if (!activity?.activityId) return step;
    const attempt = activity.attempt ?? 1;
    const lastError = activity.lastFailure?.message ?? undefined;
    const isUndo = activity.activityId.split('#')[1]?.startsWith('undo') ?? false;
    if (isUndo && step.undo === 'RUNNING') {
      return {
        ...step,
        undoAttempts: step.undoAttempts + attempt,
        ...(lastError ? { undoError: lastError } : {}),
      };
    }
    if (!isUndo && step.status === 'RUNNING') {
      return { ...step, attempts: step.attempts + attempt, ...(lastError ? { lastError } : {}) };
    }
    return step;
  });
  return { ...progress, steps };
}
