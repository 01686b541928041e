import { setHandler } from '@temporalio/workflow';
import {
  campaignProgressQuery,
  cancelCampaignUpdate,
  migrateCampaignItemNowUpdate,
  moveCampaignItemUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  retryCampaignItemUpdate,
  type CampaignActionInput,
  type CampaignItemActionInput,
  type MoveItemInput,
} from '../../libs/contracts/campaigns';
import type { CampaignRun } from './campaign-run';

/**
 * A campaign's messages: the progress query, and the updates of its admin (pause, resume, cancel)
 * and of its items (retry, move, migrate now), each validated by the book before the run acts.
 */
export function handleCampaignMessages(run: CampaignRun): void {
  const { book } = run;
  setHandler(campaignProgressQuery, () => book.snapshot());
  setHandler(pauseCampaignUpdate, (_request: CampaignActionInput) => run.pause(), {
    validator: (_request: CampaignActionInput) => book.validatePause(),
  });
  setHandler(resumeCampaignUpdate, (_request: CampaignActionInput) => run.resume(), {
    validator: (_request: CampaignActionInput) => book.validateResume(),
  });
  setHandler(cancelCampaignUpdate, (_request: CampaignActionInput) => run.cancel(), {
    validator: (request: CampaignActionInput) => book.validateCancel(request.reason),
  });
  setHandler(retryCampaignItemUpdate, ({ number }: CampaignItemActionInput) => run.retryItem(number), {
    validator: ({ number }: CampaignItemActionInput) => book.validateRetry(number),
  });
  setHandler(moveCampaignItemUpdate, ({ number, date }: MoveItemInput) => run.moveItem(number, date), {
    validator: ({ number, date }: MoveItemInput) => book.validateMove(number, date),
  });
  setHandler(migrateCampaignItemNowUpdate, ({ number }: CampaignItemActionInput) => run.migrateNow(number), {
    validator: ({ number }: CampaignItemActionInput) => book.validateMigrateNow(number),
  });
}
