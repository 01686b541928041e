import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../persistence/database-errors';
import { MailDeliveryEntity } from '../../persistence/entities';

/** Remembers which notifications went out, so a retried activity does not send one twice. */
export class MailReceipts {
  constructor(private readonly dataSource: DataSource) {}

  async wasSent(key: string): Promise<boolean> {
    return (await this.dataSource.getRepository(MailDeliveryEntity).countBy({ key })) > 0;
  }

  async record(key: string, recipients: string[], subject: string): Promise<void> {
    try {
      await this.dataSource.getRepository(MailDeliveryEntity).insert({
        key,
        recipients: recipients.join(', ').slice(0, 1000),
        subject: subject.slice(0, 300),
        sentAt: new Date(),
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
