import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A row is a sign-in under way (between the redirect to the provider and its answer) or a session. */
export type WebSessionState = 'signing-in' | 'signed-in';

/**
 * The portal's sign-in sessions (docs/security.md): the browser holds only a random cookie value,
 * the row is keyed by its SHA-256, and the provider's tokens stay here, sealed. Rows are shared by
 * every API replica.
 */
@Entity('web_sessions')
@Index('ix_web_sessions_expires', ['expiresAt'])
export class WebSessionEntity {
  /** SHA-256 (hex) of the cookie's value: a leaked table gives no usable cookie. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: WebSessionState;

  /** Null while signing in. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  login!: string | null;

  /** Sent back by the portal in a header on every mutation (CSRF). */
  @Column({ type: 'varchar', length: 64 })
  csrfToken!: string;

  /** While signing in: the PKCE verifier, state, nonce and where to go back (sealed JSON). */
  @Column({ type: 'text', nullable: true })
  signIn!: string | null;

  /** The provider's ID token (sealed), for RP-initiated logout's id_token_hint. */
  @Column({ type: 'text', nullable: true })
  idToken!: string | null;

  /** The provider's refresh token (sealed). */
  @Column({ type: 'text', nullable: true })
  refreshToken!: string | null;

  /** The person's groups from the latest tokens (JSON), when roles come from a claim. */
  @Column({ type: 'text', nullable: true })
  groups!: string | null;

  /** When the provider's access token runs out: the session refreshes after this. */
  @Column({ type: Date, nullable: true })
  tokensExpireAt!: Date | null;

  /** The session's hard end (sign-in + SESSION_MAX_AGE_HOURS, or the sign-in's own timeout). */
  @Column({ type: Date })
  expiresAt!: Date;

  @Column({ type: Date })
  lastSeenAt!: Date;

  @Column({ type: Date })
  createdAt!: Date;
}
