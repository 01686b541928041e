import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PhoneActivation } from '../../domain/phone-activation';

/**
 * A desk IP phone on a number. Partial unique indexes are the database's guard for "one phone per
 * MAC" and "at most one phone per number" among phones that are not removed.
 */
@Entity('ip_phones')
@Index('uq_ip_phones_mac_live', ['mac'], { unique: true, where: `"activation" <> 'REMOVED'` })
@Index('uq_ip_phones_number_live', ['number'], { unique: true, where: `"activation" <> 'REMOVED'` })
@Index('ix_ip_phones_owner', ['ownerLogin'])
export class IpPhoneEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Canonical: 12 lowercase hex digits. */
  @Column({ type: 'varchar', length: 12 })
  mac!: string;

  @Column({ type: 'varchar', length: 5 })
  number!: string;

  /** `TELEPHONE-<number>`: the network name carries the number. */
  @Column({ type: 'varchar', length: 20 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  modelId!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  office!: string | null;

  /** Who registered it (the number's owner or a manager). */
  @Column({ type: 'varchar', length: 64 })
  ownerLogin!: string;

  @Column({ type: 'varchar', length: 24 })
  activation!: PhoneActivation;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  /** The address DHCP reserved for it. */
  @Column({ type: 'varchar', length: 45, nullable: true })
  ipAddress!: string | null;

  /** Per-device secret in the boot URL DHCP hands to this MAC (see apps/provisioning). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  provisioningSecret!: string | null;

  /**
   * Digest credentials (docs/provisioning.md): when the phone first downloaded them in its line file,
   * and when it first authenticated with them. Both cleared with the secret.
   */
  @Column({ type: Date, nullable: true })
  provisioningDigestDeliveredAt!: Date | null;

  @Column({ type: Date, nullable: true })
  provisioningDigestVerifiedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  lastFetchAt!: Date | null;

  @Column({ type: Date, nullable: true })
  activatedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

/** A D60 DECT base paired with a host VVX, with up to five handsets (each on a number). */
@Entity('d60_bases')
@Index('uq_d60_bases_host', ['hostPhoneId'], { unique: true })
@Index('uq_d60_bases_mac', ['baseMac'], { unique: true })
export class D60BaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  hostPhoneId!: string;

  @Column({ type: 'varchar', length: 12 })
  baseMac!: string;

  /** `[{ slot: 1..5, number }]` */
  @Column({ type: 'simple-json' })
  handsets!: Array<{ slot: number; number: string }>;

  @CreateDateColumn()
  createdAt!: Date;
}
