import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OfferOutcome } from '../../domain/ownership-offer';

/**
 * A proposal that someone becomes the owner of a shared number, waiting for their answer. Written
 * by the change-owner workflow, so the proposed owner can list what waits for them.
 */
@Entity('ownership_offers')
@Index('ix_ownership_offers_proposed_owner', ['proposedOwner'])
export class OwnershipOfferEntity {
  /** The change-owner request. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  requestId!: string;

  @Column({ type: 'varchar', length: 5 })
  number!: string;

  @Column({ type: 'varchar', length: 64 })
  proposedOwner!: string;

  @Column({ type: 'varchar', length: 64 })
  proposedBy!: string;

  @Column({ type: Date })
  expiresAt!: Date;

  /** Null while the offer is open. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  outcome!: OfferOutcome | null;

  @Column({ type: Date, nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;
}
