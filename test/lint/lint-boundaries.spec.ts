import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const root = join(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

interface Sample {
  fixture: string;
  /** Where the fixture is linted as if it were (inside a restricted folder). */
  path: string;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

const samples = {
  workflowPersistenceBarrel: {
    fixture: 'workflow-imports-persistence-barrel.ts',
    path: 'workflows/lint-fixture.ts',
  },
  workflowMailDelivery: { fixture: 'workflow-imports-mail-delivery.ts', path: 'workflows/lint-fixture.ts' },
  safeLibReexportsIo: { fixture: 'workflow-safe-lib-reexports-io.ts', path: 'libs/domain/lint-fixture.ts' },
  workflowCompliant: { fixture: 'workflow-compliant.ts', path: 'workflows/lint-fixture.ts' },
  apiUsesTheOrm: { fixture: 'api-uses-the-orm.ts', path: 'apps/api/src/lint-fixture.ts' },
  apiCompliant: { fixture: 'api-compliant.ts', path: 'apps/api/src/lint-fixture.ts' },
  appImportsScript: { fixture: 'app-imports-a-script.ts', path: 'apps/provisioning/src/lint-fixture.ts' },
} satisfies Record<string, Sample>;

type SampleName = keyof typeof samples;

/** Lints every sample once, with the repository's ESLint configuration. */
async function lintAll(): Promise<Record<SampleName, LintMessage[]>> {
  const names = Object.keys(samples) as SampleName[];
  const workerData = {
    cwd: root,
    samples: names.map((name) => ({
      path: samples[name].path,
      text: readFileSync(join(__dirname, 'fixtures', samples[name].fixture), 'utf8'),
    })),
  };
  const worker = new Worker(join(__dirname, 'lint-in-worker.mjs'), { workerData });
  const messages = await new Promise<LintMessage[][]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the lint worker exited with code ${code}`)));
  }).finally(() => worker.terminate());
  return Object.fromEntries(names.map((name, i) => [name, messages[i]])) as Record<SampleName, LintMessage[]>;
}

const restrictions = (messages: LintMessage[]) => messages.filter((m) => m.ruleId === RULE);

describe('the import boundaries lint enforces', () => {
  let linted: Record<SampleName, LintMessage[]>;

  beforeAll(async () => {
    linted = await lintAll();
  }, 300_000);

  it('refuses a workflow that imports the persistence index, which re-exports TypeORM', () => {
    expect(restrictions(linted.workflowPersistenceBarrel)).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringContaining(
          'Workflow code is replayed by Temporal: it may import only libs/domain, libs/contracts, libs/notifications/templates',
        ),
      }),
    ]);
  });

  it('refuses a workflow that imports mail delivery, even as a type-and-value pair', () => {
    const found = restrictions(linted.workflowMailDelivery);
    expect(found.map((m) => m.line)).toEqual([3, 4]);
    for (const m of found) expect(m.message).toContain('the rest of libs/ does I/O');
  });

  it('refuses an index in a workflow-safe lib that re-exports the ORM', () => {
    const found = restrictions(linted.safeLibReexportsIo);
    expect(found.map((m) => m.line)).toEqual([3, 4]);
    for (const m of found) expect(m.message).toContain('Workflow code is replayed by Temporal');
  });

  it('lets a workflow import Temporal, the contracts, the domain index and the templates', () => {
    expect(linted.workflowCompliant).toEqual([]);
  });

  it('refuses the ORM, and entities as values, in the API', () => {
    const found = restrictions(linted.apiUsesTheOrm);
    expect(found.map((m) => m.line)).toEqual([3, 4]);
    for (const m of found)
      expect(m.message).toContain(
        'The API reaches the inventory through the query and command classes in libs/systems/inventory',
      );
  });

  it('lets the API use a query class, and entities as types', () => {
    expect(linted.apiCompliant).toEqual([]);
  });

  it('refuses a script in a production app', () => {
    expect(restrictions(linted.appImportsScript)).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringContaining('A production app may not import a script'),
      }),
    ]);
  });
});
