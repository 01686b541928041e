import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import type { AuthContext, Caller, Viewer } from './viewer';

const LOGIN = /^[a-z][a-z0-9._-]{0,63}$/;

function requireViewer(auth: AuthContext): Viewer {
  if (!auth.viewer) {
    throw new DomainError(
      DomainErrorCode.UNAUTHENTICATED,
      auth.authError ?? 'Sign in first: this operation needs to know who you are.',
    );
  }
  return auth.viewer;
}

/** The authenticated caller themselves (service-desk views use it); anonymous calls are refused. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer =>
  requireViewer(GqlExecutionContext.create(context).getContext<AuthContext>()),
);

/**
 * The person an operation is for: the viewer, or — for a service-desk agent who sent
 * `x-switchboard-on-behalf-of` — the person they act for. Anyone else naming someone is refused.
 */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const auth = GqlExecutionContext.create(context).getContext<AuthContext>();
  const viewer = requireViewer(auth);
  const roles = { isServiceDesk: viewer.isServiceDesk, unitAdminOf: viewer.unitAdminOf };
  if (!auth.onBehalfOf || auth.onBehalfOf === viewer.login) {
    return { login: viewer.login, actor: viewer.login, onBehalf: false, ...roles };
  }
  if (!viewer.isServiceDesk) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      'Only the service desk may act on behalf of someone else. Remove the on-behalf-of selection.',
    );
  }
  if (!LOGIN.test(auth.onBehalfOf)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `"${auth.onBehalfOf.slice(0, 64)}" is not a valid login to act for.`,
    );
  }
  return { login: auth.onBehalfOf, actor: viewer.login, onBehalf: true, ...roles };
});
