// Lints source texts with ESLint's Node API and the repository's own eslint.config.mjs. It runs in
// a worker thread because Jest evaluates specs in a VM that cannot import() ES modules, which is
// how ESLint loads its configuration.
import { parentPort, workerData } from 'node:worker_threads';
import { ESLint } from 'eslint';

const { cwd, samples } = workerData;
const eslint = new ESLint({
  cwd,
  // The samples are linted as if they sat at paths inside the restricted folders; no file is
  // there, so the TypeScript project service opens them in a default project on our tsconfig.
  overrideConfig: {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [...new Set(samples.map((s) => s.path))],
          defaultProject: 'tsconfig.json',
        },
      },
    },
  },
});

const results = [];
for (const sample of samples) {
  const [result] = await eslint.lintText(sample.text, { filePath: `${cwd}/${sample.path}` });
  results.push(result.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line })));
}
parentPort.postMessage(results);
