import type { NotificationKind } from '../../libs/notifications/templates/notification-templates';
import type { StepsOn } from './step-types';

/** Who a request's mails go to, once a step has found them; no mail without an address. */
export interface MailRecipient {
  displayName: string;
  mail: string | null;
}

/**
 * The request's mail to the one person it is for (accepted, completed, failed), best effort. The
 * recipient is read when the mail goes out, so it can be what an earlier step found; nobody found,
 * or nobody with an address, means no mail and no step run.
 */
export function mailThePerson<Id extends string>(
  // The caller names the step ids; each must be a mail step of the run (NoInfer: not read from `run`).
  run: StepsOn<'mail', NoInfer<Id>>,
  requestId: string,
  requestTitle: string,
  recipient: () => MailRecipient | null | undefined,
) {
  return async (stepId: Id, kind: NotificationKind, extra: { outcome?: string; reason?: string } = {}) => {
    const person = recipient();
    const to = person?.mail;
    if (!person || !to) return;
    const recipientName = person.displayName;
    await run.bestEffort(stepId, (a) =>
      a.sendNotification({
        requestId,
        kind,
        to: [to],
        data: { recipientName, requestTitle, ...extra },
      }),
    );
  };
}
