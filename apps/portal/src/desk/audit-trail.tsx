import { useState } from 'react';
import { RequestAuditDocument } from '../api/generated/desk';
import { when } from '../pages/request-labels';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/notice';
import { Table } from '../ui/table';
import { useLoad } from '../ui/use-async';

/** Who did what on a request (service desk only), read when asked for. */
export function AuditTrail({ requestId, version }: { requestId: string; version: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="card">
      <h2>Audit trail</h2>
      {shown ? (
        <AuditTable requestId={requestId} version={version} />
      ) : (
        <Button onClick={() => setShown(true)}>Show the audit trail</Button>
      )}
    </div>
  );
}

function AuditTable({ requestId, version }: { requestId: string; version: string }) {
  const { call } = useSession();
  const audit = useLoad(
    () => call(RequestAuditDocument, { id: requestId }).then((d) => d.requestAudit),
    `${requestId}-${version}`,
  );
  return (
    <>
      <ErrorMessage error={audit.error} />
      {audit.data ? (
        <Table
          caption="Audit trail"
          rows={audit.data}
          rowKey={(e) => String(e.id)}
          empty="Nothing recorded yet."
          columns={[
            { header: 'When', cell: (e) => when(e.at) },
            { header: 'Who', cell: (e) => (e.onBehalfOf ? `${e.actor} for ${e.onBehalfOf}` : e.actor) },
            { header: 'Action', cell: (e) => e.action },
            { header: 'Result', cell: (e) => e.result },
            { header: 'Reason', cell: (e) => e.reason ?? '—' },
            { header: 'Detail', cell: (e) => e.detail ?? '' },
          ]}
        />
      ) : null}
    </>
  );
}
