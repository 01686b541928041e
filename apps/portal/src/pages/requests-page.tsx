import { MyRequestsDocument } from '../api/generated/requests';
import type { RequestSummary } from '../api/types';
import { Link, requestPath } from '../router';
import { useSession } from '../session';
import { ErrorMessage } from '../ui/notice';
import { Loading } from '../ui/spinner';
import { StatusPill } from '../ui/status-pill';
import { Table } from '../ui/table';
import { useLoad } from '../ui/use-async';
import { kindLabel, when } from './request-labels';

export function RequestsPage() {
  const { call, version } = useSession();
  const data = useLoad(() => call(MyRequestsDocument).then((d) => d.myRequests), `requests-${version}`);
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Your requests</h1>
      <p className="lead">Every change you asked for, newest first. Open one to follow it step by step.</p>
      {data.loading && !data.data ? <Loading what="your requests" /> : null}
      <ErrorMessage error={data.error} />
      {data.data ? <RequestTable rows={data.data} empty="You have not made any request yet." /> : null}
    </section>
  );
}

export function RequestTable({
  rows,
  empty,
  showRequester,
}: {
  rows: RequestSummary[];
  empty: string;
  showRequester?: boolean;
}) {
  return (
    <Table
      caption="Requests"
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        {
          header: 'Request',
          cell: (r) => <Link to={requestPath(r.id)}>{kindLabel(r.kind)}</Link>,
        },
        { header: 'Number or MAC', cell: (r) => r.number ?? r.subject ?? '—' },
        ...(showRequester
          ? [
              {
                header: 'For',
                cell: (r: RequestSummary) =>
                  r.actor !== r.requester ? `${r.requester} (by ${r.actor})` : r.requester,
              },
            ]
          : []),
        { header: 'Status', cell: (r) => <StatusPill status={r.status} /> },
        { header: 'Asked', cell: (r) => when(r.createdAt) },
        {
          header: 'Detail',
          cell: (r) => r.parked?.error ?? r.failureReason ?? '',
        },
      ]}
    />
  );
}
