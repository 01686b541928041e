import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RequestProgress } from '../../contracts/progress';
import type { RequestStatus } from '../../contracts/request-status';

/** A workflow start not yet confirmed: its type and its arguments. */
export interface PendingLaunch {
  workflowType: string;
  args: unknown[];
}

/**
 * The projection of a request's workflow, for listing and search. The workflow's own `progress`
 * query stays the live source while it runs; this row holds the last reported state.
 */
@Entity('requests')
@Index('ix_requests_requester_created', ['requester', 'createdAt'])
@Index('ix_requests_status', ['status'])
@Index('ix_requests_parent', ['parentId'])
export class RequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  requester!: string;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  /** The request that started this one as a child workflow (e.g. a number's deletion unregistering its phones). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: RequestStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  failedSystem!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  failureReason!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  progress!: RequestProgress | null;

  /**
   * How to start the request's workflow, kept from acceptance until the start is confirmed: an API
   * that dies in between leaves it for LaunchRecovery to start (libs/requests/request-launcher.ts).
   */
  @Column({ type: 'simple-json', nullable: true })
  launch!: PendingLaunch | null;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Column({ type: Date, nullable: true })
  finishedAt!: Date | null;
}
