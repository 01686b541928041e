import type { ApiWorld } from './api-world';

// Reconciliation and repair through GraphQL, as the service desk's console drives them.

export const RECONCILIATION_GQL = {
  start: `mutation($pageSize: Int) { startReconciliation(pageSize: $pageSize) { id status } }`,
  report: `query($id: ID!, $first: Int, $after: String) { reconciliationReport(id: $id, first: $first, after: $after) {
  run { id status startedBy finishedAt systems { system status checked drift error } }
  items { system resourceType resource kind message repairRequestId }
  pageInfo { hasNextPage endCursor } } }`,
  repair: `mutation($resource: String!) { repairDrift(resource: $resource) { id kind status requester actor subject } }`,
  request: `query($id: ID!) { request(id: $id) { id status failureReason steps { id status undo note lastError } } }`,
} as const;

export interface ReconciliationReport {
  run: {
    id: string;
    status: string;
    startedBy: string;
    systems: Array<{ system: string; status: string; checked: number; drift: number; error: string | null }>;
  };
  items: Array<{
    system: string;
    resourceType: string;
    resource: string;
    kind: string;
    message: string;
    repairRequestId: string | null;
  }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface RepairRequestView {
  id: string;
  status: string;
  failureReason: string | null;
  steps: Array<{ id: string; status: string; undo: string; note: string | null; lastError: string | null }>;
}

/** `SYSTEM:resource:KIND`, the shape drift assertions compare. */
export const driftKey = (i: { system: string; resource: string; kind: string }) =>
  `${i.system}:${i.resource}:${i.kind}`;

export function reconciliationApi(api: ApiWorld, user: string, timeoutMs = 120_000) {
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await api.graphql<T>(query, { user, variables });
    if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data!;
  };

  async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T | undefined;
    while (Date.now() < deadline) {
      last = await read();
      if (done(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${what} never finished: ${JSON.stringify(last)}`);
  }

  const page = async (id: string, after?: string | null) =>
    (
      await gql<{ reconciliationReport: ReconciliationReport }>(RECONCILIATION_GQL.report, {
        id,
        first: 1000,
        after,
      })
    ).reconciliationReport;

  return {
    /** Runs a reconciliation to its end and returns every drift item (all pages). */
    async reconcile(pageSize = 500): Promise<ReconciliationReport> {
      const { startReconciliation } = await gql<{ startReconciliation: { id: string } }>(
        RECONCILIATION_GQL.start,
        { pageSize },
      );
      const finished = await poll(
        () => page(startReconciliation.id),
        (r) => r.run.status !== 'RUNNING',
        'reconciliation',
      );
      const items = [...finished.items];
      let current = finished;
      while (current.pageInfo.hasNextPage) {
        current = await page(finished.run.id, current.pageInfo.endCursor);
        items.push(...current.items);
      }
      return { ...finished, items };
    },

    /** Starts a repair of the resource and waits for the request to end. */
    async repair(resource: string): Promise<RepairRequestView> {
      const { repairDrift } = await gql<{ repairDrift: { id: string } }>(RECONCILIATION_GQL.repair, {
        resource,
      });
      return poll(
        async () =>
          (await gql<{ request: RepairRequestView }>(RECONCILIATION_GQL.request, { id: repairDrift.id }))
            .request,
        (r) => ['COMPLETED', 'FAILED', 'CANCELLED', 'NEEDS_ATTENTION'].includes(r.status),
        `repair of ${resource}`,
      );
    },
  };
}
