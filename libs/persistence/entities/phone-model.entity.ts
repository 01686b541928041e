import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Compatibility } from '../../domain/phone-compatibility';

/** The catalogue of desk-phone models; only compatible ones (YES) may be registered. */
@Entity('phone_models')
export class PhoneModelEntity {
  /** A slug, e.g. `polycom-vvx-450`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  manufacturer!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** Which provisioning template renders its config (`polycom`, …). */
  @Column({ type: 'varchar', length: 32 })
  family!: string;

  @Column({ type: 'varchar', length: 4 })
  compatible!: Compatibility;

  /** An add-on (the D60 DECT base) pairs with a host phone instead of carrying a line. */
  @Column({ type: 'boolean', default: false })
  addOn!: boolean;
}
