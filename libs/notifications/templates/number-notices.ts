import type { RenderedMail } from './notification-templates';

/** Mails about numbers that are not a request's own accepted/completed/failed notifications. */
export const NumberNotice = {
  /** To the proposed owner of a shared number: accept or refuse (action required). */
  OWNERSHIP_OFFERED: 'ownership-offered',
  /** To the new and the previous owner, and the managers e-group. */
  OWNERSHIP_CHANGED: 'ownership-changed',
  /** Lifecycle: to a leaving owner and the managers e-group, before the end date. */
  OWNER_LEAVING: 'owner-leaving',
} as const;
export type NumberNotice = (typeof NumberNotice)[keyof typeof NumberNotice];

export interface NumberNoticeData {
  number: string;
  description?: string | null;
  /** Logins, for the text. */
  owner?: string;
  newOwner?: string;
  proposedBy?: string;
  /** ISO dates. */
  respondBy?: string;
  endDate?: string;
  supervisor?: string | null;
  portalUrl?: string;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'soon');

function render(subject: string, paragraphs: string[], portalUrl: string | undefined): RenderedMail {
  const all = [
    'Hello,',
    ...paragraphs,
    ...(portalUrl ? [`The portal: ${portalUrl}`] : []),
    'The phone service',
  ];
  return {
    subject,
    text: `${all.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${all.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</body></html>`,
  };
}

/** Plain text and HTML for one notice. Descriptions are people's text: escaped in HTML. */
export function renderNumberNotice(notice: NumberNotice, data: NumberNoticeData): RenderedMail {
  const name = data.description ? `${data.number} (${data.description})` : data.number;
  switch (notice) {
    case NumberNotice.OWNERSHIP_OFFERED:
      return render(
        `Action required: do you accept to own the shared number ${data.number}?`,
        [
          `${data.proposedBy ?? 'A manager'} proposes that you become the owner of the shared number ${name}.`,
          `Accept or refuse in the portal, under "Ownership offers", before ${day(data.respondBy)}. Nothing changes unless you accept.`,
        ],
        data.portalUrl,
      );
    case NumberNotice.OWNERSHIP_CHANGED:
      return render(
        `${data.newOwner ?? 'Someone'} now owns the shared number ${data.number}`,
        [
          `The shared number ${name} now belongs to ${data.newOwner ?? 'its new owner'}${data.owner ? ` (previously ${data.owner})` : ''}.`,
          'The managers e-group and the phonebook entry were updated.',
        ],
        data.portalUrl,
      );
    case NumberNotice.OWNER_LEAVING:
      return render(
        `The owner of the shared number ${data.number} leaves on ${day(data.endDate)}`,
        [
          `${data.owner ?? 'The owner'}, who owns the shared number ${name}, leaves on ${day(data.endDate)}.`,
          data.supervisor
            ? `On that day ownership moves to ${data.supervisor}. To choose someone else, propose a new owner in the portal before then.`
            : 'Propose a new owner in the portal before then, or contact the service desk.',
        ],
        data.portalUrl,
      );
  }
}
