import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: who did what, on whose behalf, in which request, against which system, with what result. */
@Entity('audit_log')
@Index('ix_audit_log_request', ['requestId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: Date })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  onBehalfOf!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  system!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  target!: string | null;

  @Column({ type: 'varchar', length: 20 })
  result!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** What happened beyond the result: why it was refused, the decision taken, the step concerned. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;
}
