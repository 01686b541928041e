import type { ActivityDeps } from './activity-deps';
import { createBookkeepingActivities } from './bookkeeping.activities';
import { createDhcpActivities } from './dhcp.activities';
import { createGroupActivities } from './directory/groups.activities';
import { createPeopleActivities } from './directory/people.activities';
import { createPhonebookActivities } from './directory/phonebook.activities';
import { createD60Activities } from './inventory/d60-bases.activities';
import { createDesiredStateActivities } from './inventory/desired-state.activities';
import { createLegacyNumberActivities } from './inventory/legacy-numbers.activities';
import { createNumberPoolActivities } from './inventory/number-pool.activities';
import { createNumberActivities } from './inventory/numbers.activities';
import { createPhoneActivities } from './inventory/phones.activities';
import { createRequestOpeningActivities } from './inventory/request-locks.activities';
import { createLegacyActivities } from './legacy.activities';
import { createCampaignMailActivities } from './mail/campaign-mail.activities';
import type { MailDeps } from './mail/mail-deps';
import { createNotificationActivities } from './mail/notifications.activities';
import { createNumberMailActivities } from './mail/number-mail.activities';
import { createNetworkActivities } from './network.activities';
import { createPbxActivities } from './pbx.activities';
import { createProvisioningActivities } from './provisioning.activities';
import { createReconciliationActivities } from './reconciliation.activities';

export type { ActivityDeps, ActivitySettings } from './activity-deps';
export {
  createBookkeepingActivities,
  createDhcpActivities,
  createLegacyActivities,
  createNetworkActivities,
  createPbxActivities,
  createProvisioningActivities,
  createReconciliationActivities,
};

/** Switchboard's own database: numbers, phones, D60 bases, migrations, request locks, repair targets. */
export function createInventoryActivities(
  deps: Parameters<typeof createNumberPoolActivities>[0] &
    Parameters<typeof createNumberActivities>[0] &
    Parameters<typeof createPhoneActivities>[0] &
    Parameters<typeof createLegacyNumberActivities>[0] &
    Parameters<typeof createRequestOpeningActivities>[0] &
    Parameters<typeof createDesiredStateActivities>[0],
) {
  return {
    ...createNumberPoolActivities(deps),
    ...createNumberActivities(deps),
    ...createPhoneActivities(deps),
    ...createD60Activities(deps),
    ...createLegacyNumberActivities(deps),
    ...createRequestOpeningActivities(deps),
    ...createDesiredStateActivities(deps),
  };
}

/** The directory: people, e-groups and the phonebook. */
export function createDirectoryActivities(deps: Parameters<typeof createPeopleActivities>[0]) {
  return {
    ...createPeopleActivities(deps),
    ...createGroupActivities(deps),
    ...createPhonebookActivities(deps),
  };
}

/** Mail: request notifications, number notices and campaign mails. */
export function createMailActivities(deps: MailDeps) {
  return {
    ...createNotificationActivities(deps),
    ...createNumberMailActivities(deps),
    ...createCampaignMailActivities(deps),
  };
}

/**
 * The activities of each system, as workflows see them: a step declared on a system is offered only
 * that system's activities (workflows/kit/activity-proxies.ts). Workflows import these types only.
 */
export interface SystemActivities {
  inventory: ReturnType<typeof createInventoryActivities>;
  directory: ReturnType<typeof createDirectoryActivities>;
  pbx: ReturnType<typeof createPbxActivities>;
  network: ReturnType<typeof createNetworkActivities>;
  dhcp: ReturnType<typeof createDhcpActivities>;
  provisioning: ReturnType<typeof createProvisioningActivities>;
  legacy: ReturnType<typeof createLegacyActivities>;
  mail: ReturnType<typeof createMailActivities>;
}

type Inventory = SystemActivities['inventory'];

/**
 * What workflows run as local activities: the request's own bookkeeping, and the few inventory
 * writes that are bookkeeping too (a phone's activation along the way, an ownership offer's record).
 */
export type BookkeepingActivities = ReturnType<typeof createBookkeepingActivities> &
  Pick<
    Inventory,
    'markPhoneActivation' | 'closeFailedRegistration' | 'recordOwnershipOffer' | 'closeOwnershipOffer'
  >;

/** The reconciliation's scan, run with the retry policy of the system it reads. */
export type ReconciliationActivities = ReturnType<typeof createReconciliationActivities>;

/**
 * Every activity, bound to its dependencies, as the worker registers them: one flat map of names
 * (names never change: histories that replay name them).
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createInventoryActivities({ ...deps, campaigns: deps.campaigns }),
    ...createDirectoryActivities(deps),
    ...createPbxActivities(deps),
    ...createNetworkActivities(deps),
    ...createDhcpActivities(deps),
    ...createProvisioningActivities(deps),
    ...createLegacyActivities(deps),
    ...createMailActivities(deps),
    ...createBookkeepingActivities(deps),
    ...createReconciliationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
