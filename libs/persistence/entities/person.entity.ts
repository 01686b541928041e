import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A cached copy of a person's directory entry; the directory stays the source of truth. */
@Entity('people')
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  login!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  mail!: string | null;

  @Column({ type: 'varchar', length: 8 })
  personnelClass!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  personnelSubCode!: string | null;

  /** Last working day, if the contract has an end. */
  @Column({ type: Date, nullable: true })
  contractEnd!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  office!: string | null;

  /** Organisational unit (department), e.g. IT; unit admins schedule migrations per unit. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  unit!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  supervisorLogin!: string | null;

  @Column({ type: Date })
  syncedAt!: Date;
}
