import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type * as activities from './activities';

const { noop } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

/**
 * The baseline of benchmark (a): as many activities and local activities as a real request runs,
 * each doing nothing. Local ones first, like the request's bookkeeping that opens it.
 */
export async function noopWorkflow(activityCount: number, localCount = 0): Promise<number> {
  for (let i = 0; i < localCount; i++) await local.noop(i);
  for (let i = 0; i < activityCount; i++) await noop(i);
  return activityCount + localCount;
}
