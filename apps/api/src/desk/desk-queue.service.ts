import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { RequestStatus } from '../../../../libs/contracts/request-status';
import {
  FAILED_SYSTEM_ATTRIBUTE,
  REQUEST_STATUS_ATTRIBUTE,
  REQUESTER_ATTRIBUTE,
} from '../../../../libs/contracts/search-attributes';
import type { SystemName } from '../../../../libs/contracts/systems';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { cleanText, TextField } from '../../../../libs/domain/text-input';
import { RequestEntity } from '../../../../libs/persistence/entities';
import type { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { TemporalClientHolder } from '../temporal/temporal-client.provider';
import type { DeskRequestFilter } from './dto/desk-requests.args';
import type { RequestPageModel } from './desk.models';

const KIND = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_PAGE = 100;
/** More parked requests than this at once is an outage, not a queue: the desk filters by system. */
const MAX_STUCK = 500;

/** Cursors are opaque to clients: the id of the page's last request. */
export function encodeCursor(id: string): string {
  return Buffer.from(`request:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^request:([0-9a-f-]{36})$/.exec(text);
  if (!match) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'after: not a cursor from this queue; pass the endCursor of the previous page, or leave it out for the first page',
    );
  }
  return match[1];
}

/**
 * The service desk's view of requests: the whole projection, paged newest first, and the parked
 * requests, cross-checked against Temporal's visibility (search attributes), which also finds parked
 * requests whose projection write has not landed yet.
 */
@Injectable()
export class DeskQueueService {
  private readonly logger = new Logger(DeskQueueService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly views: RequestViewService,
    private readonly temporal: TemporalClientHolder,
  ) {}

  async page(filter: DeskRequestFilter = {}, first = 20, after?: string): Promise<RequestPageModel> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `first: ask for 1 to ${MAX_PAGE} requests per page`,
      );
    }
    const query = this.dataSource.getRepository(RequestEntity).createQueryBuilder('r');
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.system) query.andWhere('r.failedSystem = :system', { system: filter.system });
    if (filter.requester)
      query.andWhere('r.requester = :requester', { requester: cleanText(filter.requester, TextField.LOGIN) });
    if (filter.kind !== undefined) {
      const kind = filter.kind.trim().toUpperCase();
      if (!KIND.test(kind))
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          'kind: use a request kind such as NEW_PERSONAL_NUMBER',
        );
      query.andWhere('r.kind = :kind', { kind });
    }
    if (after !== undefined) await this.startAfter(query, decodeCursor(after));
    const rows = await query
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    return {
      nodes: nodes.map((row) => this.views.fromProjection(row)),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1].id) : undefined,
      },
    };
  }

  /**
   * Keyset paging on (createdAt, id). The cursor's timestamp is read back from the database, so the
   * comparison uses its full precision (PostgreSQL keeps microseconds, JavaScript dates do not).
   */
  private async startAfter(query: SelectQueryBuilder<RequestEntity>, id: string): Promise<void> {
    const exists = await this.dataSource.getRepository(RequestEntity).existsBy({ id });
    if (!exists) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'after: that request is no longer in the queue; start again from the first page',
      );
    }
    const at = '(SELECT c."createdAt" FROM requests c WHERE c.id = :cursorId)';
    query.andWhere(`(r.createdAt < ${at} OR (r.createdAt = ${at} AND r.id < :cursorId))`, { cursorId: id });
  }

  /** Parked requests (NEEDS_ATTENTION), live, oldest first: the ones waiting longest come first. */
  async stuck(system?: SystemName | null, requesterText?: string | null): Promise<RequestModel[]> {
    // GraphQL passes an explicit null for a filter left empty: the same as no filter.
    const requester = requesterText == null ? undefined : cleanText(requesterText, TextField.LOGIN);
    const fromProjection = await this.dataSource.getRepository(RequestEntity).find({
      where: {
        status: RequestStatus.NEEDS_ATTENTION,
        ...(system ? { failedSystem: system } : {}),
        ...(requester ? { requester } : {}),
      },
      order: { createdAt: 'ASC' },
      take: MAX_STUCK,
    });
    const known = new Set(fromProjection.map((row) => row.id));
    const lagging = (await this.parkedInTemporal(system ?? undefined, requester)).filter(
      (row) => !known.has(row.id),
    );
    const candidates = [...fromProjection, ...lagging];
    // The live timeline is the last word: a request resolved a moment ago drops out.
    const views = await Promise.all(candidates.map((row) => this.views.view(row)));
    return views
      .filter((view) => view.status === RequestStatus.NEEDS_ATTENTION)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Requests Temporal's visibility lists as parked, matched to their projection rows. */
  private async parkedInTemporal(system?: SystemName, requester?: string): Promise<RequestEntity[]> {
    // Both values are validated (an enum, a login), so they are safe inside the quoted literals.
    const clauses = [
      `${REQUEST_STATUS_ATTRIBUTE.name} = '${RequestStatus.NEEDS_ATTENTION}'`,
      `ExecutionStatus = 'Running'`,
      ...(system ? [`${FAILED_SYSTEM_ATTRIBUTE.name} = '${system}'`] : []),
      ...(requester ? [`${REQUESTER_ATTRIBUTE.name} = '${requester}'`] : []),
    ];
    const runIds: string[] = [];
    const workflowIds: string[] = [];
    try {
      for await (const execution of this.temporal.client.workflow.list({ query: clauses.join(' AND ') })) {
        runIds.push(execution.runId);
        workflowIds.push(execution.workflowId);
        if (runIds.length >= MAX_STUCK) break;
      }
    } catch (error) {
      this.logger.warn(
        `Temporal visibility unavailable, listing parked requests from the projection only: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
    if (runIds.length === 0) return [];
    const repo = this.dataSource.getRepository(RequestEntity);
    const byRun = await repo.findBy({ runId: In(runIds) });
    // Child requests are recorded without a run id: their running row is found by workflow id.
    const matched = new Set(byRun.map((row) => row.workflowId));
    const unmatched = workflowIds.filter((id) => !matched.has(id));
    const children =
      unmatched.length === 0
        ? []
        : (await repo.find({ where: { workflowId: In(unmatched) }, order: { createdAt: 'DESC' } })).filter(
            (row, index, all) =>
              row.runId === null && all.findIndex((other) => other.workflowId === row.workflowId) === index,
          );
    return [...byRun, ...children];
  }
}
