import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { OidcVerifier } from './oidc-verifier';
import { RoleService } from './role.service';
import type { AuthContext } from './viewer';

/** The sandbox's "Select account": the portal sends the chosen demo login in this header. */
export const DEV_LOGIN_HEADER = 'x-switchboard-user';
/** A service-desk agent acting for someone names them in this header. */
export const ON_BEHALF_HEADER = 'x-switchboard-on-behalf-of';

const LOGIN = /^[a-z][a-z0-9._-]{0,63}$/;

function header(request: Pick<Request, 'headers'>, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

/**
 * Works out who is calling from the HTTP request: an OIDC bearer token (production sign-in), or in
 * sandbox mode the demo account selector. Roles come from directory e-groups either way.
 */
@Injectable()
export class IdentityService {
  private readonly oidc: OidcVerifier | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roles: RoleService,
  ) {
    this.oidc = config.oidc ? new OidcVerifier(config.oidc) : undefined;
  }

  async authenticate(request: Pick<Request, 'headers'>): Promise<AuthContext> {
    const onBehalfOf = header(request, ON_BEHALF_HEADER)?.trim().toLowerCase() || undefined;
    const devLogin = header(request, DEV_LOGIN_HEADER);
    if (devLogin !== undefined) {
      if (!this.config.sandbox) {
        return {
          viewer: null,
          authError:
            'The demo account selector works only in sandbox mode. Sign in with your organisation account.',
        };
      }
      const login = devLogin.trim().toLowerCase();
      if (!LOGIN.test(login))
        return { viewer: null, authError: `"${devLogin.slice(0, 64)}" is not a valid login.` };
      return { viewer: await this.roles.viewerFor(login), onBehalfOf };
    }
    const authorization = header(request, 'authorization');
    if (authorization !== undefined) return this.signIn(authorization, onBehalfOf);
    return { viewer: null, onBehalfOf };
  }

  private async signIn(authorization: string, onBehalfOf: string | undefined): Promise<AuthContext> {
    if (!this.oidc) {
      return {
        viewer: null,
        authError: this.config.sandbox
          ? 'Sign-in with a bearer token is not configured here (OIDC_ISSUER is unset); in sandbox mode, choose a demo account.'
          : 'Sign-in with a bearer token is not configured on this server. Contact the service desk.',
      };
    }
    const token = BEARER.exec(authorization)?.[1];
    if (!token) {
      return {
        viewer: null,
        authError: 'Send your sign-in token as "Authorization: Bearer <token>". Sign in again.',
      };
    }
    const check = await this.oidc.verify(token);
    if ('refused' in check) return { viewer: null, authError: check.refused };
    return { viewer: await this.roles.viewerFor(check.login), onBehalfOf };
  }
}
