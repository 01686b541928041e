import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { OidcVerifier } from './oidc-verifier';
import { RoleService } from './role.service';
import { CSRF_HEADER, SessionCookies } from './session-cookies';
import type { AuthContext } from './viewer';
import { sameToken, WEB_SESSIONS, type WebSessions } from './web-sessions';

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

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Works out who is calling from the HTTP request: the portal's session cookie or an OIDC bearer
 * token (production sign-in), or in sandbox mode the demo account selector. Roles come from the
 * person's groups, looked up on every request (RoleService).
 */
@Injectable()
export class IdentityService {
  private readonly oidc: OidcVerifier | undefined;
  private readonly cookies: SessionCookies;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roles: RoleService,
    @Inject(WEB_SESSIONS) private readonly sessions: WebSessions | null,
  ) {
    this.cookies = new SessionCookies(config.session);
    this.oidc = config.oidc ? new OidcVerifier(config.oidc, config.roles.groupsClaim) : undefined;
  }

  async authenticate(request: Pick<Request, 'headers' | 'method'>): Promise<AuthContext> {
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
    const cookie = this.sessions ? this.cookies.read(request, this.cookies.session) : undefined;
    if (cookie !== undefined) return this.fromSession(cookie, request, onBehalfOf);
    return { viewer: null, onBehalfOf };
  }

  private async fromSession(
    cookie: string,
    request: Pick<Request, 'headers' | 'method'>,
    onBehalfOf: string | undefined,
  ): Promise<AuthContext> {
    const check = await this.sessions!.check(cookie);
    if ('refused' in check) return { viewer: null, authError: check.refused };
    // A cookie rides along with any request the browser sends, even one another site makes it send:
    // only the portal, which read the token from /auth/session, can name it.
    const sent = header(request, CSRF_HEADER);
    if (!READS.has(request.method) && (!sent || !sameToken(sent, check.session.csrfToken))) {
      return {
        viewer: null,
        authError:
          'This request did not carry the portal’s CSRF token, so it was refused. Reload the page and try again.',
      };
    }
    return { viewer: await this.roles.viewerFor(check.session.login, check.session.groups), onBehalfOf };
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
    return { viewer: await this.roles.viewerFor(check.login, check.groups), onBehalfOf };
  }
}
