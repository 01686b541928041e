import { Injectable, Logger } from '@nestjs/common';
import { RequestStatus } from '../../../../libs/contracts/request-status';
import {
  FAILED_SYSTEM_ATTRIBUTE,
  REQUEST_STATUS_ATTRIBUTE,
  REQUESTER_ATTRIBUTE,
} from '../../../../libs/contracts/search-attributes';
import type { SystemName } from '../../../../libs/contracts/systems';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { cleanText, TextField } from '../../../../libs/domain/text-input';
import type { RequestEntity } from '../../../../libs/persistence/entities';
import { RequestQueries, type RequestPageFilter } from '../../../../libs/systems/inventory/request-queries';
import type { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
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
    private readonly requests: RequestQueries,
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
    const where: RequestPageFilter = {};
    if (filter.status) where.status = filter.status;
    if (filter.system) where.failedSystem = filter.system;
    if (filter.requester) where.requester = cleanText(filter.requester, TextField.LOGIN);
    if (filter.kind !== undefined) {
      const kind = filter.kind.trim().toUpperCase();
      if (!KIND.test(kind))
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          'kind: use a request kind such as NEW_PERSONAL_NUMBER',
        );
      where.kind = kind;
    }
    const afterId = after === undefined ? undefined : await this.cursorRequest(decodeCursor(after));
    const rows = await this.requests.page(where, first + 1, afterId);
    const nodes = rows.slice(0, first);
    return {
      nodes: nodes.map((row) => this.views.fromProjection(row)),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1].id) : undefined,
      },
    };
  }

  /** The request a cursor names, if it is still in the queue (pages continue after it). */
  private async cursorRequest(id: string): Promise<string> {
    if (!(await this.requests.exists(id))) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'after: that request is no longer in the queue; start again from the first page',
      );
    }
    return id;
  }

  /** Parked requests (NEEDS_ATTENTION), live, oldest first: the ones waiting longest come first. */
  async stuck(system?: SystemName | null, requesterText?: string | null): Promise<RequestModel[]> {
    // GraphQL passes an explicit null for a filter left empty: the same as no filter.
    const requester = requesterText == null ? undefined : cleanText(requesterText, TextField.LOGIN);
    const fromProjection = await this.requests.parked(
      { failedSystem: system ?? undefined, requester },
      MAX_STUCK,
    );
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
    return this.requests.ofExecutions(runIds, workflowIds);
  }
}
