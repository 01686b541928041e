import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ForwardWhen } from '../../domain/legacy-inventory-line';
import type { LegacyService } from '../../domain/legacy-migration';

/**
 * What Switchboard knows of a number still on a legacy service (imported from the legacy
 * inventory). Its row in `phone_numbers` is in state LEGACY until migrated.
 */
@Entity('legacy_numbers')
export class LegacyNumberEntity {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  number!: string;

  @Column({ type: 'varchar', length: 12 })
  service!: LegacyService;

  /** How the legacy system describes it (a room, a lab, a person's line). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  /** The desk phone on the legacy line, if any; re-registered after migration when compatible. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneModelId!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  phoneMac!: string | null;

  /** Where the legacy line forwards its calls, as the site's inventory file says (null: none or unknown). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  forwardTo!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  forwardWhen!: ForwardWhen | null;

  /** Whether the legacy line has voicemail; null when the site does not know. */
  @Column({ type: 'boolean', nullable: true })
  voicemail!: boolean | null;

  @Column({ type: Date })
  importedAt!: Date;
}

/** The people the phonebook lists a legacy number under (several → shared migration only). */
@Entity('legacy_listings')
@Index('ix_legacy_listings_login', ['login'])
export class LegacyListingEntity {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  number!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  login!: string;
}
