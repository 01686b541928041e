import { keepEverySecret, leaksInTaskQueue, secretsSeen } from '../support/history-secrets';
import { requireTestEnv } from '../support/test-env';
import { World } from '../support/world';
import { historyFileName, replay, saveHistory } from './replay-histories';
import { REPLAY_SCENARIOS } from './scenarios';

// `npm run histories:record` sets RECORD_HISTORIES=1 (new files only) or =overwrite. Without it, the
// scenarios still run, and their fresh histories must replay: the recorder is tested on every run.
const RECORD = process.env.RECORD_HISTORIES;
// RECORD_ONLY=<text> runs only the scenarios whose `<workflowType>.<name>` contains the text (e.g.
// RECORD_ONLY=migrationCampaign), to record or re-record one area without running them all.
const ONLY = process.env.RECORD_ONLY;
const SCENARIOS = REPLAY_SCENARIOS.filter((s) => !ONLY || `${s.workflowType}.${s.name}`.includes(ONLY));

const PHONE_AND_LINE_WORKFLOWS = [
  'newPersonalNumberWorkflow',
  'newSharedNumberWorkflow',
  'registerPhoneWorkflow',
  'unregisterPhoneWorkflow',
  'pairD60Workflow',
  'unpairD60Workflow',
  'migrateFromSkypeWorkflow',
  'migrateFromAnalogueWorkflow',
  'migrationCampaignWorkflow',
  'deleteNumberWorkflow',
  'deactivateNumberWorkflow',
  'restoreNumberWorkflow',
  'turnToSharedWorkflow',
  'changeOwnerWorkflow',
];

/** A request or campaign ends with a `status`; a lifecycle with its outcome; anything else completed. */
function statusOf(result: unknown): string {
  if (typeof result === 'string') return result;
  const status = (result as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : 'COMPLETED';
}

describe('recording workflow histories for the replay tests', () => {
  let world: World;

  beforeAll(async () => {
    // Campaign days shrunk to 2 s, and a retry window that outlasts the retry scenario (as in the campaign tests).
    world = await World.start({
      PARK_TIMEOUT_MS: '600000',
      CAMPAIGN_DAY_MS: '2000',
      CAMPAIGN_RETRY_WINDOW_MS: '120000',
      // Campaigns of more than three numbers continue as new (test/replay/scenarios/legacy.ts).
      CAMPAIGN_CONTINUE_AFTER_STARTS: '3',
    });
    // Every boot secret and SIP password the run writes is kept, to be looked for in every history.
    await keepEverySecret(world.dataSource);
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  afterEach(async () => {
    await world.faults.clear();
  });

  it('has scenarios to run (RECORD_ONLY matches at least one)', () => {
    expect(SCENARIOS.length).toBeGreaterThan(0);
  });

  it.each(SCENARIOS.map((s) => [`${s.workflowType}.${s.name}`, s] as const))(
    'records %s, which replays against the current code',
    async (_label, scenario) => {
      const handle = await scenario.run(world);
      expect(statusOf(await handle.result())).toBe(scenario.expectedStatus);
      const history = await handle.fetchHistory();

      const [replayed] = await replay(requireTestEnv('workflowBundle'), [
        { workflowId: handle.workflowId, history },
      ]);
      expect(replayed.error).toBeUndefined();
      if (RECORD)
        saveHistory(history, historyFileName(scenario.workflowType, scenario.name), RECORD === 'overwrite');
    },
  );

  // Last, over the histories of every workflow the scenarios ran (children and continued runs too):
  // the README's promise that no boot secret and no SIP password enters a workflow's history.
  // test/workflows/history-secrets.int-spec.ts shows that the check finds a planted one.
  it('leaves no boot secret and no SIP password in any history, every payload decoded', async () => {
    const { bootSecrets, sipPasswords } = await secretsSeen(world.dataSource, world.config.sip.secretKey);
    const { runs, workflowTypes, leaks } = await leaksInTaskQueue(
      world.client,
      world.config.temporal.taskQueue,
      [...bootSecrets, ...sipPasswords],
    );
    if (!ONLY) {
      // Every workflow that touches a phone or a line ran, and made secrets to look for.
      expect([...workflowTypes]).toEqual(expect.arrayContaining(PHONE_AND_LINE_WORKFLOWS));
      expect(bootSecrets.length).toBeGreaterThanOrEqual(5);
      expect(sipPasswords.length).toBeGreaterThanOrEqual(10);
    }
    expect(runs).toBeGreaterThanOrEqual(SCENARIOS.length);
    expect(leaks).toEqual([]);
  });
});
