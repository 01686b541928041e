import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A receipt per notification, keyed by request and template, so that a retried or replayed
 * activity never sends the same mail twice.
 */
@Entity('mail_deliveries')
export class MailDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  key!: string;

  @Column({ type: 'varchar', length: 1000 })
  recipients!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: Date })
  sentAt!: Date;
}
