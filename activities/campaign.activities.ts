import type { CampaignMailInput, CampaignProgress } from '../libs/contracts/campaigns';
import type { WorkflowSettings } from '../libs/contracts/settings';
import type { CampaignSummary } from '../libs/domain/campaign';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { PreparedItem } from '../libs/legacy/campaign-store';
import { renderCampaignMail } from '../libs/notifications/templates/campaign-templates';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

/** Steps of a bulk migration campaign. */
export function createCampaignActivities({
  campaigns,
  directory,
  mail,
  mailReceipts,
  settings,
}: ActivityDeps) {
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
    /** Rules, locks and the request row of one item; a refusal comes back as an outcome, not an error. */
    async prepareCampaignItem(input: {
      campaignId: string;
      number: string;
      login: string;
      admin: string;
      requestId: string;
      settings: WorkflowSettings;
    }): Promise<StepOutcome<PreparedItem>> {
      return runStep('inventory', async () => ({ value: await campaigns.prepareItem(input) }));
    },

    async abandonCampaignItem(input: { requestId: string }): Promise<void> {
      await campaigns.abandonItem(input.requestId);
    },

    /** Outcomes of migrations a campaign run inherited from the run before it (continue-as-new). */
    async finishedCampaignRequests(input: {
      requestIds: string[];
    }): Promise<Array<{ requestId: string; status: string; failureReason: string | null }>> {
      return campaigns.finishedRequests(input.requestIds);
    },

    async recordCampaign(change: { campaign: CampaignProgress; counts: CampaignSummary }): Promise<void> {
      await campaigns.record(change);
    },

    async sendCampaignMail(input: CampaignMailInput): Promise<StepOutcome> {
      return runStep('mail', async () => ({ value: undefined, result: await deliver(input) }));
    },

    /**
     * Many campaign mails in one activity: a campaign of 10,000 people would otherwise need 10,000
     * activities per mailing, more events than one workflow history may hold. Each mail keeps its own
     * receipt, so a retry of the batch sends only what had not gone out; the first failure is raised
     * once every other mail of the batch has been tried.
     */
    async sendCampaignMails(input: { mails: CampaignMailInput[] }): Promise<StepOutcome<{ sent: number }>> {
      return runStep('mail', async () => {
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
