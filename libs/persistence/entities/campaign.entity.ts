import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignItemStatus, CampaignStatus, CampaignSummary } from '../../domain/campaign';

/**
 * A unit's bulk migration of its legacy numbers on a date, driven by one workflow
 * (`campaign-<id>`), which keeps this row and its items up to date.
 */
@Entity('campaigns')
@Index('ix_campaigns_unit_status', ['unit', 'status'])
export class CampaignEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  unit!: string;

  /** The campaign date, YYYY-MM-DD (UTC). */
  @Column({ type: 'varchar', length: 10 })
  scheduledFor!: string;

  /** The latest date a person may move their migration to. */
  @Column({ type: 'varchar', length: 10 })
  maxDate!: string;

  /** Migrations started per minute on each system, unless a system has its own rate. */
  @Column({ type: 'integer' })
  ratePerMinute!: number;

  /** Per-system overrides, e.g. `{ "legacy": 2 }`. */
  @Column({ type: 'simple-json', nullable: true })
  systemRates!: Record<string, number> | null;

  @Column({ type: 'integer' })
  reminderDaysBefore!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: CampaignStatus;

  /** The unit admin (or service-desk agent) who scheduled it. */
  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 200 })
  workflowId!: string;

  /** When the campaign date begins for the workflow. */
  @Column({ type: Date })
  startsAt!: Date;

  @Column({ type: 'simple-json', nullable: true })
  summary!: CampaignSummary | null;

  @Column({ type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

/** One legacy number of a campaign and its outcome. */
@Entity('campaign_items')
@Index('ix_campaign_items_login', ['login'])
@Index('ix_campaign_items_number', ['number'])
export class CampaignItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  campaignId!: string;

  @PrimaryColumn({ type: 'varchar', length: 5 })
  number!: string;

  /** The person whose number it is (the unit member it is listed under). */
  @Column({ type: 'varchar', length: 64 })
  login!: string;

  @Column({ type: 'varchar', length: 12 })
  service!: string;

  /** PERSONAL or SHARED, decided when the migration starts. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  migrateAs!: string | null;

  /** The person's date, YYYY-MM-DD: the campaign's unless they moved it. */
  @Column({ type: 'varchar', length: 10 })
  scheduledFor!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CampaignItemStatus;

  /** The migration request of the latest attempt. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Why it failed or was skipped, for people. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcome!: string | null;

  @Column({ type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  finishedAt!: Date | null;

  @UpdateDateColumn()
  updatedAt!: Date;
}
