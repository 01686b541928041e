import type { WorkflowHandle } from '@temporalio/client';
import { campaignProgressQuery, type CampaignProgress } from '../../libs/contracts/campaigns';
import { CampaignScheduler } from '../../libs/legacy/campaign-scheduler';
import type { World } from './world';

/** Schedules campaigns the way the API does, with the world's configuration. */
export function campaignScheduler(world: World): CampaignScheduler {
  return new CampaignScheduler(world.dataSource, world.client, {
    taskQueue: world.config.temporal.taskQueue,
    settings: world.config.workflow,
    timing: world.config.campaigns,
    firstBootTimeoutMs: world.config.timers.firstBootTimeoutMs,
  });
}

/** Polls the campaign's live progress until the predicate holds (the handle follows its latest run). */
export async function waitForCampaign(
  handle: WorkflowHandle,
  predicate: (progress: CampaignProgress) => boolean,
  timeoutMs = 60_000,
): Promise<CampaignProgress> {
  const deadline = Date.now() + timeoutMs;
  let last: CampaignProgress | undefined;
  while (Date.now() < deadline) {
    // Before its first task, or between two runs, the query may fail; the next poll gets an answer.
    last = await handle.query(campaignProgressQuery).catch(() => last);
    if (last && predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the campaign did not reach the expected state; last: ${JSON.stringify(last)}`);
}
