import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What the provisioning server serves as `<mac>.cfg` (see libs/systems/provisioning): the
 * configuration's inputs, rendered per model family when the phone asks. SIP passwords are not
 * here; the server reads them from the vault when it renders the file.
 */
@Entity('provisioning_configs')
export class ProvisioningConfigEntity {
  /** Canonical MAC of the phone. */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  mac!: string;

  /** False once withdrawn: the server answers 404 for this MAC. */
  @Column({ type: 'boolean', default: false })
  servable!: boolean;

  /** Goes up each time the content changes, so a phone's fetch can be matched to what it got. */
  @Column({ type: 'integer' })
  revision!: number;

  /** A `PhoneConfig` (libs/systems/provisioning/provisioning.port.ts). */
  @Column({ type: 'simple-json' })
  config!: Record<string, unknown>;

  @Column({ type: Date, nullable: true })
  publishedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  withdrawnAt!: Date | null;

  /** When the phone last downloaded its file since the configuration was published. */
  @Column({ type: Date, nullable: true })
  lastFetchAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastFetchedRevision!: number | null;

  @UpdateDateColumn()
  updatedAt!: Date;
}
