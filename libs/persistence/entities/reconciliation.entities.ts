import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SystemScan } from '../../contracts/reconciliation';

/** One run of the reconciliation workflow: what it checked and how each system's scan ended. */
@Entity('reconciliation_runs')
@Index('ix_reconciliation_runs_started', ['startedAt'])
export class ReconciliationRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  workflowId!: string;

  /** Login of the service-desk agent who started it. */
  @Column({ type: 'varchar', length: 64 })
  startedBy!: string;

  /** RUNNING, COMPLETED (every system scanned) or PARTIAL (a system could not be read). */
  @Column({ type: 'varchar', length: 20 })
  status!: string;

  /** Per system: scan status, resources checked, drift found, and the error when it could not be read. */
  @Column({ type: 'simple-json', nullable: true })
  systems!: Record<string, SystemScan> | null;

  @Column({ type: Date })
  startedAt!: Date;

  @Column({ type: Date, nullable: true })
  finishedAt!: Date | null;
}

/**
 * One difference between the inventory and a system, found by a run. The unique key makes a retried
 * page of the scan write each item once.
 */
@Entity('reconciliation_drift')
@Index('uq_reconciliation_drift_item', ['runId', 'system', 'resourceType', 'resource', 'kind'], {
  unique: true,
})
export class DriftItemEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 20 })
  system!: string;

  /** `number` (an extension) or `phone` (a canonical MAC). */
  @Column({ type: 'varchar', length: 10 })
  resourceType!: string;

  @Column({ type: 'varchar', length: 20 })
  resource!: string;

  /** MISSING (the inventory expects it, the system lacks it), ORPHAN (the reverse) or MISMATCH. */
  @Column({ type: 'varchar', length: 12 })
  kind!: string;

  /** For people, e.g. "number 70012: ACTIVE in inventory, no SIP account on the PBX". */
  @Column({ type: 'varchar', length: 300 })
  message!: string;

  @Column({ type: Date })
  detectedAt!: Date;

  /** The repair request started for this resource from this run, if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  repairRequestId!: string | null;
}
