import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPortalDistDir, isApiPath } from './portal-static.middleware';

describe('the portal static files', () => {
  it('never shadows the API paths', () => {
    for (const path of ['/graphql', '/health', '/softphone', '/softphone/numbers', '/graphql/']) {
      expect(isApiPath(path)).toBe(true);
    }
    for (const path of ['/', '/requests/abc', '/phones', '/graphqlish', '/healthy', '/assets/index.js']) {
      expect(isApiPath(path)).toBe(false);
    }
  });

  it('finds apps/portal/dist from the sources and from the compiled dist/ tree alike', () => {
    const root = mkdtempSync(join(tmpdir(), 'portal-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    const expected = join(root, 'apps', 'portal', 'dist');
    expect(defaultPortalDistDir(join(root, 'apps', 'api', 'src', 'portal'))).toBe(expected);
    expect(defaultPortalDistDir(join(root, 'dist', 'apps', 'api', 'src', 'portal'))).toBe(expected);
  });
});
