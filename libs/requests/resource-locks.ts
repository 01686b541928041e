import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../persistence/database-errors';
import { ResourceLockEntity } from '../persistence/entities';

/** Names of lockable resources: one request at a time on each. */
export const lockKeys = {
  personalNumberOf: (login: string) => `person:${login}:personal`,
  number: (number: string) => `number:${number}`,
  mac: (mac: string) => `mac:${mac}`,
} as const;

export type LockOutcome =
  | { acquired: true }
  | { acquired: false; heldBy: { resource: string; requestId: string; workflowId: string } };

/**
 * Database-backed locks, taken by the API before it starts a workflow and released by the workflow
 * as its last act. A primary key per resource makes them safe across API replicas.
 */
export class ResourceLocks {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes every lock or none. */
  async acquire(resources: string[], requestId: string, workflowId: string): Promise<LockOutcome> {
    const acquired = await this.dataSource.transaction(async (manager: EntityManager): Promise<boolean> => {
      try {
        await manager
          .getRepository(ResourceLockEntity)
          .insert(resources.map((resource) => ({ resource, requestId, workflowId, acquiredAt: new Date() })));
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return false;
      }
    });
    if (acquired) return { acquired: true };
    // Read the holder only once the failed transaction has given its connection back: reading it
    // from inside would need a second connection per refused request, and enough simultaneous
    // refusals (50 requests on one number) would take the whole pool and wait on each other forever.
    const holder = await this.dataSource
      .getRepository(ResourceLockEntity)
      .findOne({ where: resources.map((resource) => ({ resource })) });
    // The holder may have released between our insert and this read; report what we know.
    return {
      acquired: false,
      heldBy: holder ?? { resource: resources[0], requestId: 'unknown', workflowId: 'unknown' },
    };
  }

  async release(requestId: string): Promise<void> {
    await this.dataSource.getRepository(ResourceLockEntity).delete({ requestId });
  }

  async acquiredAt(requestId: string): Promise<Date | null> {
    const row = await this.dataSource
      .getRepository(ResourceLockEntity)
      .findOne({ where: { requestId }, order: { acquiredAt: 'ASC' } });
    return row?.acquiredAt ?? null;
  }

  async heldBy(requestId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ResourceLockEntity).findBy({ requestId });
    return rows.map((row) => row.resource);
  }
}
