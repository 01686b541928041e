// The reliability suite at full scale: `node bench/run.js scripts/reliability.ts [suite ...]`.
// It runs the same Jest suites as `npm test` (test/reliability) with RELIABILITY_SCALE=full, so the
// sizes become those of issue 8 (500 chaos requests, 200 requests across worker and API kills, 50-way races,
// a 3-minute outage, 10,000 fuzzing cases); any size can be overridden by its variable (see
// test/reliability/support/reliability-scale.ts), and RELIABILITY_SEED replays a run. The figures
// each suite prints ("[reliability] ...") are collected at the end, for bench/reliability/README.md.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const suites = process.argv.slice(2);
const paths = suites.length > 0 ? suites.map((s) => `test/reliability/${s}`) : ['test/reliability'];

const figures: string[] = [];
const jest = spawn(
  process.execPath,
  [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...paths, '--selectProjects', 'integration'],
  { cwd: root, env: { ...process.env, RELIABILITY_SCALE: 'full' }, stdio: ['ignore', 'inherit', 'pipe'] },
);
jest.stderr.on('data', (chunk: Buffer) => {
  process.stderr.write(chunk);
  for (const line of chunk.toString().split('\n')) if (line.startsWith('[reliability]')) figures.push(line);
});
jest.on('exit', (code) => {
  process.stdout.write(`\nFull-scale reliability figures:\n${figures.join('\n')}\n`);
  process.exit(code ?? 1);
});
