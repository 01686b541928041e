// Lint rules for the whole repository. The workflows/ override is what keeps workflow code
// deterministic: Temporal replays it, so it may not reach the outside world except through
// activities (imported as types only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Everything that performs I/O or pulls a framework into the workflow sandbox.
const nonDeterministicModules = [
  ...nodeBuiltins,
  'typeorm',
  'pg',
  'better-sqlite3',
  'ldapts',
  'nodemailer',
  'soap',
  'axios',
  'jose',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      '.tmp/**',
      'apps/portal/dist/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Nest and TypeORM classes are often empty shells with decorators.
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'error',
    },
  },
  {
    // Nest's dependency injection reads constructor parameter types at runtime, so classes that
    // Nest instantiates must keep value imports for their injected types.
    files: [
      'apps/**/*.ts',
      'libs/**/*.module.ts',
      'libs/**/*.service.ts',
      'libs/**/*.resolver.ts',
      'libs/**/*.provider.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nonDeterministicModules.map((name) => ({
            name,
            message: 'Workflow code is replayed by Temporal: do I/O in an activity instead.',
          })),
          patterns: [
            {
              group: [
                '@nestjs/*',
                '**/libs/persistence/**',
                '**/libs/systems/**',
                '**/libs/config/**',
                '**/apps/**',
              ],
              message:
                'Workflow code may not use Nest, the ORM, drivers or config: pass values in the workflow input.',
            },
            {
              group: ['**/activities/**', '**/activities'],
              allowTypeImports: true,
              message: 'Import activities as types only and call them through proxyActivities.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code may not read the environment: use the workflow input.' },
        { name: 'require', message: 'Workflow code may not load modules dynamically.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use uuid4() or a value from an activity.' },
        {
          object: 'Date',
          property: 'now',
          message: 'Use workflow time: new Date() is deterministic inside a workflow.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Jest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
