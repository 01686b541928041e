import type { RequestMailInput } from '../libs/contracts/mail';
import type { RequestInput } from '../libs/contracts/request-input';
import { NotificationKind } from '../libs/notifications/templates/notification-templates';
import type { RequestRun } from './kit/request-run';

/** Who hears about a request: logins, and optionally an e-group in copy. */
export interface Audience {
  toLogins: string[];
  ccLogins?: string[];
  ccGroup?: string | null;
}

/**
 * The accepted / completed / failed mails of a number request, best effort. `audience` is read when
 * the mail goes out, so it can name what earlier steps found (the owner, the e-group).
 */
export function requestMails(run: RequestRun, input: RequestInput, title: string, audience: () => Audience) {
  const send = (
    stepId: string,
    kind: NotificationKind,
    extra: Pick<RequestMailInput, 'outcome' | 'reason'>,
  ) =>
    run.bestEffort(stepId, (a) =>
      a.sendRequestMail({ requestId: input.requestId, kind, requestTitle: title, ...audience(), ...extra }),
    );
  return {
    accepted: (stepId = 'notify-accepted') => send(stepId, NotificationKind.REQUEST_ACCEPTED, {}),
    completed: (outcome: string, stepId = 'notify-outcome') =>
      send(stepId, NotificationKind.REQUEST_COMPLETED, { outcome }),
    failed: (reason: string, stepId = 'notify-outcome') =>
      send(stepId, NotificationKind.REQUEST_FAILED, { reason }),
  };
}

/** Marks a declared step as done without calling anything, saying why nothing was needed. */
export function nothingToDo(run: RequestRun, stepId: string, note: string): void {
  run.timeline.started(stepId);
  run.timeline.succeeded(stepId, 0, note);
}
