import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NumberState } from '../../domain/number-state';
import type { NumberType } from '../../domain/number-type';

/**
 * A 5-digit extension and who holds it. The partial unique index is the database's own guard for
 * "at most one personal number per person", whatever the application checks before.
 */
@Entity('phone_numbers')
@Index('uq_phone_numbers_one_personal_per_owner', ['ownerLogin'], {
  unique: true,
  where: `"type" = 'PERSONAL' AND "ownerLogin" IS NOT NULL`,
})
@Index('ix_phone_numbers_state_number', ['state', 'number'])
export class PhoneNumberEntity {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  number!: string;

  /** Null while a legacy number waits to be migrated as personal or shared. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  type!: NumberType | null;

  @Column({ type: 'varchar', length: 20 })
  state!: NumberState;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ownerLogin!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  /** `phone-mngr-<number>` for shared numbers. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  managersGroup!: string | null;

  @Column({ type: 'boolean', default: true })
  inPhonebook!: boolean;

  /** Where a migrated number came from (SKYPE, ANALOGUE, …). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  legacySource!: string | null;

  /** The request currently acting on the number, if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  /** Until when a deactivated number stays reserved for its last owner. */
  @Column({ type: Date, nullable: true })
  reservedUntil!: Date | null;

  /** Until when a deleted number stays out of allocation. */
  @Column({ type: Date, nullable: true })
  quarantineUntil!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
