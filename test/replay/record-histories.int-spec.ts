import { requireTestEnv } from '../support/test-env';
import { World } from '../support/world';
import { historyFileName, replay, saveHistory } from './replay-histories';
import { REPLAY_SCENARIOS } from './scenarios';

// `npm run histories:record` sets RECORD_HISTORIES=1 (new files only) or =overwrite. Without it, the
// scenarios still run, and their fresh histories must replay: the recorder is tested on every run.
const RECORD = process.env.RECORD_HISTORIES;

describe('recording workflow histories for the replay tests', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start({ PARK_TIMEOUT_MS: '600000' });
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  afterEach(async () => {
    await world.faults.clear();
  });

  it.each(REPLAY_SCENARIOS.map((s) => [`${s.workflowType}.${s.name}`, s] as const))(
    'records %s, which replays against the current code',
    async (_label, scenario) => {
      const handle = await scenario.run(world);
      const result = (await handle.result()) as { status: string };
      expect(result.status).toBe(scenario.expectedStatus);
      const history = await handle.fetchHistory();

      const [replayed] = await replay(requireTestEnv('workflowBundle'), [
        { workflowId: handle.workflowId, history },
      ]);
      expect(replayed.error).toBeUndefined();
      if (RECORD)
        saveHistory(history, historyFileName(scenario.workflowType, scenario.name), RECORD === 'overwrite');
    },
  );
});
