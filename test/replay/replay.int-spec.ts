import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as workflows from '../../workflows';
import { requireTestEnv } from '../support/test-env';
import { asWorkflowType, loadHistories, replay } from './replay-histories';
import { REPLAY_SCENARIOS } from './scenarios';

/**
 * Every recorded history (test/replay/histories) must replay against today's workflow code: a change
 * that would make running workflows diverge fails here before it reaches production.
 */
describe('replaying recorded workflow histories', () => {
  const histories = loadHistories();

  it('has a recorded history for every scenario, and every workflow the worker registers', () => {
    const files = new Set(histories.map((h) => h.file));
    for (const scenario of REPLAY_SCENARIOS)
      expect(files).toContain(`${scenario.workflowType}.${scenario.name}.json`);
    const recordedTypes = new Set(histories.map((h) => h.workflowType));
    expect(Object.keys(workflows).filter((type) => !recordedTypes.has(type))).toEqual([]);
  });

  it('replays every recorded history against the current workflow code without divergence', async () => {
    const results = await replay(
      requireTestEnv('workflowBundle'),
      histories.map((h) => ({ workflowId: h.file, history: h.history })),
    );
    expect(results.map((r) => [r.workflowId, r.error?.message])).toEqual(
      histories.map((h) => [h.file, undefined]),
    );
  });

  describe('catches a change that would break running workflows', () => {
    let variantsBundle: string;
    const parked = () => {
      const found = histories.find((h) => h.file === 'newPersonalNumberWorkflow.parked-then-retried.json');
      if (!found) throw new Error('the parked-then-retried history is missing');
      return found.history;
    };

    beforeAll(async () => {
      const bundle = await bundleWorkflowCode({
        workflowsPath: require.resolve('./variants/changed-workflows'),
        logger: new DefaultLogger('WARN'),
      });
      variantsBundle = join(mkdtempSync(join(tmpdir(), 'switchboard-variants-')), 'workflows.js');
      writeFileSync(variantsBundle, bundle.code);
    }, 120_000);

    it('fails with a determinism violation when the change is not behind patched()', async () => {
      const [result] = await replay(variantsBundle, [
        { workflowId: 'unpatched', history: asWorkflowType(parked(), 'unpatchedChangeWorkflow') },
      ]);
      expect(result.error).toBeInstanceOf(DeterminismViolationError);
    });

    it('replays the same change behind patched()', async () => {
      const [result] = await replay(variantsBundle, [
        { workflowId: 'patched', history: asWorkflowType(parked(), 'patchedChangeWorkflow') },
      ]);
      expect(result.error).toBeUndefined();
    });
  });
});
