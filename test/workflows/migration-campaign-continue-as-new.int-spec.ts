import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import {
  cancelCampaignUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  type CampaignProgress,
} from '../../libs/contracts/campaigns';
import { addDays, todayUtc } from '../../libs/legacy/campaign-scheduler';
import type { CampaignSummary } from '../../libs/domain/campaign';
import { CampaignEntity, PhoneNumberEntity, RequestEntity } from '../../libs/persistence/entities';
import { campaignScheduler, waitForCampaign } from '../support/campaign-helpers';
import { waitUntilCaughtUp } from '../support/caught-up';
import { seedLegacyNumber, seedUnitPerson, uniqueUnit } from '../support/legacy-factories';
import { World } from '../support/world';

type MarkerAttributes = temporal.api.history.v1.IMarkerRecordedEventAttributes;

const DAY_MS = 2000;
const CONTINUE_AFTER_STARTS = 3;

/**
 * A campaign continues as new after a few child starts (3 here, 200 in production), so 10,000
 * numbers never outgrow one workflow history. Across runs every item must still migrate exactly once,
 * migrations left running by one run must be finished by the next, and the admin's pause and cancel
 * must still reach the campaign by its workflow id.
 */
describe('migration campaign across continue-as-new (real Temporal server, PostgreSQL, sandbox drivers)', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start({
      CAMPAIGN_DAY_MS: String(DAY_MS),
      CAMPAIGN_RETRY_WINDOW_MS: '120000',
      CAMPAIGN_CONTINUE_AFTER_STARTS: String(CONTINUE_AFTER_STARTS),
    });
    await world.startWorker();
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** A unit with an admin and eight people, each with one legacy number (Skype and analogue). */
  async function campaignOfEight(ratePerMinute: number) {
    const unit = uniqueUnit();
    const admin = await seedUnitPerson(world.dataSource, world.sandbox, unit);
    const numbers: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const person = await seedUnitPerson(world.dataSource, world.sandbox, unit);
      numbers.push(
        await seedLegacyNumber(world.dataSource, world.sandbox, {
          service: i % 2 === 0 ? 'SKYPE' : 'ANALOGUE',
          listedUnder: [person.login],
        }),
      );
    }
    const campaign = await campaignScheduler(world).schedule({
      unit,
      date: addDays(todayUtc(), 1),
      maxDate: addDays(todayUtc(), 5),
      ratePerMinute,
      admin: admin.login,
    });
    return {
      admin,
      numbers: numbers.sort(),
      campaign,
      handle: world.client.workflow.getHandle(campaign.workflowId),
    };
  }

  /**
   * Request ids whose outcome a run learned from the projection: the results of its
   * `finishedCampaignRequests` local activities, recorded as markers in its history.
   */
  function inheritedOutcomesIn(marker: MarkerAttributes | null | undefined): string[] {
    const text = (key: string) => {
      const data = marker?.details?.[key]?.payloads?.[0]?.data;
      return data ? Buffer.from(data).toString('utf8') : '';
    };
    if (!text('data').includes('"activity_type":"finishedCampaignRequests"')) return [];
    return (JSON.parse(text('result')) as Array<{ requestId: string }>).map((r) => r.requestId);
  }

  /** Every run of the campaign's workflow id, oldest first, with its history. */
  async function runsOf(workflowId: string) {
    const runs: Array<{ runId: string; startedAt: number }> = [];
    for await (const execution of world.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      runs.push({ runId: execution.runId, startedAt: execution.startTime.getTime() });
    runs.sort((a, b) => a.startedAt - b.startedAt);
    return Promise.all(
      runs.map(async ({ runId }) => {
        const events = (await world.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
        return {
          runId,
          childStarts: events
            .map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId)
            .filter((id): id is string => typeof id === 'string'),
          continuedAsNew: events.some((e) => e.workflowExecutionContinuedAsNewEventAttributes),
          inheritedOutcomes: events.flatMap((e) => inheritedOutcomesIn(e.markerRecordedEventAttributes)),
        };
      }),
    );
  }

  /** Visibility is eventually consistent: waits until it lists at least `count` runs. */
  async function waitForRuns(workflowId: string, count: number) {
    const deadline = Date.now() + 30_000;
    let runs = await runsOf(workflowId);
    while (runs.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      runs = await runsOf(workflowId);
    }
    return runs;
  }

  /**
   * Waits until the workflow id's current run is no longer `firstRunId`. Describe reads the
   * workflow's own state, so unlike a visibility listing it cannot report a new run before the old one
   * closed: an update sent afterwards reaches the run that continued as new.
   */
  async function waitForRunAfter(handle: WorkflowHandle, firstRunId: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { runId } = await handle.describe();
      if (runId !== firstRunId) return runId;
      if (Date.now() > deadline) throw new Error('the campaign did not continue as new within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const summaryOf = async (campaignId: string): Promise<CampaignSummary | null> =>
    (await world.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: campaignId })).summary;

  it('migrates every item exactly once over several runs and ends with the right summary', async () => {
    const { admin, numbers, campaign, handle } = await campaignOfEight(600);

    // The handle has no run id: result() follows the chain of runs to the last one.
    const result = (await handle.result()) as CampaignProgress;
    expect(result.status).toBe('COMPLETED');
    expect(result.items.map((i) => [i.number, i.status, i.attempts]).sort()).toEqual(
      numbers.map((n) => [n, 'SUCCEEDED', 1]),
    );

    // 8 starts, at most 3 a run: at least three runs, each but the last continued as new.
    const runs = await waitForRuns(campaign.workflowId, 3);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.map((r) => r.continuedAsNew)).toEqual(runs.map((_, i) => i < runs.length - 1));
    for (const run of runs) expect(run.childStarts.length).toBeLessThanOrEqual(CONTINUE_AFTER_STARTS);
    const started = runs.flatMap((r) => r.childStarts).sort();
    expect(started).toEqual(numbers.map((n) => `number-${n}`));
    // A later run learns the outcome of a migration its predecessor left running from the
    // projection (how many depends on how fast the children run; the replay history
    // migrationCampaignWorkflow.continued-as-new-last-run pins that path); no outcome is learned twice.
    const inherited = runs.flatMap((r) => r.inheritedOutcomes);
    expect(new Set(inherited).size).toBe(inherited.length);
    const requestIds = result.items.map((i) => i.requestId);
    for (const requestId of inherited) expect(requestIds).toContain(requestId);

    // One migration request per number, each completed, as the item says.
    for (const item of result.items) {
      const requests = await world.dataSource.getRepository(RequestEntity).findBy({ subject: item.number });
      expect(requests.map((r) => [r.id, r.status])).toEqual([[item.requestId, 'COMPLETED']]);
      expect(
        await world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number: item.number }),
      ).toMatchObject({ state: 'ACTIVE' });
    }
    expect(await summaryOf(campaign.id)).toEqual({
      total: 8,
      succeeded: 8,
      failed: 0,
      skipped: 0,
      cancelled: 0,
      pending: 0,
      running: 0,
    });
    const summaryMail = await world.sandbox.get<{ text: string }>(
      'mail',
      `c:${campaign.id}:done:${admin.login}`,
    );
    expect(summaryMail?.text).toContain('Summary: 8 migrated, 0 failed, 0 skipped, 0 cancelled.');
  });

  it('can still be paused, resumed and cancelled after it continued as new', async () => {
    // One start a second: the campaign is mid-way when the admin acts.
    const { admin, numbers, campaign, handle } = await campaignOfEight(60);
    // Scheduling started the first run; the handle follows whichever run is current.
    const { runId: firstRunId } = await handle.describe();
    await waitForRunAfter(handle, firstRunId);

    const paused = await handle.executeUpdate(pauseCampaignUpdate, { args: [{ actor: admin.login }] });
    expect(paused.status).toBe('PAUSED');
    const startedWhenPaused = paused.items.filter((i) => i.status !== 'PENDING').length;
    expect(startedWhenPaused).toBeGreaterThanOrEqual(CONTINUE_AFTER_STARTS);
    expect(startedWhenPaused).toBeLessThan(8);
    // Paused for three rate-limit intervals, and the campaign has handled every wake due in them:
    // nothing new starts.
    await waitUntilCaughtUp(handle, Date.now() + 3000);
    const still = await waitForCampaign(handle, (p) => p.status === 'PAUSED');
    expect(still.items.filter((i) => i.status !== 'PENDING').length).toBe(startedWhenPaused);

    await handle.executeUpdate(resumeCampaignUpdate, { args: [{ actor: admin.login }] });
    const resumed = await waitForCampaign(
      handle,
      (p) => p.items.filter((i) => i.status !== 'PENDING').length > startedWhenPaused,
    );
    expect(resumed.status).toBe('RUNNING');

    const cancelled = await handle.executeUpdate(cancelCampaignUpdate, {
      args: [{ actor: admin.login, reason: 'unit moves building first' }],
    });
    const cancelledItems = cancelled.items.filter((i) => i.status === 'CANCELLED').map((i) => i.number);
    const result = (await handle.result()) as CampaignProgress;
    expect(result.status).toBe('CANCELLED');
    // Migrations already started finish (those left running by an earlier run too); the rest are cancelled.
    const migrated = result.items.filter((i) => i.status === 'SUCCEEDED').map((i) => i.number);
    expect(result.items.map((i) => i.status).sort()).toEqual(
      [...migrated.map(() => 'SUCCEEDED'), ...cancelledItems.map(() => 'CANCELLED')].sort(),
    );
    expect([...migrated, ...cancelledItems].sort()).toEqual(numbers);
    expect(cancelledItems.length).toBeGreaterThan(0);
    const runs = await runsOf(campaign.workflowId);
    expect(runs.flatMap((r) => r.childStarts).sort()).toEqual(migrated.map((n) => `number-${n}`).sort());
    for (const number of cancelledItems)
      expect(
        await world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number }),
      ).toMatchObject({ state: 'LEGACY' });
    expect(await summaryOf(campaign.id)).toMatchObject({
      total: 8,
      succeeded: migrated.length,
      cancelled: cancelledItems.length,
      pending: 0,
      running: 0,
    });
  });
});
