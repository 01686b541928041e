import { In, MoreThan, type DataSource } from 'typeorm';
import type { SystemName } from '../../contracts/systems';
import { SandboxEffectEntity, SandboxRecordEntity } from '../../persistence/entities';

/**
 * Keeps a sandbox driver's state in the app database (so it survives restarts and is shared by the
 * api and the worker), and logs every side effect actually applied.
 */
export class SandboxStore {
  constructor(private readonly dataSource: DataSource) {}

  async get<T extends object>(system: SystemName, key: string): Promise<T | null> {
    const row = await this.dataSource.getRepository(SandboxRecordEntity).findOneBy({ system, key });
    return row ? (row.data as T) : null;
  }

  /** Every record of the system, or only those whose key starts with `prefix`, in key order. */
  async list<T extends object>(
    system: SystemName,
    prefix?: string,
  ): Promise<Array<{ key: string; data: T }>> {
    return this.select<T>(system, { prefix });
  }

  /** Records in key order after `after`, optionally only keys starting with `prefix`: one page of a scan. */
  async page<T extends object>(
    system: SystemName,
    options: { after?: string; prefix?: string; limit: number },
  ): Promise<Array<{ key: string; data: T }>> {
    return this.select<T>(system, options);
  }

  private async select<T extends object>(
    system: SystemName,
    options: { after?: string; prefix?: string; limit?: number },
  ): Promise<Array<{ key: string; data: T }>> {
    const query = this.dataSource
      .getRepository(SandboxRecordEntity)
      .createQueryBuilder('r')
      .where('r.system = :system', { system });
    if (options.after !== undefined) query.andWhere('r.key > :after', { after: options.after });
    if (options.prefix) {
      // LIKE rather than a key range: collations that ignore punctuation would stretch a range.
      const pattern = `${options.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(`r.key LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    query.orderBy('r.key', 'ASC');
    if (options.limit !== undefined) query.limit(options.limit);
    const rows = await query.getMany();
    return rows.map((row) => ({ key: row.key, data: row.data as T }));
  }

  /** The records among these keys that exist, in one query. */
  async getMany<T extends object>(
    system: SystemName,
    keys: string[],
  ): Promise<Array<{ key: string; data: T }>> {
    if (keys.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(SandboxRecordEntity)
      .find({ where: { system, key: In(keys) }, order: { key: 'ASC' } });
    return rows.map((row) => ({ key: row.key, data: row.data as T }));
  }

  async put(system: SystemName, key: string, data: object, operation: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(SandboxRecordEntity)
        .save({ system, key, data: { ...data }, updatedAt: new Date() });
      await manager.getRepository(SandboxEffectEntity).insert({ system, operation, key, at: new Date() });
    });
  }

  /** Returns whether something was there to delete. */
  async delete(system: SystemName, key: string, operation: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(SandboxRecordEntity).delete({ system, key });
      const deleted = (result.affected ?? 0) > 0;
      if (deleted)
        await manager.getRepository(SandboxEffectEntity).insert({ system, operation, key, at: new Date() });
      return deleted;
    });
  }

  /** Side effects applied to a system (optionally one key), oldest first, after a given effect id. */
  async effects(
    system: SystemName,
    key?: string,
    afterId = 0,
  ): Promise<Array<{ operation: string; key: string }>> {
    const rows = await this.dataSource.getRepository(SandboxEffectEntity).find({
      where: { system, ...(key === undefined ? {} : { key }), id: MoreThan(afterId) },
      order: { id: 'ASC' },
    });
    return rows.map(({ operation, key: k }) => ({ operation, key: k }));
  }

  /** The id of the latest side effect, to look only at what happens afterwards. */
  async lastEffectId(): Promise<number> {
    const row = await this.dataSource
      .getRepository(SandboxEffectEntity)
      .findOne({ where: {}, order: { id: 'DESC' } });
    return row?.id ?? 0;
  }
}
