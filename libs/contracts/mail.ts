import type { NotificationData, NotificationKind } from '../notifications/templates/notification-templates';
import type { NumberNotice, NumberNoticeData } from '../notifications/templates/number-notices';

/** A request's mail to addresses and e-groups, sent once per request, kind and occasion. */
export interface NotificationInput {
  requestId: string;
  kind: NotificationKind;
  to: string[];
  cc?: string[];
  /** E-groups whose members get the mail in copy, e.g. a shared number's `phone-mngr-<number>`. */
  groups?: string[];
  /**
   * Tells apart mails of one kind in one request (a reminder 60, 27 and 7 days before): part of the
   * receipt key and the Message-ID.
   */
  occasion?: string;
  data: Omit<NotificationData, 'requestId' | 'portalUrl'>;
}

export interface NumberNoticeInput {
  /** Unique per mail (e.g. `<request>:ownership-offered`, `<lifecycle run>:reminder-60`): sent once. */
  key: string;
  notice: NumberNotice;
  /** Logins; their addresses come from the directory when the mail is sent. */
  toLogins: string[];
  /** An e-group whose members get a copy. */
  ccGroup?: string | null;
  data: Omit<NumberNoticeData, 'portalUrl'>;
}

/** A request's own mail (accepted, completed, failed), to people named by login. */
export interface RequestMailInput {
  requestId: string;
  kind: NotificationKind;
  toLogins: string[];
  ccLogins?: string[];
  ccGroup?: string | null;
  requestTitle: string;
  outcome?: string;
  reason?: string;
}
