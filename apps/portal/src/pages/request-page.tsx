import { useEffect, useState } from 'react';
import { isTerminalStatus } from '../../../../libs/contracts/request-status';
import { decide } from '../../../../libs/domain/permissions';
import { CancelRequestDocument, RequestDocument } from '../api/generated/requests';
import type { RequestView } from '../api/types';
import { messageOf } from '../api/client';
import { ResolvePanel } from '../desk/resolve-panel';
import { AuditTrail } from '../desk/audit-trail';
import { Link } from '../router';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ErrorMessage, Notice } from '../ui/notice';
import { ReasonDialog } from '../ui/reason-dialog';
import { Loading, Spinner } from '../ui/spinner';
import { StatusPill, humanise } from '../ui/status-pill';
import { useAction } from '../ui/use-async';
import { SimulateBootButton } from './phones-page';
import { kindLabel, when } from './request-labels';
import { Timeline } from './timeline';

const POLL_MS = 1000;

/** Reads the request every second until it ends; a parked request is still followed (the desk may act). */
function useLiveRequest(id: string) {
  const { call, version } = useSession();
  const [request, setRequest] = useState<RequestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const data = await call(RequestDocument, { id });
        if (!live) return;
        setRequest(data.request);
        setError(null);
        if (!isTerminalStatus(data.request.status)) timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (!live) return;
        setError(messageOf(e));
        timer = setTimeout(() => void tick(), POLL_MS * 3);
      }
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call, id, version, round]);
  return { request, error, refresh: () => setRound((r) => r + 1) };
}

function statusSentence(request: RequestView): string {
  const running = request.steps.find((s) => s.status === 'RUNNING');
  const undoing = request.steps.find((s) => s.undo === 'RUNNING');
  switch (request.status) {
    case 'ACCEPTED':
      return 'Accepted: the request is about to start.';
    case 'RUNNING':
      return running ? `Running: ${running.action} (${running.system.toLowerCase()}).` : 'Running.';
    case 'COMPENSATING':
      return undoing
        ? `Undoing: ${undoing.action} (${undoing.system.toLowerCase()}).`
        : 'Undoing what was done.';
    case 'NEEDS_ATTENTION':
      return 'Waiting for the service desk: a step could not finish.';
    case 'COMPLETED':
      return 'Completed.';
    case 'FAILED':
      return `Failed${request.failureReason ? `: ${request.failureReason}` : '.'}`;
    case 'CANCELLED':
      return `Cancelled${request.failureReason ? `: ${request.failureReason}` : '.'}`;
  }
}

export function RequestPage({ id }: { id: string }) {
  const { viewer, settings } = useSession();
  const { request, error, refresh } = useLiveRequest(id);
  if (!request) {
    return (
      <section>
        <h1>Request</h1>
        {error ? <ErrorMessage error={error} /> : <Loading what="the request" />}
        <p>
          <Link to="/requests">All your requests</Link>
        </p>
      </section>
    );
  }
  const terminal = isTerminalStatus(request.status);
  const isDesk = viewer?.isServiceDesk ?? false;
  const waitingForBoot =
    settings?.sandbox &&
    request.kind === 'REGISTER_PHONE' &&
    request.subject &&
    request.steps.some((s) => s.status === 'RUNNING' && /boot/i.test(`${s.id} ${s.action}`));

  return (
    <section aria-labelledby="request-title">
      <p className="breadcrumb">
        <Link to="/requests">Your requests</Link>
        {isDesk ? (
          <>
            {' · '}
            <Link to="/desk">Service desk console</Link>
          </>
        ) : null}
      </p>
      <div className="page-head">
        <h1 id="request-title">
          {kindLabel(request.kind)}
          {(request.number ?? request.subject) ? (
            <span className="muted"> {request.number ?? request.subject}</span>
          ) : null}
        </h1>
        <StatusPill status={request.status} />
      </div>
      <p className="live-status" aria-live="polite" aria-atomic="true" data-testid="request-status">
        {!terminal ? <Spinner /> : null} <span>{statusSentence(request)}</span>
      </p>
      <dl className="facts facts-inline">
        <div>
          <dt>For</dt>
          <dd>{request.requester}</dd>
        </div>
        {request.actor !== request.requester ? (
          <div>
            <dt>Made by</dt>
            <dd>{request.actor}</dd>
          </div>
        ) : null}
        <div>
          <dt>Asked</dt>
          <dd>{when(request.createdAt)}</dd>
        </div>
        {request.finishedAt ? (
          <div>
            <dt>Finished</dt>
            <dd>{when(request.finishedAt)}</dd>
          </div>
        ) : null}
        {isDesk ? (
          <div>
            <dt>Workflow</dt>
            <dd>
              <a href={request.workflowUrl} target="_blank" rel="noreferrer">
                Open in the Temporal UI
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <ErrorMessage error={error} />
      {request.parked ? (
        <Notice
          tone="warning"
          title={`Parked: the ${request.parked.phase === 'undo' ? 'undo of a step' : 'step'} ran out of retries`}
        >
          <p data-testid="parked">
            Step <code>{request.parked.stepId}</code> on {request.parked.system.toLowerCase()}:{' '}
            {request.parked.error}
          </p>
          <p>
            Waiting since {when(request.parked.since)} for the service desk to{' '}
            {request.parked.allowedActions.map((a) => a.toLowerCase()).join(', ')}
            {request.parked.decidesAt
              ? `; it will be undone on its own on ${when(request.parked.decidesAt)}`
              : ''}
            .
          </p>
        </Notice>
      ) : null}
      {waitingForBoot && request.subject ? (
        <Notice tone="sandbox" title="Sandbox helper">
          <p>The registration waits for the phone to boot. No real phone here: simulate it.</p>
          <SimulateBootButton mac={request.subject} />
        </Notice>
      ) : null}
      {isDesk && request.parked ? <ResolvePanel request={request} onResolved={refresh} /> : null}
      <h2>Timeline</h2>
      <Timeline steps={request.steps} parked={request.parked} />
      {!terminal ? <CancelRequest request={request} onCancelled={refresh} /> : null}
      {isDesk ? <AuditTrail requestId={request.id} version={request.updatedAt} /> : null}
    </section>
  );
}

function CancelRequest({ request, onCancelled }: { request: RequestView; onCancelled: () => void }) {
  const { call, actor } = useSession();
  const [open, setOpen] = useState(false);
  const cancel = useAction(async (reason: string) => {
    await call(CancelRequestDocument, { id: request.id, reason });
    setOpen(false);
    onCancelled();
  });
  if (!actor) return null;
  const allowed = decide('CANCEL_REQUEST', actor, {
    kind: 'request',
    request: { requester: request.requester, actor: request.actor },
  });
  if (!allowed.allowed) return null;
  const blocked = request.pastPointOfNoReturn
    ? 'Past its point of no return: it can no longer be cancelled.'
    : request.status === 'COMPENSATING'
      ? 'It is already being undone.'
      : null;
  return (
    <div className="cancel-box">
      <Button variant="danger" disabledReason={blocked} onClick={() => setOpen(true)}>
        Cancel this request…
      </Button>
      {open ? (
        <ReasonDialog
          title="Cancel this request?"
          submitLabel="Cancel the request"
          danger
          label="Reason (required)"
          missing="Say why: the reason is recorded."
          onSubmit={(reason) => void cancel.run(reason)}
          onClose={() => setOpen(false)}
          busy={cancel.busy}
          error={cancel.error}
        >
          <p>What it has done so far is undone in reverse order ({humanise(request.kind).toLowerCase()}).</p>
        </ReasonDialog>
      ) : null}
    </div>
  );
}
