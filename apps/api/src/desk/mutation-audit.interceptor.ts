import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { AuditLog, type AuditRecord } from '../../../../libs/audit/audit-log';
import { isDomainError } from '../../../../libs/domain/domain-error';
import type { AuthContext } from '../auth/viewer';
import { SELF_AUDITED } from './self-audited.decorator';

/** What a mutation that started a workflow returns (a RequestModel), as far as the audit needs it. */
interface StartedRequest {
  id: string;
  kind: string;
  requester: string;
  actor: string;
  subject?: string;
  workflowUrl: string;
}

function isStartedRequest(value: unknown): value is StartedRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StartedRequest).id === 'string' &&
    typeof (value as StartedRequest).requester === 'string' &&
    typeof (value as StartedRequest).workflowUrl === 'string'
  );
}

/** `requestPersonalNumber` → `REQUEST_PERSONAL_NUMBER`. */
export function auditActionName(fieldName: string): string {
  return fieldName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Writes an audit entry for every GraphQL mutation that started a request and every mutation sent on
 * someone's behalf — allowed or refused — with the real actor and the person acted for. It sits in
 * front of every feature's resolvers, so a new workflow's mutation is audited without more code.
 */
@Injectable()
export class MutationAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(MutationAuditInterceptor.name);

  constructor(
    private readonly audit: AuditLog,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ parentType: { name: string }; fieldName: string }>();
    if (
      info.parentType.name !== 'Mutation' ||
      this.reflector.getAllAndOverride<boolean>(SELF_AUDITED, [context.getHandler(), context.getClass()])
    )
      return next.handle();
    const auth = gql.getContext<AuthContext>();
    // Without a viewer nobody can be named; the call is refused as UNAUTHENTICATED anyway.
    if (!auth.viewer) return next.handle();
    const actor = auth.viewer.login;
    const onBehalfOf = auth.onBehalfOf && auth.onBehalfOf !== actor ? auth.onBehalfOf.slice(0, 64) : null;
    const base: AuditRecord = { actor, onBehalfOf, action: auditActionName(info.fieldName), result: 'OK' };

    return next.handle().pipe(
      mergeMap((result: unknown) => {
        if (!isStartedRequest(result)) {
          return onBehalfOf ? from(this.audit.record(base).then(() => result)) : [result];
        }
        // A feature that launched with the person's login as actor would hide who really acted.
        const actorRecorded = result.actor === actor;
        if (!actorRecorded)
          this.logger.error(
            `${info.fieldName} recorded request ${result.id} with actor ${result.actor}, not ${actor}`,
          );
        const entry: AuditRecord = {
          ...base,
          onBehalfOf: result.requester !== actor ? result.requester : onBehalfOf,
          requestId: result.id,
          target: result.subject ?? null,
          detail: `started ${result.kind} for ${result.requester}${actorRecorded ? '' : ` (the request names ${result.actor} as its actor)`}`,
        };
        return from(this.audit.record(entry).then(() => result));
      }),
      catchError((error: unknown) => {
        if (!onBehalfOf) throw error;
        const entry: AuditRecord = {
          ...base,
          result: isDomainError(error) ? 'REFUSED' : 'FAILED',
          detail: isDomainError(error) ? `${error.code}: ${error.message}` : 'internal error',
        };
        return from(
          this.audit.record(entry).then(() => {
            throw error;
          }),
        );
      }),
    );
  }
}
