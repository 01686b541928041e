import { In, MoreThan, type DataSource } from 'typeorm';
import type { SystemScan } from '../contracts/reconciliation';
import { DriftItemEntity, ReconciliationRunEntity } from '../persistence/entities';
import type { DriftFinding } from './compare';

/** Reconciliation runs and the drift they found (tables `reconciliation_runs`, `reconciliation_drift`). */
export class ReconciliationStore {
  constructor(private readonly dataSource: DataSource) {}

  async createRun(run: {
    id: string;
    workflowId: string;
    startedBy: string;
  }): Promise<ReconciliationRunEntity> {
    const repo = this.dataSource.getRepository(ReconciliationRunEntity);
    return repo.save(
      repo.create({ ...run, status: 'RUNNING', systems: null, startedAt: new Date(), finishedAt: null }),
    );
  }

  async deleteRun(id: string): Promise<void> {
    await this.dataSource.getRepository(ReconciliationRunEntity).delete({ id });
  }

  async finishRun(id: string, status: string, systems: Record<string, SystemScan>): Promise<void> {
    await this.dataSource
      .getRepository(ReconciliationRunEntity)
      .update({ id }, { status, systems, finishedAt: new Date() });
  }

  findRun(id: string): Promise<ReconciliationRunEntity | null> {
    return this.dataSource.getRepository(ReconciliationRunEntity).findOneBy({ id });
  }

  latestRuns(limit: number): Promise<ReconciliationRunEntity[]> {
    return this.dataSource
      .getRepository(ReconciliationRunEntity)
      .find({ order: { startedAt: 'DESC' }, take: limit });
  }

  /** Idempotent: a retried page writes each item once (unique per run, system, resource and kind). */
  async recordDrift(runId: string, findings: DriftFinding[]): Promise<void> {
    if (findings.length === 0) return;
    const detectedAt = new Date();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DriftItemEntity)
      .values(
        findings.map((f) => ({
          ...f,
          runId,
          message: f.message.slice(0, 300),
          detectedAt,
          repairRequestId: null,
        })),
      )
      .orIgnore()
      .execute();
  }

  /** A run's drift items in the order found, after the item id `after`. */
  driftPage(
    runId: string,
    options: { after?: number; limit: number; system?: string; resource?: string },
  ): Promise<DriftItemEntity[]> {
    return this.dataSource.getRepository(DriftItemEntity).find({
      where: {
        runId,
        ...(options.after === undefined ? {} : { id: MoreThan(options.after) }),
        ...(options.system ? { system: options.system } : {}),
        ...(options.resource ? { resource: options.resource } : {}),
      },
      order: { id: 'ASC' },
      take: options.limit,
    });
  }

  /** The repair request started for a resource's items in a run. */
  async markRepair(runId: string, resource: string, requestId: string): Promise<number> {
    const repo = this.dataSource.getRepository(DriftItemEntity);
    const items = await repo.findBy({ runId, resource });
    if (items.length > 0)
      await repo.update({ id: In(items.map((i) => i.id)) }, { repairRequestId: requestId });
    return items.length;
  }
}
