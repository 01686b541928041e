import { Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { ProviderError } from './oidc-relying-party';
import { CSRF_HEADER, SessionCookies } from './session-cookies';
import { sameToken, WEB_SESSIONS, type WebSessions } from './web-sessions';

/** The portal's page for a sign-in that did not work; it explains each reason (apps/portal). */
const problemPage = (reason: string) => `/sign-in-problem?reason=${encodeURIComponent(reason)}`;

/**
 * The browser's side of OpenID Connect sign-in (backend-for-frontend): `/auth/login` sends the
 * person to the provider, `/auth/callback` takes them back and opens a session, `/auth/session`
 * tells the portal who is signed in (and its CSRF token), `/auth/logout` ends it.
 */
@Controller('auth')
export class SignInController {
  private readonly logger = new Logger('sign-in');
  private readonly cookies: SessionCookies;

  constructor(
    @Inject(WEB_SESSIONS) private readonly sessions: WebSessions | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cookies = new SessionCookies(config.session);
  }

  @Get('login')
  async login(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.sessions) return response.redirect(303, problemPage('not-configured'));
    try {
      const { cookie, url } = await this.sessions.beginSignIn(
        typeof request.query.returnTo === 'string' ? request.query.returnTo : '/',
      );
      response.setHeader('set-cookie', this.cookies.set(this.cookies.signIn, cookie));
      response.setHeader('cache-control', 'no-store');
      response.redirect(303, url.href);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      response.redirect(303, problemPage('unavailable'));
    }
  }

  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.sessions) return response.redirect(303, problemPage('not-configured'));
    // The URL the provider was told to send people to, with the answer's parameters.
    const callbackUrl = new URL(`${this.config.publicUrl}/auth/callback`);
    callbackUrl.search = new URL(request.originalUrl, 'http://callback').search;
    const result = await this.sessions.finishSignIn(
      this.cookies.read(request, this.cookies.signIn),
      callbackUrl,
    );
    const cookies = [this.cookies.clear(this.cookies.signIn)];
    response.setHeader('cache-control', 'no-store');
    if ('problem' in result) {
      // The provider refusing someone is not our fault: info. An unreachable or misbehaving one is.
      const line = `sign-in ended: ${result.problem} (${result.detail})`;
      if (result.problem === 'unavailable' || result.problem === 'invalid') this.logger.warn(line);
      else this.logger.log(line);
      response.setHeader('set-cookie', cookies);
      return response.redirect(303, problemPage(result.problem));
    }
    cookies.push(this.cookies.set(this.cookies.session, result.cookie));
    response.setHeader('set-cookie', cookies);
    response.redirect(303, result.returnTo);
  }

  /** Who is signed in, for the portal; a cookie that no longer opens a session is cleared. */
  @Get('session')
  async session(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.setHeader('cache-control', 'no-store');
    const available = this.sessions !== null;
    const cookie = this.cookies.read(request, this.cookies.session);
    if (!this.sessions || !cookie) {
      response.json({ signInAvailable: available, signedIn: false });
      return;
    }
    const check = await this.sessions.check(cookie);
    if ('refused' in check) {
      response.setHeader('set-cookie', this.cookies.clear(this.cookies.session));
      response.json({ signInAvailable: available, signedIn: false, problem: check.refused });
      return;
    }
    const { login, csrfToken, expiresAt } = check.session;
    response.json({ signInAvailable: available, signedIn: true, login, csrfToken, expiresAt });
  }

  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.setHeader('cache-control', 'no-store');
    const cookie = this.cookies.read(request, this.cookies.session);
    if (this.sessions && cookie) {
      const check = await this.sessions.check(cookie);
      const sent = request.headers[CSRF_HEADER];
      if ('session' in check && (typeof sent !== 'string' || !sameToken(sent, check.session.csrfToken))) {
        response.status(403).json({
          code: 'CSRF_REFUSED',
          message: 'Sign-out needs the portal’s CSRF token. Reload the page and sign out again.',
        });
        return;
      }
    }
    const redirectTo = this.sessions ? await this.sessions.signOut(cookie) : '/signed-out';
    response.setHeader('set-cookie', this.cookies.clear(this.cookies.session));
    response.json({ redirectTo });
  }
}
