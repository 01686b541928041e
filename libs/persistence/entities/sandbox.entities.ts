import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The state a sandbox driver keeps for its system (a SIP account, a directory entry, a mail …). */
@Entity('sandbox_records')
export class SandboxRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  system!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>;

  @Column({ type: Date })
  updatedAt!: Date;
}

/**
 * A fault to inject into a sandbox driver's calls: fail once, fail N times, fail always, or delay.
 * `operation` '*' matches every operation of the system.
 */
@Entity('sandbox_faults')
export class SandboxFaultEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  system!: string;

  @Column({ type: 'varchar', length: 60 })
  operation!: string;

  /** transient: retried with backoff; permanent: not retried; delay, hold: see FaultSpec. */
  @Column({ type: 'varchar', length: 10 })
  kind!: 'transient' | 'permanent' | 'delay' | 'hold';

  /** How many more calls fail; null = every call. */
  @Column({ type: 'integer', nullable: true })
  remaining!: number | null;

  @Column({ type: 'integer', default: 0 })
  delayMs!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  message!: string | null;

  @Column({ type: Date })
  createdAt!: Date;
}

/** Every side effect a sandbox driver really applied; tests count them to prove idempotency. */
@Entity('sandbox_effects')
@Index('ix_sandbox_effects_system_key', ['system', 'key'])
export class SandboxEffectEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  system!: string;

  @Column({ type: 'varchar', length: 60 })
  operation!: string;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: Date })
  at!: Date;
}
