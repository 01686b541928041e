import {
  NOTIFICATION_TEMPLATES,
  type NotificationData,
  type NotificationField,
  type NotificationKind,
} from './notification-catalogue';

export {
  NOTIFICATION_TEMPLATES,
  NotificationKind,
  type NotificationData,
  type NotificationField,
  type NotificationTemplate,
} from './notification-catalogue';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** How a field reads in a sentence; undefined when it is missing. */
function formatField(data: NotificationData, field: string): string | undefined {
  const value = (data as unknown as Record<string, unknown>)[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(', ') : undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return undefined;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The text with its placeholders filled, or undefined when one of them has no value. */
function fill(template: string, data: NotificationData): string | undefined {
  let complete = true;
  const text = template.replace(PLACEHOLDER, (_match, field: string) => {
    const value = formatField(data, field);
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? text : undefined;
}

/**
 * Plain text and HTML for one notification, from its template in NOTIFICATION_TEMPLATES. Values are
 * escaped in the HTML part. Throws when a field the template requires is missing (a caller's bug).
 */
export function renderNotification(kind: NotificationKind, data: NotificationData): RenderedMail {
  const template = NOTIFICATION_TEMPLATES[kind];
  const missing = template.requires.filter(
    (field: NotificationField) => formatField(data, field) === undefined,
  );
  if (missing.length > 0) throw new Error(`the "${kind}" notification needs ${missing.join(', ')}`);

  const subject = fill(template.subject, data);
  if (subject === undefined) throw new Error(`the "${kind}" notification's subject is missing a field`);
  const paragraphs = template.paragraphs
    .map((p) => fill(p, data))
    .filter((p): p is string => p !== undefined);
  const base = data.portalUrl?.replace(/\/$/, '');
  const link = base
    ? template.link === 'request'
      ? `${base}/requests/${data.requestId}`
      : `${base}/`
    : undefined;

  const greeting = `Dear ${data.recipientName},`;
  const signature = 'The phone service';
  const lines = [greeting, ...paragraphs, ...(link ? [`${template.linkLabel}: ${link}`] : []), signature];
  const htmlParagraphs = [
    escapeHtml(greeting),
    ...paragraphs.map(escapeHtml),
    ...(link ? [`<a href="${escapeHtml(link)}">${escapeHtml(template.linkLabel)}</a>`] : []),
    signature,
  ];
  return {
    subject,
    text: `${lines.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${htmlParagraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
  };
}
