import type { ParkedState, RequestStep } from '../api/types';
import { StatusPill, humanise } from '../ui/status-pill';
import { when } from './request-labels';

const UNDO_TEXT: Record<string, string> = {
  NONE: 'No undo',
  READY: 'Undo recorded',
  RUNNING: 'Undoing',
  DONE: 'Undone',
  FAILED: 'Undo failed',
  SKIPPED: 'Undo skipped',
};

/** Each step of a request: its system, action, status, attempts, error and the state of its undo. */
export function Timeline({ steps, parked }: { steps: RequestStep[]; parked: ParkedState | null }) {
  return (
    <ol className="timeline" aria-label="Steps">
      {steps.map((step, index) => {
        const isParked = parked?.stepId === step.id;
        return (
          <li
            key={step.id}
            className={`step step-${step.status.toLowerCase()}${isParked ? ' step-parked' : ''}`}
            data-step={step.id}
            data-status={step.status}
            data-undo={step.undo}
          >
            <span className="step-marker" aria-hidden="true">
              {index + 1}
            </span>
            <div className="step-body">
              <div className="step-head">
                <span className="system-tag">{step.system}</span>
                <span className="step-action">{step.action}</span>
                <StatusPill status={step.status} />
                {isParked ? <StatusPill status="NEEDS_ATTENTION" label="Parked here" /> : null}
              </div>
              <div className="step-meta">
                <span>
                  {step.attempts} attempt{step.attempts === 1 ? '' : 's'}
                </span>
                {step.finishedAt ? <span>finished {when(step.finishedAt)}</span> : null}
                {step.note ? <span className="step-note">{step.note}</span> : null}
                {step.undo !== 'NONE' ? (
                  <span className={`undo undo-${step.undo.toLowerCase()}`} data-testid={`undo-${step.id}`}>
                    {UNDO_TEXT[step.undo] ?? humanise(step.undo)}
                    {step.undoAttempts > 0
                      ? ` (${step.undoAttempts} attempt${step.undoAttempts === 1 ? '' : 's'})`
                      : ''}
                  </span>
                ) : null}
              </div>
              {step.lastError ? <p className="step-error">Error: {step.lastError}</p> : null}
              {step.undoError ? <p className="step-error">Undo error: {step.undoError}</p> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
