import { In, type DataSource } from 'typeorm';
import { RequestStatus } from '../../contracts/request-status';
import { RequestEntity } from '../../persistence/entities';

/** Narrows a page of requests; every value is already checked. */
export interface RequestPageFilter {
  status?: string;
  failedSystem?: string;
  requester?: string;
  kind?: string;
}

/** The service desk's reads of the request projection: pages of it, the parked requests. */
export class RequestQueries {
  constructor(private readonly dataSource: DataSource) {}

  private get requests() {
    return this.dataSource.getRepository(RequestEntity);
  }

  async exists(id: string): Promise<boolean> {
    return this.requests.existsBy({ id });
  }

  /**
   * Up to `take` requests, newest first, after the request `afterId` when given. Keyset paging on
   * (createdAt, id): the cursor's timestamp is read back from the database, so the comparison uses
   * its full precision (PostgreSQL keeps microseconds, JavaScript dates do not).
   */
  async page(filter: RequestPageFilter, take: number, afterId?: string): Promise<RequestEntity[]> {
    const query = this.requests.createQueryBuilder('r');
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.failedSystem) query.andWhere('r.failedSystem = :system', { system: filter.failedSystem });
    if (filter.requester) query.andWhere('r.requester = :requester', { requester: filter.requester });
    if (filter.kind) query.andWhere('r.kind = :kind', { kind: filter.kind });
    if (afterId !== undefined) {
      const at = '(SELECT c."createdAt" FROM requests c WHERE c.id = :cursorId)';
      query.andWhere(`(r.createdAt < ${at} OR (r.createdAt = ${at} AND r.id < :cursorId))`, {
        cursorId: afterId,
      });
    }
    return query.orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC').take(take).getMany();
  }

  /** Up to `take` requests the projection shows parked (NEEDS_ATTENTION), oldest first. */
  async parked(
    filter: { failedSystem?: string; requester?: string },
    take: number,
  ): Promise<RequestEntity[]> {
    return this.requests.find({
      where: {
        status: RequestStatus.NEEDS_ATTENTION,
        ...(filter.failedSystem ? { failedSystem: filter.failedSystem } : {}),
        ...(filter.requester ? { requester: filter.requester } : {}),
      },
      order: { createdAt: 'ASC' },
      take,
    });
  }

  /** The projection rows of these workflow executions (run ids, and the workflow ids of the same runs). */
  async ofExecutions(runIds: readonly string[], workflowIds: readonly string[]): Promise<RequestEntity[]> {
    const byRun = await this.requests.findBy({ runId: In([...runIds]) });
    // Child requests are recorded without a run id: their running row is found by workflow id.
    const matched = new Set(byRun.map((row) => row.workflowId));
    const unmatched = workflowIds.filter((id) => !matched.has(id));
    const children =
      unmatched.length === 0
        ? []
        : (
            await this.requests.find({ where: { workflowId: In(unmatched) }, order: { createdAt: 'DESC' } })
          ).filter(
            (row, index, all) =>
              row.runId === null && all.findIndex((other) => other.workflowId === row.workflowId) === index,
          );
    return [...byRun, ...children];
  }
}
