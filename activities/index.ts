import type { ActivityDeps } from './activity-deps';
import { createD60Activities } from './d60.activities';
import { createCampaignActivities } from './campaign.activities';
import { createDirectoryActivities } from './directory.activities';
import { createInventoryActivities } from './inventory.activities';
import { createLegacyMigrationActivities } from './legacy-migration.activities';
import { createMailActivities } from './mail.activities';
import { createNumberDirectoryActivities } from './number-directory.activities';
import { createNumberInventoryActivities } from './number-inventory.activities';
import { createNumberLifecycleActivities } from './number-lifecycle.activities';
import { createNumberMailActivities } from './number-mail.activities';
import { createNumberPbxActivities } from './number-pbx.activities';
import { createPbxActivities } from './pbx.activities';
import { createPhoneDeviceActivities } from './phone-device.activities';
import { createPhoneActivities } from './phone.activities';
import { createReconciliationActivities } from './reconciliation.activities';
import { createRepairActivities } from './repair.activities';
import { createRequestActivities } from './request.activities';

export type { ActivityDeps } from './activity-deps';

/** Every activity, bound to its dependencies. Workflows import this file's type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createInventoryActivities(deps),
    ...createDirectoryActivities(deps),
    ...createPbxActivities(deps),
    ...createMailActivities(deps),
    ...createRequestActivities(deps),
    ...createPhoneActivities(deps),
    ...createPhoneDeviceActivities(deps),
    ...createD60Activities(deps),
    ...createLegacyMigrationActivities(deps),
    ...createCampaignActivities(deps),
    ...createNumberInventoryActivities(deps),
    ...createNumberDirectoryActivities(deps),
    ...createNumberPbxActivities(deps),
    ...createNumberMailActivities(deps),
    ...createNumberLifecycleActivities(deps),
    ...createReconciliationActivities(deps),
    ...createRepairActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
