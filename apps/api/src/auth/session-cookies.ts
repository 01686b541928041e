import { parse, serialize } from 'cookie';
import type { Request } from 'express';
import type { SessionConfig } from '../../../../libs/config/sign-in-config';

/** The header the portal sends its session's CSRF token in, on every mutation. */
export const CSRF_HEADER = 'x-csrf-token';

const SIGN_IN_MAX_AGE_S = 600;

/**
 * The portal's two cookies: the session, and a sign-in under way. Both HttpOnly (no script reads
 * them) and SameSite=Lax (not sent on cross-site posts; sent on the provider's redirect back, a
 * top-level GET). With Secure on, the `__Host-` prefix also pins them to this host and path `/`.
 */
export class SessionCookies {
  readonly session: string;
  readonly signIn: string;

  constructor(private readonly settings: SessionConfig) {
    const prefix = settings.cookieSecure ? '__Host-' : '';
    this.session = `${prefix}switchboard-session`;
    this.signIn = `${prefix}switchboard-signin`;
  }

  read(request: Pick<Request, 'headers'>, name: string): string | undefined {
    const header = request.headers.cookie;
    if (!header) return undefined;
    return parse(header)[name] || undefined;
  }

  set(name: string, value: string): string {
    const maxAge = name === this.signIn ? SIGN_IN_MAX_AGE_S : Math.floor(this.settings.maxAgeMs / 1000);
    return serialize(name, value, this.options(maxAge));
  }

  clear(name: string): string {
    return serialize(name, '', { ...this.options(0), expires: new Date(0) });
  }

  private options(maxAge: number) {
    return {
      httpOnly: true,
      secure: this.settings.cookieSecure,
      sameSite: 'lax' as const,
      path: '/',
      maxAge,
    };
  }
}
