import type { SandboxStore } from '../sandbox/sandbox-store';
import { systemRejected, type ApplyResult } from '../system-error';
import type { LegacyLineConfig, LegacyTelephonyPort } from './legacy.port';

/** Legacy lines kept in the app database, seeded with the demo organisation's old numbers. */
export class SandboxLegacyDriver implements LegacyTelephonyPort {
  constructor(private readonly store: SandboxStore) {}

  /** Seeding for demos and tests; not part of the port. */
  async upsertLine(line: LegacyLineConfig): Promise<void> {
    await this.store.put('legacy', line.number, { ...line }, 'seedLine');
  }

  async snapshotLine(number: string): Promise<LegacyLineConfig | null> {
    return this.store.get<LegacyLineConfig>('legacy', number);
  }

  async deactivateLine(number: string): Promise<ApplyResult> {
    const line = await this.store.get<LegacyLineConfig>('legacy', number);
    if (!line) throw systemRejected('legacy', `the legacy services have no line ${number}`);
    if (!line.active) return 'unchanged';
    await this.store.put('legacy', number, { ...line, active: false }, 'deactivateLine');
    return 'applied';
  }

  async reactivateLine(line: LegacyLineConfig): Promise<ApplyResult> {
    const current = await this.store.get<LegacyLineConfig>('legacy', line.number);
    if (current?.active) return 'unchanged';
    await this.store.put('legacy', line.number, { ...(current ?? line), active: true }, 'reactivateLine');
    return 'applied';
  }
}
