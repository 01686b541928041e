import type { CampaignProgress } from '../libs/contracts/campaigns';
import type { WorkflowSettings } from '../libs/contracts/settings';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { PreparedItem } from '../libs/legacy/campaign-store';
import {
  renderCampaignMail,
  type CampaignMailData,
  type CampaignMailKind,
} from '../libs/notifications/campaign-templates';
import type { CampaignSummary } from '../libs/persistence/entities';
import type { ActivityDeps } from './activity-deps';
import { runStep } from './run-step';

export interface CampaignMailInput {
  /** Unique per campaign, kind and recipient (and date, for reminders): a mail goes out once. */
  key: string;
  kind: CampaignMailKind;
  login: string;
  data: Omit<CampaignMailData, 'recipientName' | 'portalUrl'>;
}

/** Steps of a bulk migration campaign. */
export function createCampaignActivities({
  campaigns,
  directory,
  mail,
  mailReceipts,
  settings,
}: ActivityDeps) {
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
      return runStep('mail', async () => {
        if (await mailReceipts.wasSent(input.key)) return { value: undefined, result: 'unchanged' };
        const person = await directory.findPerson(input.login);
        // Someone without a mailbox cannot be told; that is not worth retrying.
        if (!person?.mail) return { value: undefined, result: 'unchanged' };
        const rendered = renderCampaignMail(input.kind, {
          ...input.data,
          recipientName: person.displayName,
          portalUrl: settings.portalUrl,
        });
        await mail.send({ idempotencyKey: input.key, to: [person.mail], ...rendered });
        await mailReceipts.record(input.key, [person.mail], rendered.subject);
        return { value: undefined };
      });
    },
  };
}
