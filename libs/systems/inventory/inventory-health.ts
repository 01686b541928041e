import type { DataSource } from 'typeorm';

/** Whether the inventory database answers (for load balancers' health checks). */
export class InventoryHealth {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves once the database answered a trivial query; throws when it cannot be reached. */
  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
