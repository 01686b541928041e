// Three projects: fast unit specs that sit beside their code, and integration suites under test/ that
// share one real Temporal dev server and one fresh PostgreSQL database per run (see test/support).
const fs = require('node:fs');
const path = require('node:path');

const swc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc.jest.json'), 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] };
// jose, openid-client (and its oauth4webapi), the test identity provider oidc-provider, and
// http-auth-utils with its yerror ship as ES modules only: let SWC turn them into CommonJS like our own
// code (Node itself loads them with require(esm); Jest's module loader cannot).
const transformIgnorePatterns = [
  '/node_modules/(?!(jose|openid-client|oauth4webapi|oidc-provider|http-auth-utils|yerror)/)',
];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: [
        '<rootDir>/{apps,libs,activities,workflows,scripts}/**/*.spec.ts',
        '<rootDir>/test/lint/*.spec.ts',
      ],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/servers/', '<rootDir>/test/embedded/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
    },
    {
      // Self-tests of the harnesses that start real daemons (slapd, Kea, Kamailio, SMTP ...): they
      // need no Temporal server, so they run without the integration global setup.
      displayName: 'servers',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/servers/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
    },
    {
      // `npm start` end to end: the compiled scripts/start.ts starts its own Temporal dev server and
      // uses SQLite, so it needs neither the integration global setup nor PostgreSQL.
      displayName: 'embedded',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/embedded/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
    },
  ],
};
