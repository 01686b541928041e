import type { DataSource } from 'typeorm';
import type { RequestProgress } from '../contracts/progress';
import { isTerminalStatus, RequestStatus } from '../contracts/request-status';
import { isUniqueViolation } from '../persistence/database-errors';
import { RequestEntity, type PendingLaunch } from '../persistence/entities';

export interface NewRequest {
  id: string;
  kind: string;
  workflowId: string;
  requester: string;
  actor: string;
  subject?: string | null;
  parentId?: string | null;
  /** How to start its workflow, kept until the start is confirmed (setRunId). */
  launch?: PendingLaunch | null;
}

/** The request projection: written by the API when it accepts a request and by the workflow as it goes. */
export class RequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(request: NewRequest): Promise<RequestEntity> {
    const repo = this.dataSource.getRepository(RequestEntity);
    return repo.save(
      repo.create({
        ...request,
        subject: request.subject ?? null,
        parentId: request.parentId ?? null,
        launch: request.launch ?? null,
        runId: null,
        status: RequestStatus.ACCEPTED,
        failedSystem: null,
        failureReason: null,
        progress: null,
        finishedAt: null,
      }),
    );
  }

  /** For child requests started by a workflow: a retried activity finds the row already there. */
  async createIfAbsent(request: NewRequest): Promise<void> {
    if (await this.find(request.id)) return;
    try {
      await this.create(request);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** The workflow has started: its run, and no more launch to recover. */
  async setRunId(id: string, runId: string): Promise<void> {
    await this.dataSource.getRepository(RequestEntity).update({ id }, { runId, launch: null });
  }

  /** A request whose workflow can never start ends FAILED without having changed anything. */
  async failUnstarted(id: string, reason: string): Promise<void> {
    await this.dataSource
      .getRepository(RequestEntity)
      .update(
        { id },
        { status: RequestStatus.FAILED, failureReason: reason, launch: null, finishedAt: new Date() },
      );
  }

  /** Accepted requests whose workflow start was never confirmed, accepted before `before`. */
  async unconfirmedLaunches(before: Date, limit = 100): Promise<RequestEntity[]> {
    return this.dataSource
      .getRepository(RequestEntity)
      .createQueryBuilder('r')
      .where('r.runId IS NULL')
      .andWhere('r.launch IS NOT NULL')
      .andWhere('r.status = :status', { status: RequestStatus.ACCEPTED })
      .andWhere('r.createdAt < :before', { before })
      .orderBy('r.createdAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.getRepository(RequestEntity).delete({ id });
  }

  /** Stores the workflow's latest progress. Idempotent: the same snapshot twice changes nothing. */
  async recordProgress(progress: RequestProgress): Promise<void> {
    const failed = progress.parked ?? progress.steps.find((s) => s.status === 'FAILED');
    await this.dataSource.getRepository(RequestEntity).update(
      { id: progress.requestId },
      {
        status: progress.status,
        subject: progress.subject ?? null,
        failedSystem: failed?.system ?? null,
        failureReason: progress.failureReason ?? null,
        progress,
        finishedAt: isTerminalStatus(progress.status) ? new Date(progress.updatedAt) : null,
      },
    );
  }

  async find(id: string): Promise<RequestEntity | null> {
    return this.dataSource.getRepository(RequestEntity).findOneBy({ id });
  }

  /** Requests started by this one as child workflows, oldest first. */
  async children(parentId: string): Promise<RequestEntity[]> {
    return this.dataSource
      .getRepository(RequestEntity)
      .find({ where: { parentId }, order: { createdAt: 'ASC' } });
  }

  async listForRequester(requester: string, limit = 50): Promise<RequestEntity[]> {
    return this.dataSource
      .getRepository(RequestEntity)
      .find({ where: { requester }, order: { createdAt: 'DESC' }, take: limit });
  }
}
