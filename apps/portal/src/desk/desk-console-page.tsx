import { useEffect, useState } from 'react';
import { DeskRequestsDocument, StuckRequestsDocument } from '../api/generated/desk';
import { SYSTEM_NAMES, type RequestStatus, type RequestSummary, type SystemName } from '../api/types';
import { RequestTable } from '../pages/requests-page';
import { kindLabel, when } from '../pages/request-labels';
import { Link, requestPath } from '../router';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/field';
import { ErrorMessage, Notice } from '../ui/notice';
import { Loading } from '../ui/spinner';
import { Table } from '../ui/table';
import { useAction, useLoad, useReloadWhile } from '../ui/use-async';
import { ActForDialog } from './act-for-dialog';
import { LegacyImportPanel } from './legacy-import-panel';
import { ReconciliationPanel } from './reconciliation-panel';
import { ResolveButtons } from './resolve-panel';

const STATUSES: RequestStatus[] = [
  'NEEDS_ATTENTION',
  'RUNNING',
  'COMPENSATING',
  'FAILED',
  'COMPLETED',
  'CANCELLED',
  'ACCEPTED',
];

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function DeskConsolePage() {
  const { viewer, identity } = useSession();
  const [system, setSystem] = useState<SystemName | ''>('');
  const [requesterText, setRequesterText] = useState('');
  const [actFor, setActFor] = useState(false);
  const requester = useDebounced(requesterText.trim().toLowerCase(), 300);

  if (!viewer) return <Loading what="your account" />;
  if (!viewer.isServiceDesk) {
    return (
      <section>
        <h1>Service desk console</h1>
        <Notice tone="warning">Only the service desk can see this console.</Notice>
      </section>
    );
  }
  return (
    <section aria-labelledby="desk-title">
      <div className="page-head">
        <h1 id="desk-title">Service desk console</h1>
        {!identity.onBehalfOf ? (
          <Button variant="primary" onClick={() => setActFor(true)}>
            Act on behalf of a user…
          </Button>
        ) : null}
      </div>
      {actFor ? <ActForDialog onClose={() => setActFor(false)} /> : null}
      <form
        className="filters"
        role="search"
        aria-label="Filter the queue"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label="System"
          value={system}
          onChange={(e) => setSystem(e.target.value as SystemName | '')}
        >
          <option value="">Any system</option>
          {SYSTEM_NAMES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Requester"
          value={requesterText}
          onChange={(e) => setRequesterText(e.target.value)}
          placeholder="login, e.g. ada"
          autoComplete="off"
        />
      </form>
      <ParkedQueue system={system} requester={requester} />
      <AllRequests system={system} requester={requester} />
      <ReconciliationPanel />
      <LegacyImportPanel />
    </section>
  );
}

function ParkedQueue({ system, requester }: { system: SystemName | ''; requester: string }) {
  const { call, version } = useSession();
  const queue = useLoad(
    () =>
      // An unused filter is left out, not sent as null: the API's stuckRequests fails on a null requester.
      call(StuckRequestsDocument, {
        system: system || undefined,
        requester: requester || undefined,
      }).then((d) => d.stuckRequests),
    `stuck-${system}-${requester}-${version}`,
  );
  const { reload } = queue;
  // The queue changes as requests park and get resolved: read it again every 5 s.
  useReloadWhile(true, reload, 5000);

  return (
    <div className="card">
      <div className="page-head">
        <h2>Parked requests</h2>
        <Button busy={queue.loading && queue.data !== undefined} onClick={reload}>
          Refresh
        </Button>
      </div>
      {queue.loading && !queue.data ? <Loading what="the queue" /> : null}
      <ErrorMessage error={queue.error} />
      {queue.data ? (
        <Table
          caption="Requests waiting for a decision, longest waiting first"
          rows={queue.data}
          rowKey={(r) => r.id}
          empty="No request is waiting for the service desk."
          columns={[
            { header: 'Request', cell: (r) => <Link to={requestPath(r.id)}>{kindLabel(r.kind)}</Link> },
            { header: 'For', cell: (r) => r.requester },
            { header: 'Number or MAC', cell: (r) => r.number ?? r.subject ?? '—' },
            {
              header: 'Parked on',
              cell: (r) =>
                r.parked
                  ? `${r.parked.system.toLowerCase()} · ${r.parked.stepId}${r.parked.phase === 'undo' ? ' (undo)' : ''}`
                  : '—',
            },
            { header: 'Error', cell: (r) => r.parked?.error ?? '' },
            { header: 'Since', cell: (r) => when(r.parked?.since) },
            {
              header: 'Decide',
              className: 'cell-actions',
              cell: (r) => (
                <div className="stack">
                  <ResolveButtons request={r} onResolved={reload} />
                  <a href={r.workflowUrl} target="_blank" rel="noreferrer">
                    Workflow in Temporal UI<span className="visually-hidden"> for {r.requester}</span>
                  </a>
                </div>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}

function AllRequests({ system, requester }: { system: SystemName | ''; requester: string }) {
  const { call, version } = useSession();
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [extra, setExtra] = useState<RequestSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const filter = { status: status || null, system: system || null, requester: requester || null };
  const first = useLoad(
    () => call(DeskRequestsDocument, { first: 20, filter }).then((d) => d.deskRequests),
    `desk-${status}-${system}-${requester}-${version}`,
  );
  useEffect(() => {
    setExtra([]);
    setCursor(first.data?.pageInfo.endCursor ?? null);
  }, [first.data]);
  const [hasMore, setHasMore] = useState(false);
  useEffect(() => setHasMore(first.data?.pageInfo.hasNextPage ?? false), [first.data]);
  const more = useAction(async () => {
    const { deskRequests } = await call(DeskRequestsDocument, {
      first: 20,
      after: cursor,
      filter,
    });
    setExtra((rows) => [...rows, ...deskRequests.nodes]);
    setCursor(deskRequests.pageInfo.endCursor);
    setHasMore(deskRequests.pageInfo.hasNextPage);
  });
  return (
    <div className="card">
      <div className="page-head">
        <h2>All requests</h2>
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as RequestStatus | '')}
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase().replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
      </div>
      {first.loading && !first.data ? <Loading what="requests" /> : null}
      <ErrorMessage error={first.error ?? more.error} />
      {first.data ? (
        <RequestTable rows={[...first.data.nodes, ...extra]} empty="No request matches." showRequester />
      ) : null}
      {hasMore ? (
        <Button busy={more.busy} onClick={() => void more.run()}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
