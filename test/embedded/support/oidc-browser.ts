/**
 * Signing in as a person does, without a browser: follow the redirects of the portal's
 * `/auth/login` through the OpenID Provider's pages, keeping each site's cookies, and submit the
 * provider's forms (its sign-in form with the login and any password, then its consent form).
 * Returns the portal's session cookie and the CSRF token its GraphQL mutations need.
 */

type Jar = Map<string, Map<string, string>>;

function remember(jar: Jar, url: URL, response: Response): void {
  const cookies = jar.get(url.origin) ?? new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  jar.set(url.origin, cookies);
}

const cookieHeader = (jar: Jar, url: URL) =>
  [...(jar.get(url.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');

const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/g, '/')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The first POST form of a page: its action and its inputs, with `fill` for the visible ones. */
function formOf(
  html: string,
  base: URL,
  fill: Record<string, string>,
): { action: URL; body: URLSearchParams } {
  const form = /<form[^>]*action="([^"]*)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the provider's page:\n${html.slice(0, 2000)}`);
  const body = new URLSearchParams();
  for (const input of form[2].matchAll(/<input([^>]*)>/gi)) {
    const name = /name="([^"]*)"/.exec(input[1])?.[1];
    if (!name) continue;
    body.set(name, fill[name] ?? decode(/value="([^"]*)"/.exec(input[1])?.[1] ?? ''));
  }
  return { action: new URL(decode(form[1]), base), body };
}

export interface PortalSession {
  cookie: string;
  csrfToken: string;
}

export async function signInThroughProvider(portalUrl: string, login: string): Promise<PortalSession> {
  const jar: Jar = new Map();
  const portal = new URL(portalUrl);
  let url = new URL('/auth/login', portal);
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(jar, url) },
    });
    remember(jar, url, response);
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    if (url.origin === portal.origin) break;
    if (response.status !== 200)
      throw new Error(`the provider answered ${response.status} at ${url.href}: ${await response.text()}`);
    const { action, body } = formOf(await response.text(), url, { login, password: 'any password' });
    url = action;
    init = {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  const cookie = cookieHeader(jar, portal);
  const session = (await (await fetch(new URL('/auth/session', portal), { headers: { cookie } })).json()) as {
    csrfToken?: string;
  };
  if (!session.csrfToken) throw new Error(`signed in as ${login}, but the session has no CSRF token`);
  return { cookie, csrfToken: session.csrfToken };
}
