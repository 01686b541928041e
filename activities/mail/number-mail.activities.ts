import type { NumberNoticeInput, RequestMailInput } from '../../libs/contracts/mail';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import {
  renderNotification,
  type RenderedMail,
} from '../../libs/notifications/templates/notification-templates';
import { renderNumberNotice } from '../../libs/notifications/templates/number-notices';
import { stepsOn } from '../run-step';
import type { MailDeps } from './mail-deps';

/** Number mails, sent at most once per key, to people named by login (addresses from the directory). */
export function createNumberMailActivities({ mail, mailReceipts, directory, settings }: MailDeps) {
  const step = stepsOn('mail');
  const people = async (logins: string[]) =>
    (await Promise.all([...new Set(logins)].map((login) => directory.findPerson(login)))).flatMap((p) =>
      p?.mail ? [{ name: p.displayName, mail: p.mail }] : [],
    );
  /** The addresses of `to`, and of the cc people and group members who are not in `to`. */
  const recipients = async (toLogins: string[], ccLogins: string[], ccGroup?: string | null) => {
    const to = await people(toLogins);
    const members = ccGroup ? ((await directory.groupMembers(ccGroup)) ?? []) : [];
    const cc = (await people([...ccLogins, ...members].filter((login) => !toLogins.includes(login))))
      .map((p) => p.mail)
      .filter((address) => !to.some((p) => p.mail === address));
    return { to, cc };
  };
  const deliver = async (key: string, to: string[], cc: string[], rendered: RenderedMail) => {
    // Nobody in `to` (no address in the directory): the copies still go out.
    await mail.send({
      idempotencyKey: key,
      to: to.length > 0 ? to : cc,
      cc: to.length > 0 && cc.length > 0 ? cc : undefined,
      ...rendered,
    });
    await mailReceipts.record(key, [...to, ...cc], rendered.subject);
  };
  return {
    async sendNumberNotice(input: NumberNoticeInput): Promise<StepOutcome> {
      return step(async () => {
        if (await mailReceipts.wasSent(input.key)) return { value: undefined, result: 'unchanged' };
        const { to, cc } = await recipients(input.toLogins, [], input.ccGroup);
        if (to.length === 0 && cc.length === 0) return { value: undefined, result: 'unchanged' };
        const rendered = renderNumberNotice(input.notice, { ...input.data, portalUrl: settings.portalUrl });
        await deliver(
          input.key,
          to.map((p) => p.mail),
          cc,
          rendered,
        );
        return { value: undefined };
      });
    },

    /** Keyed like `sendNotification` (request and kind), so the two never send the same mail twice. */
    async sendRequestMail(input: RequestMailInput): Promise<StepOutcome> {
      return step(async () => {
        const key = `${input.requestId}:${input.kind}`;
        if (await mailReceipts.wasSent(key)) return { value: undefined, result: 'unchanged' };
        const { to, cc } = await recipients(input.toLogins, input.ccLogins ?? [], input.ccGroup);
        if (to.length === 0 && cc.length === 0) return { value: undefined, result: 'unchanged' };
        const rendered = renderNotification(input.kind, {
          recipientName: to[0]?.name ?? 'colleague',
          requestTitle: input.requestTitle,
          requestId: input.requestId,
          outcome: input.outcome,
          reason: input.reason,
          portalUrl: settings.portalUrl,
        });
        await deliver(
          key,
          to.map((p) => p.mail),
          cc,
          rendered,
        );
        return { value: undefined };
      });
    },
  };
}
