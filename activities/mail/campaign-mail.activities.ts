import type { CampaignMailInput } from '../../libs/contracts/campaigns';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { renderCampaignMail } from '../../libs/notifications/templates/campaign-templates';
import { stepsOn } from '../run-step';
import type { MailDeps } from './mail-deps';

/** A migration campaign's mails, each sent once (its receipt key names campaign, kind and person). */
export function createCampaignMailActivities({ directory, mail, mailReceipts, settings }: MailDeps) {
  const step = stepsOn('mail');
  /** Sends one mail unless its receipt says it went out already; 'unchanged' when nothing was sent. */
  const deliver = async (input: CampaignMailInput): Promise<'unchanged' | undefined> => {
    if (await mailReceipts.wasSent(input.key)) return 'unchanged';
    const person = await directory.findPerson(input.login);
    // Someone without a mailbox cannot be told; that is not worth retrying.
    if (!person?.mail) return 'unchanged';
    const rendered = renderCampaignMail(input.kind, {
      ...input.data,
      recipientName: person.displayName,
      portalUrl: settings.portalUrl,
    });
    await mail.send({ idempotencyKey: input.key, to: [person.mail], ...rendered });
    await mailReceipts.record(input.key, [person.mail], rendered.subject);
    return undefined;
  };

  return {
    async sendCampaignMail(input: CampaignMailInput): Promise<StepOutcome> {
      return step(async () => ({ value: undefined, result: await deliver(input) }));
    },

    /**
     * Many campaign mails in one activity: a campaign of 10,000 people would otherwise need 10,000
     * activities per mailing, more events than one workflow history may hold. Each mail keeps its own
     * receipt, so a retry of the batch sends only what had not gone out; the first failure is raised
     * once every other mail of the batch has been tried.
     */
    async sendCampaignMails(input: { mails: CampaignMailInput[] }): Promise<StepOutcome<{ sent: number }>> {
      return step(async () => {
        let sent = 0;
        const failures: Error[] = [];
        for (const mail of input.mails) {
          try {
            if ((await deliver(mail)) !== 'unchanged') sent += 1;
          } catch (error) {
            failures.push(error instanceof Error ? error : new Error(String(error)));
          }
        }
        if (failures.length > 0) throw failures[0];
        return { value: { sent } };
      });
    },
  };
}
