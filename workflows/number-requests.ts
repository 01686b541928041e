import type { RequestMailInput } from '../libs/contracts/mail';
import type { RequestInput } from '../libs/contracts/request-input';
import { NotificationKind } from '../libs/notifications/templates/notification-templates';
import type { StepsOn } from './kit/step-types';
import type { Timeline } from './kit/timeline';

/** Who hears about a request: logins, and optionally an e-group in copy. */
export interface Audience {
  toLogins: string[];
  ccLogins?: string[];
  ccGroup?: string | null;
}

function sendRequestMail<Id extends string>(
  run: StepsOn<'mail', Id>,
  stepId: Id,
  input: RequestInput,
  title: string,
  audience: () => Audience,
  kind: NotificationKind,
  extra: Pick<RequestMailInput, 'outcome' | 'reason'>,
) {
  return run.bestEffort(stepId, (a) =>
    a.sendRequestMail({ requestId: input.requestId, kind, requestTitle: title, ...audience(), ...extra }),
  );
}

/**
 * The completed / failed mails of a number request, best effort, as its `notify-outcome` step.
 * `audience` is read when the mail goes out, so it can name what earlier steps found (the owner, the
 * e-group).
 */
export function requestMails(
  run: StepsOn<'mail', 'notify-outcome'>,
  input: RequestInput,
  title: string,
  audience: () => Audience,
) {
  const send = (kind: NotificationKind, extra: Pick<RequestMailInput, 'outcome' | 'reason'>) =>
    sendRequestMail(run, 'notify-outcome', input, title, audience, kind, extra);
  return {
    completed: (outcome: string) => send(NotificationKind.REQUEST_COMPLETED, { outcome }),
    failed: (reason: string) => send(NotificationKind.REQUEST_FAILED, { reason }),
  };
}

/** The accepted mail of a number request, best effort, as its `notify-accepted` step. */
export function acceptedMail(
  run: StepsOn<'mail', 'notify-accepted'>,
  input: RequestInput,
  title: string,
  audience: () => Audience,
) {
  return () =>
    sendRequestMail(run, 'notify-accepted', input, title, audience, NotificationKind.REQUEST_ACCEPTED, {});
}

/** Marks a declared step as done without calling anything, saying why nothing was needed. */
export function nothingToDo(run: { timeline: Timeline }, stepId: string, note: string): void {
  run.timeline.started(stepId);
  run.timeline.succeeded(stepId, 0, note);
}
