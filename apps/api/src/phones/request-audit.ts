import { AuditLog } from '../../../../libs/audit/audit-log';
import { isDomainError } from '../../../../libs/domain/domain-error';
import type { RequestEntity } from '../../../../libs/persistence/entities';
import type { Caller } from '../auth/viewer';

/**
 * Starts a request and records it in the audit log with the MAC or number it acts on: every
 * accepted request (a person's own, or the service desk's on someone's behalf), and the desk's
 * refused attempts with the reason. A person's own refused attempt is not audited, as for every
 * other mutation (mutation-audit.interceptor.ts, which these resolvers bypass with @SelfAudited).
 */
export async function auditedRequest(
  audit: AuditLog,
  caller: Caller,
  action: string,
  target: string,
  work: () => Promise<RequestEntity>,
): Promise<RequestEntity> {
  const entry = { actor: caller.actor, onBehalfOf: caller.onBehalf ? caller.login : null, action, target };
  try {
    const row = await work();
    await audit.record({ ...entry, requestId: row.id, result: 'OK' });
    return row;
  } catch (error) {
    if (caller.onBehalf && isDomainError(error))
      await audit.record({ ...entry, result: 'REFUSED', reason: error.message });
    throw error;
  }
}
