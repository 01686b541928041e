import type { NotificationInput } from '../../libs/contracts/mail';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { renderNotification } from '../../libs/notifications/templates/notification-templates';
import { resolveRecipients } from '../../libs/notifications/delivery/recipients';
import type { MailDeps } from './mail-deps';
import { systemRejected } from '../../libs/systems/system-error';
import { stepsOn } from '../run-step';

// A template missing a field is a caller's bug: retrying cannot fix it, so it is not retried.
function render(input: NotificationInput, portalUrl: string | undefined) {
  try {
    return renderNotification(input.kind, { ...input.data, requestId: input.requestId, portalUrl });
  } catch (error) {
    throw systemRejected('mail', (error as Error).message, error);
  }
}

/** Notifications, sent at most once per request, kind and occasion. */
export function createNotificationActivities({ mail, mailReceipts, directory, settings }: MailDeps) {
  const step = stepsOn('mail');
  return {
    async sendNotification(input: NotificationInput): Promise<StepOutcome> {
      return step(async () => {
        const key = [input.requestId, input.kind, ...(input.occasion ? [input.occasion] : [])].join(':');
        if (await mailReceipts.wasSent(key)) return { value: undefined, result: 'unchanged' };
        const rendered = render(input, settings.portalUrl);
        const { to, cc } = await resolveRecipients(directory, input);
        // Nobody to write to (no mail address in the directory): nothing to send, nothing to retry.
        if (to.length === 0 && cc.length === 0) return { value: undefined, result: 'unchanged' };
        await mail.send({ idempotencyKey: key, to, cc: cc.length > 0 ? cc : undefined, ...rendered });
        await mailReceipts.record(key, [...to, ...cc], rendered.subject);
        return { value: undefined };
      });
    },
  };
}
