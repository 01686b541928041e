import type { CampaignInput, CampaignItemProgress, CampaignMailInput } from '../../libs/contracts/campaigns';
import { CampaignMailKind } from '../../libs/notifications/templates/campaign-templates';
import { activitiesFor } from '../kit/activity-proxies';

/** Mails per mail activity, and mail activities under way at once. */
const MAIL_BATCH = 50;
const MAIL_BATCHES_AT_ONCE = 4;

/**
 * A campaign's mails, best effort: one that cannot go out never stops the campaign. Since the
 * `campaign-concurrent-starts` patch, mails to people go in batches (`concurrent`); before it, one
 * activity per mail.
 */
export class CampaignMailer {
  constructor(
    private readonly input: CampaignInput,
    private readonly concurrent: boolean,
  ) {}

  private mailer(key: string) {
    return activitiesFor(this.input.settings, 'mail', `mail:${key}`);
  }

  async send(mail: CampaignMailInput): Promise<void> {
    try {
      await this.mailer(mail.key).sendCampaignMail(mail);
    } catch {
      // Best effort: a mail that cannot go out never stops the campaign.
    }
  }

  /** One mail per person, naming all their numbers in `items`. */
  async mailPeople(kind: CampaignMailKind, items: CampaignItemProgress[], tag: string): Promise<void> {
    const { input } = this;
    const byPerson = new Map<string, CampaignItemProgress[]>();
    for (const item of items) {
      const own = byPerson.get(item.login);
      if (own) own.push(item);
      else byPerson.set(item.login, [item]);
    }
    const mails = [...byPerson].map(([login, own]): CampaignMailInput => ({
      key: `c:${input.campaignId}:${tag}:${login}${kind === CampaignMailKind.REMINDER ? `:${own[0].date}` : ''}`,
      kind,
      login,
      data: {
        unit: input.unit,
        numbers: own.map((i) => i.number),
        date: own[0].date,
        maxDate: input.maxDate,
      },
    }));
    if (!this.concurrent) {
      for (const mail of mails) await this.send(mail);
      return;
    }
    const batches: CampaignMailInput[][] = [];
    for (let i = 0; i < mails.length; i += MAIL_BATCH) batches.push(mails.slice(i, i + MAIL_BATCH));
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        try {
          await this.mailer(`${batch[0].key}+${batch.length}`).sendCampaignMails({ mails: batch });
        } catch {
          // Best effort, as for one mail: the campaign goes on.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAIL_BATCHES_AT_ONCE, batches.length) }, lane));
  }
}
