import type { RenderedMail } from './notification-templates';

/** The mails of a bulk migration campaign (docs/domain.md §6, §8). */
export const CampaignMailKind = {
  /** To each affected person when the campaign is scheduled. */
  SCHEDULED: 'campaign-scheduled',
  /** To each affected person, some days before their date. */
  REMINDER: 'campaign-reminder',
  /** To the admin when the campaign date arrives. */
  STARTED: 'campaign-started',
  /** To the admin, with the summary, when the campaign ends (or was cancelled). */
  COMPLETED: 'campaign-completed',
} as const;
export type CampaignMailKind = (typeof CampaignMailKind)[keyof typeof CampaignMailKind];

export interface CampaignMailData {
  recipientName: string;
  unit: string;
  /** The numbers concerned (the person's, or the failed ones in a summary). */
  numbers: string[];
  date?: string;
  maxDate?: string;
  total?: number;
  summary?: { succeeded: number; failed: number; skipped: number; cancelled: number };
  cancelled?: boolean;
  portalUrl?: string;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function render(subject: string, paragraphs: string[], data: CampaignMailData, path: string): RenderedMail {
  const link = data.portalUrl ? `${data.portalUrl.replace(/\/$/, '')}${path}` : undefined;
  const lines = [`Dear ${data.recipientName},`, ...paragraphs, ...(link ? [link] : []), 'The phone service'];
  const html = [
    `Dear ${escapeHtml(data.recipientName)},`,
    ...paragraphs.map(escapeHtml),
    ...(link ? [`<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`] : []),
    'The phone service',
  ];
  return {
    subject,
    text: `${lines.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${html.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
  };
}

const list = (numbers: string[]) => numbers.join(', ');

export function renderCampaignMail(kind: CampaignMailKind, data: CampaignMailData): RenderedMail {
  const several = data.numbers.length > 1;
  const yours = `Your legacy number${several ? 's' : ''} ${list(data.numbers)}`;
  switch (kind) {
    case CampaignMailKind.SCHEDULED:
      return render(
        `${yours} will move to the new phone service on ${data.date}`,
        [
          `${yours} will be migrated to the new phone service on ${data.date}, as part of unit ${data.unit}'s migration. The number${several ? 's stay' : ' stays'} the same.`,
          `If that day does not suit you, move your migration to any day up to ${data.maxDate}, or migrate now, from the portal.`,
        ],
        data,
        '/legacy',
      );
    case CampaignMailKind.REMINDER:
      return render(
        `Reminder: ${yours.toLowerCase()} move${several ? '' : 's'} to the new phone service on ${data.date}`,
        [
          `${yours} will be migrated on ${data.date}. You can still move the date (up to ${data.maxDate}) or migrate now from the portal.`,
        ],
        data,
        '/legacy',
      );
    case CampaignMailKind.STARTED:
      return render(
        `The migration campaign of unit ${data.unit} has started`,
        [`The migration campaign of unit ${data.unit} has started: ${data.total ?? 0} numbers to migrate.`],
        data,
        '/campaigns',
      );
    case CampaignMailKind.COMPLETED: {
      const s = data.summary ?? { succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
      return render(
        `The migration campaign of unit ${data.unit} ${data.cancelled ? 'was cancelled' : 'is complete'}`,
        [
          `The migration campaign of unit ${data.unit} ${data.cancelled ? 'was cancelled' : 'is complete'}.`,
          `Summary: ${s.succeeded} migrated, ${s.failed} failed, ${s.skipped} skipped, ${s.cancelled} cancelled.`,
          ...(data.numbers.length > 0 ? [`Failed: ${list(data.numbers)}.`] : []),
        ],
        data,
        '/campaigns',
      );
    }
  }
}
