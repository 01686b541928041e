import { useState } from 'react';
import {
  ReconciliationReportDocument,
  ReconciliationRunsDocument,
  RepairDriftDocument,
  StartReconciliationDocument,
} from '../api/generated/reconciliation';
import type { DriftItem } from '../api/types';
import { useStartRequest } from '../pages/use-start-request';
import { when } from '../pages/request-labels';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/notice';
import { StatusPill } from '../ui/status-pill';
import { Table } from '../ui/table';
import { useAction, useLoad, useReloadWhile } from '../ui/use-async';

/** Compare the inventory with every system, list the drift, and start a repair per resource. */
export function ReconciliationPanel() {
  const { call, version } = useSession();
  const runs = useLoad(
    () => call(ReconciliationRunsDocument).then((d) => d.reconciliationRuns),
    `runs-${version}`,
  );
  const [shown, setShown] = useState<string | null>(null);
  const running = runs.data?.some((r) => r.status === 'RUNNING') ?? false;
  // A run takes a while: read the runs again every 2 s until none is running, so it ends on screen.
  useReloadWhile(running, runs.reload, 2000);
  const start = useAction(async () => {
    await call(StartReconciliationDocument);
    runs.reload();
  });
  return (
    <div className="card">
      <div className="page-head">
        <h2>Reconciliation</h2>
        <span className="actions">
          <Button onClick={runs.reload}>Refresh</Button>
          <Button variant="primary" busy={start.busy} onClick={() => void start.run()}>
            Compare the inventory with the systems
          </Button>
        </span>
      </div>
      <ErrorMessage error={runs.error ?? start.error} />
      {runs.data ? (
        <Table
          caption="Latest reconciliation runs"
          rows={runs.data}
          rowKey={(r) => r.id}
          empty="No reconciliation has run yet."
          columns={[
            { header: 'Started', cell: (r) => `${when(r.startedAt)} by ${r.startedBy}` },
            { header: 'Status', cell: (r) => <StatusPill status={r.status} /> },
            {
              header: 'Drift',
              cell: (r) =>
                r.systems
                  .map(
                    (s) =>
                      `${s.system.toLowerCase()}: ${s.status === 'FAILED' ? `failed (${s.error ?? ''})` : s.drift}`,
                  )
                  .join(', '),
            },
            {
              header: 'Report',
              className: 'cell-actions',
              cell: (r) => (
                <Button onClick={() => setShown(shown === r.id ? null : r.id)} aria-expanded={shown === r.id}>
                  {shown === r.id ? 'Hide' : 'Show'} drift
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {shown ? <DriftReport runId={shown} /> : null}
    </div>
  );
}

function DriftReport({ runId }: { runId: string }) {
  const { call, version } = useSession();
  const report = useLoad(
    () => call(ReconciliationReportDocument, { id: runId }).then((d) => d.reconciliationReport.items),
    `report-${runId}-${version}`,
  );
  return (
    <>
      <h3>Drift found</h3>
      <ErrorMessage error={report.error} />
      {report.data ? (
        <Table
          caption="Drift items"
          rows={report.data}
          rowKey={(i) => String(i.id)}
          empty="No drift: every system agrees with the inventory."
          columns={[
            { header: 'System', cell: (i) => i.system.toLowerCase() },
            { header: 'Resource', cell: (i) => <code>{i.resource}</code> },
            { header: 'Kind', cell: (i) => i.kind },
            { header: 'What', cell: (i) => i.message },
            { header: 'Repair', className: 'cell-actions', cell: (i) => <RepairButton item={i} /> },
          ]}
        />
      ) : null}
    </>
  );
}

function RepairButton({ item }: { item: DriftItem }) {
  const repair = useStartRequest(RepairDriftDocument, 'repairDrift');
  return (
    <>
      <Button
        busy={repair.busy}
        disabledReason={item.repairRequestId ? 'A repair was already started.' : null}
        onClick={() => void repair.run({ resource: item.resource })}
      >
        Repair<span className="visually-hidden"> {item.resource}</span>
      </Button>
      <ErrorMessage error={repair.error} />
    </>
  );
}
