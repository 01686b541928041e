import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';

/** Paths the API answers itself; the portal never shadows them, even with a client route. */
export const API_PATH_PREFIXES = ['/graphql', '/health', '/softphone', '/auth'] as const;

export function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** apps/portal/dist of the checkout: found from here, whether running from sources or from dist/. */
export function defaultPortalDistDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'apps', 'portal', 'dist');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The portal has not been built</h1>
<p>The API is running (GraphQL at <a href="/graphql">/graphql</a>), but there is no built portal to serve.
Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
</body></html>`;

/**
 * Serves the built single-page portal: its files as they are (hashed assets cached for a year),
 * and index.html for every other GET that is not an API path, so client routes survive a reload.
 */
@Injectable()
export class PortalStaticMiddleware implements NestMiddleware {
  private readonly logger = new Logger('portal');
  private readonly dir: string;
  private warned = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = resolve(config.portalDistDir ?? defaultPortalDistDir());
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const path = pathOf(req.originalUrl);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path === null || isApiPath(path)) return next();
    if (!existsSync(join(this.dir, 'index.html'))) {
      if (!this.warned) {
        this.logger.warn(`no built portal in ${this.dir}: run npm run build`);
        this.warned = true;
      }
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    const file = path.slice(1);
    if (file !== '' && isFile(join(this.dir, file))) {
      const hashed = file.startsWith('assets/');
      res.sendFile(file, {
        root: this.dir,
        dotfiles: 'deny',
        maxAge: hashed ? 365 * 24 * 3600 * 1000 : 0,
        immutable: hashed,
      });
      return;
    }
    // A missing file (an old asset, a typo) is a 404; anything else is a client route.
    if (extname(file) !== '') {
      res.status(404).type('text').send('Not found');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: this.dir });
  }
}

function pathOf(url: string): string | null {
  try {
    const path = decodeURIComponent(new URL(url, 'http://portal').pathname);
    // Traversal and NUL bytes are never a portal file; express's sendFile refuses them too.
    return path.includes('\0') || path.split('/').includes('..') ? null : path;
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
