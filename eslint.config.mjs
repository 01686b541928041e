// Lint rules for the whole repository. The workflows/ override is what keeps workflow code
// deterministic: Temporal replays it, so it may not reach the outside world except through
// activities (imported as types only). The boundaries below are tested by deliberate violations in
// test/lint/ (fixtures there are ignored here).
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

// The only libs workflow code may import, and that may themselves import only each other: so no
// index (barrel) a workflow can reach re-exports I/O. Everything else in libs/ does I/O.
const workflowSafeLibs = ['domain', 'contracts', 'notifications/templates'];
const workflowSafeLibFiles = workflowSafeLibs.map((lib) => `libs/${lib}/**/*.ts`);
const safeLib = `(${workflowSafeLibs.join('|')})(/|$)`;
const safeLibList = workflowSafeLibs.map((lib) => `libs/${lib}`).join(', ');
const workflowUnsafeLibMessage = `Workflow code is replayed by Temporal: it may import only ${safeLibList}; the rest of libs/ does I/O (the ORM, drivers, config, mail delivery). Pass values in the workflow input or call an activity.`;

// The API reaches the inventory only through the query and command classes of libs/systems/inventory.
const ormModules = ['typeorm', '@nestjs/typeorm', 'pg', 'better-sqlite3'];
const apiOrmMessage =
  'The API reaches the inventory through the query and command classes in libs/systems/inventory, never the ORM.';
const scriptsPattern = {
  group: ['**/scripts/**', '**/scripts'],
  message: 'A production app may not import a script: move what it needs to libs/.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      '.tmp/**',
      'apps/portal/dist/**',
      // Written by `npm run codegen` (codegen.ts); checked by `npm run codegen:check`.
      'apps/portal/src/api/generated/**',
      '**/*.js',
      '**/*.mjs',
      // Deliberate violations, linted only by the specs beside them.
      'test/lint/fixtures/**',
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
              group: ['@nestjs/*', '**/apps/**', '**/scripts/**'],
              message:
                'Workflow code may not use Nest, the ORM, drivers or config: pass values in the workflow input.',
            },
            { regex: `(^|/)libs(/(?!${safeLib})|$)`, message: workflowUnsafeLibMessage },
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
    // What workflows may import must not reach I/O either, not even through an index that
    // re-exports it: these libs import only each other, @temporalio/workflow and @temporalio/common.
    files: workflowSafeLibFiles,
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nonDeterministicModules.map((name) => ({ name, message: workflowUnsafeLibMessage })),
          patterns: [
            { group: ['@nestjs/*'], message: workflowUnsafeLibMessage },
            // A relative import that leaves the workflow-safe libs.
            { regex: `^(\\.\\./)+(?!\\.\\./|(libs/)?${safeLib})`, message: workflowUnsafeLibMessage },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [scriptsPattern] }] },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ormModules.map((name) => ({ name, message: apiOrmMessage })),
          patterns: [
            {
              // Entities may still name the rows a query returns, as types.
              regex: '(^|/)libs/persistence(/|$)',
              allowTypeImports: true,
              message: `${apiOrmMessage} Entities may be imported as types only.`,
            },
            scriptsPattern,
          ],
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
