import { useState } from 'react';
import { ResolveRequestDocument } from '../api/generated/desk';
import type { RequestView, ResolveAction } from '../api/types';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { Notice } from '../ui/notice';
import { ReasonDialog } from '../ui/reason-dialog';
import { useAction } from '../ui/use-async';

const ACTIONS: Record<ResolveAction, { label: string; explain: string }> = {
  RETRY: { label: 'Retry', explain: 'Runs the parked step (or its undo) again; its attempts keep counting.' },
  COMPENSATE: {
    label: 'Compensate',
    explain:
      'Undoes every step done so far, in reverse order; the request ends FAILED. This cannot be reversed.',
  },
  SKIP: {
    label: 'Skip',
    explain: 'Marks the step as skipped and goes on, as if it had been done by hand. Do it only if it was.',
  },
};

/** The service desk's decision on a parked request: retry, compensate or skip, each with a reason. */
export function ResolveButtons({ request, onResolved }: { request: RequestView; onResolved: () => void }) {
  const { call } = useSession();
  const [choice, setChoice] = useState<ResolveAction | null>(null);
  const resolve = useAction(async ({ action, reason }: { action: ResolveAction; reason: string }) => {
    await call(ResolveRequestDocument, { id: request.id, action, reason });
    setChoice(null);
    onResolved();
  });
  const allowed = request.parked?.allowedActions ?? [];
  const open = (action: ResolveAction) => {
    resolve.clearError();
    setChoice(action);
  };
  const target = `${request.kind.toLowerCase().replace(/_/g, ' ')} for ${request.requester}`;
  return (
    <div className="actions actions-compact">
      {(['RETRY', 'COMPENSATE', 'SKIP'] as const)
        .filter((a) => allowed.includes(a))
        .map((action) => (
          <Button
            key={action}
            variant={action === 'COMPENSATE' ? 'danger' : 'secondary'}
            onClick={() => open(action)}
          >
            {ACTIONS[action].label}…<span className="visually-hidden"> {target}</span>
          </Button>
        ))}
      {choice ? (
        <ReasonDialog
          title={`${ACTIONS[choice].label}: ${request.parked?.stepId ?? 'parked step'}`}
          submitLabel={`${ACTIONS[choice].label} with this reason`}
          danger={choice !== 'RETRY'}
          label="Reason (required, audited)"
          missing="A reason is required: it goes into the audit trail."
          onSubmit={(reason) => void resolve.run({ action: choice, reason: reason.trim() })}
          onClose={() => setChoice(null)}
          busy={resolve.busy}
          error={resolve.error}
        >
          {choice === 'RETRY' ? (
            <p>{ACTIONS[choice].explain}</p>
          ) : (
            <Notice tone="warning">{ACTIONS[choice].explain}</Notice>
          )}
          <p className="muted">
            Request for {request.requester}, parked on {request.parked?.system.toLowerCase()}:{' '}
            {request.parked?.error}
          </p>
        </ReasonDialog>
      ) : null}
    </div>
  );
}

export function ResolvePanel({ request, onResolved }: { request: RequestView; onResolved: () => void }) {
  return (
    <div className="card desk-card">
      <h2>Service desk decision</h2>
      <ResolveButtons request={request} onResolved={onResolved} />
    </div>
  );
}
