import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per resource a running request holds (`person:<login>:personal`, `number:<n>`,
 * `mac:<mac>`). The primary key makes the database refuse a second holder, across API replicas.
 */
@Entity('resource_locks')
@Index('ix_resource_locks_request', ['requestId'])
export class ResourceLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  resource!: string;

  @Column({ type: 'varchar', length: 36 })
  requestId!: string;

  @Column({ type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ type: Date })
  acquiredAt!: Date;
}
