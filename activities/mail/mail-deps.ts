import type { MailReceipts } from '../../libs/notifications/delivery/mail-receipts';
import type { DirectoryPort } from '../../libs/systems/directory/directory.port';
import type { MailPort } from '../../libs/systems/mail/mail.port';

/** What the mail activities use: the mail port, the receipts that make each mail go out once, and the directory for addresses. */
export interface MailDeps {
  mail: MailPort;
  mailReceipts: MailReceipts;
  directory: Pick<DirectoryPort, 'findPerson' | 'groupMembers'>;
  /** Links in mails point here. */
  settings: { portalUrl?: string };
}
