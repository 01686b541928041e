import { AuditLog } from '../../../../libs/audit/audit-log';
import { isDomainError } from '../../../../libs/domain/domain-error';
import type { RequestEntity } from '../../../../libs/persistence/entities';
import type { Caller } from '../auth/viewer';

/**
 * Runs a request made by a service-desk agent on someone's behalf and records it in the audit log
 * (accepted, or refused with the reason); requests people make for themselves are not audited here.
 */
export async function auditedOnBehalf(
  audit: AuditLog,
  caller: Caller,
  action: string,
  target: string,
  work: () => Promise<RequestEntity>,
): Promise<RequestEntity> {
  if (!caller.onBehalf) return work();
  const entry = { actor: caller.actor, onBehalfOf: caller.login, action, target };
  try {
    const row = await work();
    await audit.record({ ...entry, requestId: row.id, result: 'OK' });
    return row;
  } catch (error) {
    if (isDomainError(error)) await audit.record({ ...entry, result: 'REFUSED', reason: error.message });
    throw error;
  }
}
