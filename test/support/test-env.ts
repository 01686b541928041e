/**
 * Names of the environment variables through which the integration global setup hands the shared
 * servers of one test run to every test file (Jest workers inherit the parent's environment).
 */
export const TEST_ENV = {
  temporalAddress: 'SWITCHBOARD_TEST_TEMPORAL_ADDRESS',
  /** A migrated, seeded database that each test world copies (never used directly). */
  postgresTemplateUrl: 'SWITCHBOARD_TEST_POSTGRES_TEMPLATE_URL',
  workflowBundle: 'SWITCHBOARD_TEST_WORKFLOW_BUNDLE',
} as const;

export function requireTestEnv(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (!value) {
    throw new Error(
      `${TEST_ENV[name]} is not set: run integration suites through Jest's integration project`,
    );
  }
  return value;
}
