import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { PortalInventory1763900000000 } from './1763900000000-portal-inventory';
import { ChildRequests1763950000000 } from './1763950000000-child-requests';
import { ProvisioningConfigs1764100000000 } from './1764100000000-provisioning-configs';
import { MigrationCampaigns1764200000000 } from './1764200000000-migration-campaigns';
import { OwnershipOffers1764000000000 } from './1764000000000-ownership-offers';
import { DeskAndReconciliation1764300000000 } from './1764300000000-desk-and-reconciliation';
import { RequestLaunch1764400000000 } from './1764400000000-request-launch';
import { WebSessions1764500000000 } from './1764500000000-web-sessions';
import { ProvisioningDigest1764600000000 } from './1764600000000-provisioning-digest';
import { LegacyImportSettings1765000000030 } from './1765000000030-legacy-import-settings';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  PortalInventory1763900000000,
  ChildRequests1763950000000,
  OwnershipOffers1764000000000,
  ProvisioningConfigs1764100000000,
  MigrationCampaigns1764200000000,
  DeskAndReconciliation1764300000000,
  RequestLaunch1764400000000,
  WebSessions1764500000000,
  ProvisioningDigest1764600000000,
  LegacyImportSettings1765000000030,
];
