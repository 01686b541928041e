import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The SIP password of an extension, encrypted with SIP_SECRET_KEY (AES-256-GCM). It lives here,
 * not in workflow histories, because the phone's config file needs the plain password.
 */
@Entity('sip_credentials')
export class SipCredentialEntity {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  number!: string;

  /** `v1:<iv>:<tag>:<ciphertext>`, all base64. */
  @Column({ type: 'varchar', length: 300 })
  sealedPassword!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
