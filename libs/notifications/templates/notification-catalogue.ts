/** Every notification Switchboard sends (docs/domain.md §8). */
export const NotificationKind = {
  REQUEST_ACCEPTED: 'request-accepted',
  REQUEST_COMPLETED: 'request-completed',
  REQUEST_FAILED: 'request-failed',
  ACTION_REQUIRED: 'action-required',
  CAMPAIGN_SCHEDULED: 'campaign-scheduled',
  CAMPAIGN_REMINDER: 'campaign-reminder',
  CAMPAIGN_STARTED: 'campaign-started',
  CAMPAIGN_COMPLETED: 'campaign-completed',
  /** To the owner of a shared number and its managers e-group, 60/27/7 days before the owner leaves. */
  SHARED_OWNER_LEAVING: 'shared-owner-leaving',
  PERSONAL_NUMBER_DEACTIVATED: 'personal-number-deactivated',
  PERSONAL_NUMBER_RESERVED: 'personal-number-reserved',
  PERSONAL_NUMBER_DELETED: 'personal-number-deleted',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

export interface NotificationData {
  recipientName: string;
  /** What was asked, in words: "a personal number". */
  requestTitle: string;
  requestId: string;
  /** The result for people: "Your number is 70001". */
  outcome?: string;
  /** Why it failed or what is needed. */
  reason?: string;
  portalUrl?: string;
  /** The number concerned. */
  number?: string;
  /** Several numbers (a migration campaign may move all of a person's legacy numbers). */
  numbers?: string[];
  /** A shared number's description. */
  description?: string;
  campaignName?: string;
  /** When a campaign migrates the recipient's numbers. */
  scheduledFor?: Date;
  /** The latest date the recipient may move their migration to. */
  latestDate?: Date;
  /** A campaign's result for people: "12 numbers migrated, 1 failed". */
  summary?: string;
  /** The owner's last working day (shared-number reminders) or the person's (lifecycle mails). */
  endDate?: Date;
  daysLeft?: number;
  /** Who becomes owner when the current owner leaves (their supervisor). */
  successorName?: string;
  /** Until when a deactivated personal number is kept for its last owner. */
  reservedUntil?: Date;
}

export type NotificationField = Exclude<keyof NotificationData, 'portalUrl'>;

/**
 * One notification as data: subject and paragraphs with `{field}` placeholders. Fields listed in
 * `requires` must be given; a paragraph naming any other field that is missing is left out, which
 * is how optional sentences (an outcome, a reason) work without code.
 */
export interface NotificationTemplate {
  subject: string;
  paragraphs: string[];
  requires: NotificationField[];
  /** Where the link at the bottom goes: the request's timeline, or the portal's home. */
  link: 'request' | 'portal';
  linkLabel: string;
}

const request = (
  subject: string,
  paragraphs: string[],
  linkLabel = 'Follow the request',
): NotificationTemplate => ({
  subject,
  paragraphs,
  requires: ['requestTitle'],
  link: 'request',
  linkLabel,
});

export const NOTIFICATION_TEMPLATES: Record<NotificationKind, NotificationTemplate> = {
  [NotificationKind.REQUEST_ACCEPTED]: request('Your request for {requestTitle} is being processed', [
    'We received your request for {requestTitle} (request {requestId}). We will write again when it is done.',
  ]),
  [NotificationKind.REQUEST_COMPLETED]: request('Your request for {requestTitle} is complete', [
    'Your request for {requestTitle} is complete.',
    '{outcome}',
  ]),
  [NotificationKind.REQUEST_FAILED]: request('Your request for {requestTitle} could not be completed', [
    'Your request for {requestTitle} could not be completed, and everything it had changed was undone.',
    'Reason: {reason}',
    'You may try again, or contact the service desk.',
  ]),
  [NotificationKind.ACTION_REQUIRED]: request(
    'Action required: {requestTitle}',
    ['Your request for {requestTitle} needs your action.', '{reason}'],
    'Open the request',
  ),
  [NotificationKind.CAMPAIGN_SCHEDULED]: {
    subject: 'Your phone numbers move to the new telephone service on {scheduledFor}',
    paragraphs: [
      'As part of {campaignName}, your numbers {numbers} will be migrated to the new telephone service on {scheduledFor}. You keep the same numbers.',
      'You may move the date, up to {latestDate}, or migrate right away in the portal.',
      'During the migration your phone may be unavailable for a few minutes.',
    ],
    requires: ['numbers', 'scheduledFor'],
    link: 'portal',
    linkLabel: 'Choose another date or migrate now',
  },
  [NotificationKind.CAMPAIGN_REMINDER]: {
    subject: 'Reminder: your phone numbers move on {scheduledFor}',
    paragraphs: [
      'This is a reminder that your numbers {numbers} will be migrated to the new telephone service on {scheduledFor}.',
      'You may still move the date, up to {latestDate}, or migrate right away in the portal.',
    ],
    requires: ['numbers', 'scheduledFor'],
    link: 'portal',
    linkLabel: 'Choose another date or migrate now',
  },
  [NotificationKind.CAMPAIGN_STARTED]: {
    subject: 'The migration of your phone numbers has started',
    paragraphs: [
      'The migration of your numbers {numbers} to the new telephone service has started. Your phone may be unavailable for a few minutes.',
      'We will write again when it is done.',
    ],
    requires: ['numbers'],
    link: 'portal',
    linkLabel: 'Follow it in the portal',
  },
  [NotificationKind.CAMPAIGN_COMPLETED]: {
    subject: 'The migration of your phone numbers is complete',
    paragraphs: [
      'The migration of your numbers {numbers} to the new telephone service is complete.',
      '{summary}',
      '{outcome}',
      'If something does not work as before, contact the service desk.',
    ],
    requires: ['numbers'],
    link: 'portal',
    linkLabel: 'See your numbers',
  },
  [NotificationKind.SHARED_OWNER_LEAVING]: {
    subject: 'Shared number {number} needs a new owner in {daysLeft} days',
    paragraphs: [
      'The owner of the shared number {number} ({description}) leaves the organisation on {endDate}, in {daysLeft} days.',
      'On that date the number will pass to {successorName}.',
      'To choose another owner before then, the owner or a member of the managers e-group can change the owner in the portal.',
    ],
    requires: ['number', 'endDate', 'daysLeft'],
    link: 'portal',
    linkLabel: 'Change the owner',
  },
  [NotificationKind.PERSONAL_NUMBER_DEACTIVATED]: {
    subject: 'Your phone number {number} has been deactivated',
    paragraphs: [
      'Your contract ended on {endDate}, so your personal number {number} has been deactivated: calls to it no longer reach you.',
      'The number stays reserved for you until {reservedUntil}. If you come back before then, it will be given back to you.',
    ],
    requires: ['number'],
    link: 'portal',
    linkLabel: 'Open the portal',
  },
  [NotificationKind.PERSONAL_NUMBER_RESERVED]: {
    subject: 'Your phone number {number} is reserved for you until {reservedUntil}',
    paragraphs: [
      'Your personal number {number} is no longer active, but it is reserved for you until {reservedUntil}.',
      'If you come back to the organisation before then, it will be given back to you. After that date it will be deleted.',
    ],
    requires: ['number', 'reservedUntil'],
    link: 'portal',
    linkLabel: 'Open the portal',
  },
  [NotificationKind.PERSONAL_NUMBER_DELETED]: {
    subject: 'Your former phone number {number} has been deleted',
    paragraphs: [
      'The reservation of your former personal number {number} has ended, and the number has been deleted.',
      'It will be given to someone else only after a quarantine period.',
    ],
    requires: ['number'],
    link: 'portal',
    linkLabel: 'Open the portal',
  },
};
