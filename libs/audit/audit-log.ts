import type { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../persistence/entities';

export interface AuditRecord {
  /** Who really acted (a person's login, or `workflow` for automatic steps). */
  actor: string;
  /** The person the action was for, when someone acted on their behalf. */
  onBehalfOf?: string | null;
  /** What was done, e.g. RESOLVE_REQUEST, CANCEL_REQUEST, REQUEST_SHARED_NUMBER. */
  action: string;
  requestId?: string | null;
  system?: string | null;
  /** The number, MAC or request acted on. */
  target?: string | null;
  result: 'OK' | 'REFUSED' | 'FAILED';
  reason?: string | null;
  /** Why it was refused or failed, or what was decided (e.g. the step a decision applied to). */
  detail?: string | null;
}

/** The append-only audit log (the database refuses updates and deletes). */
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.dataSource.getRepository(AuditEntryEntity).insert({
      at: new Date(),
      actor: entry.actor,
      onBehalfOf: entry.onBehalfOf ?? null,
      action: entry.action,
      requestId: entry.requestId ?? null,
      system: entry.system ?? null,
      target: entry.target ?? null,
      result: entry.result,
      reason: entry.reason?.slice(0, 1000) ?? null,
      detail: entry.detail?.slice(0, 1000) ?? null,
    });
  }

  async forRequest(requestId: string): Promise<AuditEntryEntity[]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { requestId }, order: { id: 'ASC' } });
  }
}
