import { LessThan, type DataSource } from 'typeorm';
import { WebSessionEntity } from '../../persistence/entities';

export type WebSessionRow = WebSessionEntity;

/** The portal's sign-in sessions in the inventory database, shared by every API replica. */
export class WebSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(WebSessionEntity);
  }

  async insert(row: WebSessionRow): Promise<void> {
    await this.rows.insert(row);
  }

  find(id: string): Promise<WebSessionRow | null> {
    return this.rows.findOneBy({ id });
  }

  /**
   * Removes a sign-in under way and returns it, so that the provider's answer is used once: a second
   * callback with the same cookie finds nothing.
   */
  async take(id: string): Promise<WebSessionRow | null> {
    const row = await this.rows.findOneBy({ id });
    if (!row) return null;
    const { affected } = await this.rows.delete({ id });
    return affected === 1 ? row : null;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<WebSessionRow, 'idToken' | 'refreshToken' | 'groups' | 'tokensExpireAt' | 'lastSeenAt'>
    >,
  ): Promise<void> {
    await this.rows.update({ id }, changes);
  }

  async remove(id: string): Promise<void> {
    await this.rows.delete({ id });
  }

  /** Forgets every session and sign-in past its end. */
  async removeExpired(now: Date): Promise<number> {
    return (await this.rows.delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}
