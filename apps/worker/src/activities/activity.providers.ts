import type { INestApplicationContext, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  createBookkeepingActivities,
  createDhcpActivities,
  createDirectoryActivities,
  createInventoryActivities,
  createLegacyActivities,
  createMailActivities,
  createNetworkActivities,
  createPbxActivities,
  createProvisioningActivities,
  createReconciliationActivities,
} from '../../../../activities';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { CampaignStore } from '../../../../libs/legacy/campaign-store';
import { MailReceipts } from '../../../../libs/notifications/delivery/mail-receipts';
import { InventoryReader } from '../../../../libs/reconciliation/inventory-reader';
import { ReconciliationStore } from '../../../../libs/reconciliation/reconciliation-store';
import { RequestStore } from '../../../../libs/requests/request-store';
import { ResourceLocks } from '../../../../libs/requests/resource-locks';
import { DHCP_PORT, type DhcpPort } from '../../../../libs/systems/dhcp/dhcp.port';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import { INVENTORY_PORT, type InventoryPort } from '../../../../libs/systems/inventory/inventory.port';
import {
  LEGACY_INVENTORY_PORT,
  type LegacyInventoryPort,
} from '../../../../libs/systems/inventory/legacy-inventory.port';
import {
  NUMBER_INVENTORY_PORT,
  type NumberInventoryPort,
} from '../../../../libs/systems/inventory/number-inventory.port';
import { PhoneInventory } from '../../../../libs/systems/inventory/phone-inventory';
import { LEGACY_PORT, type LegacyTelephonyPort } from '../../../../libs/systems/legacy/legacy.port';
import { MAIL_PORT, type MailPort } from '../../../../libs/systems/mail/mail.port';
import {
  NETWORK_PORT,
  type NetworkDatabasePort,
} from '../../../../libs/systems/network/network-database.port';
import { PBX_PORT, type PbxPort } from '../../../../libs/systems/pbx/pbx.port';
import { SipCredentialVault } from '../../../../libs/systems/pbx/sip-credentials';
import {
  PROVISIONING_PORT,
  type ProvisioningPort,
} from '../../../../libs/systems/provisioning/provisioning.port';
import { activitySettings } from './activity-settings';

/** A migration campaign's store: its items, and the requests it opens for them. */
export const campaignStoreProvider: Provider = {
  provide: CampaignStore,
  inject: [DataSource, DIRECTORY_PORT, ResourceLocks, RequestStore, APP_CONFIG],
  useFactory: (
    dataSource: DataSource,
    directory: DirectoryPort,
    locks: ResourceLocks,
    requests: RequestStore,
    config: AppConfig,
  ) =>
    new CampaignStore(dataSource, directory, locks, requests, {
      eligibility: config.eligibility,
      firstBootTimeoutMs: config.timers.firstBootTimeoutMs,
    }),
};

// One provider per system: each injects only what that system's activities use.
export const INVENTORY_ACTIVITIES = Symbol('INVENTORY_ACTIVITIES');
export const DIRECTORY_ACTIVITIES = Symbol('DIRECTORY_ACTIVITIES');
export const PBX_ACTIVITIES = Symbol('PBX_ACTIVITIES');
export const NETWORK_ACTIVITIES = Symbol('NETWORK_ACTIVITIES');
export const DHCP_ACTIVITIES = Symbol('DHCP_ACTIVITIES');
export const PROVISIONING_ACTIVITIES = Symbol('PROVISIONING_ACTIVITIES');
export const LEGACY_ACTIVITIES = Symbol('LEGACY_ACTIVITIES');
export const MAIL_ACTIVITIES = Symbol('MAIL_ACTIVITIES');
export const BOOKKEEPING_ACTIVITIES = Symbol('BOOKKEEPING_ACTIVITIES');
export const RECONCILIATION_ACTIVITIES = Symbol('RECONCILIATION_ACTIVITIES');

export const activityProviders: Provider[] = [
  {
    provide: INVENTORY_ACTIVITIES,
    inject: [
      APP_CONFIG,
      INVENTORY_PORT,
      NUMBER_INVENTORY_PORT,
      PhoneInventory,
      LEGACY_INVENTORY_PORT,
      InventoryReader,
      ResourceLocks,
      RequestStore,
      CampaignStore,
      DIRECTORY_PORT,
    ],
    useFactory: (
      config: AppConfig,
      inventory: InventoryPort,
      numbers: NumberInventoryPort,
      phones: PhoneInventory,
      legacyInventory: LegacyInventoryPort,
      inventoryReader: InventoryReader,
      locks: ResourceLocks,
      requests: RequestStore,
      campaigns: CampaignStore,
      // Rights are checked again before a phone's first change: eligibility and e-groups.
      directory: DirectoryPort,
    ) =>
      createInventoryActivities({
        ...{ inventory, numbers, phones, legacyInventory, inventoryReader },
        ...{ locks, requests, campaigns, directory, settings: activitySettings(config) },
      }),
  },
  {
    provide: DIRECTORY_ACTIVITIES,
    inject: [APP_CONFIG, DIRECTORY_PORT, NUMBER_INVENTORY_PORT],
    useFactory: (config: AppConfig, directory: DirectoryPort, numbers: NumberInventoryPort) =>
      createDirectoryActivities({ directory, numbers, settings: activitySettings(config) }),
  },
  {
    provide: PBX_ACTIVITIES,
    inject: [PBX_PORT, SipCredentialVault],
    useFactory: (pbx: PbxPort, credentials: SipCredentialVault) => createPbxActivities({ pbx, credentials }),
  },
  {
    provide: NETWORK_ACTIVITIES,
    inject: [NETWORK_PORT],
    useFactory: (network: NetworkDatabasePort) => createNetworkActivities({ network }),
  },
  {
    provide: DHCP_ACTIVITIES,
    inject: [DHCP_PORT, PROVISIONING_PORT],
    useFactory: (dhcp: DhcpPort, provisioning: ProvisioningPort) =>
      createDhcpActivities({ dhcp, provisioning }),
  },
  {
    provide: PROVISIONING_ACTIVITIES,
    inject: [APP_CONFIG, PROVISIONING_PORT, PhoneInventory, PBX_PORT, DIRECTORY_PORT],
    useFactory: (
      config: AppConfig,
      provisioning: ProvisioningPort,
      phones: PhoneInventory,
      pbx: PbxPort,
      directory: DirectoryPort,
    ) =>
      createProvisioningActivities({
        provisioning,
        phones,
        pbx,
        directory,
        settings: activitySettings(config),
      }),
  },
  {
    provide: LEGACY_ACTIVITIES,
    inject: [LEGACY_PORT, LEGACY_INVENTORY_PORT],
    useFactory: (legacy: LegacyTelephonyPort, legacyInventory: LegacyInventoryPort) =>
      createLegacyActivities({ legacy, legacyInventory }),
  },
  {
    provide: MAIL_ACTIVITIES,
    inject: [APP_CONFIG, MAIL_PORT, MailReceipts, DIRECTORY_PORT],
    useFactory: (config: AppConfig, mail: MailPort, mailReceipts: MailReceipts, directory: DirectoryPort) =>
      createMailActivities({ mail, mailReceipts, directory, settings: activitySettings(config) }),
  },
  {
    provide: BOOKKEEPING_ACTIVITIES,
    inject: [RequestStore, ResourceLocks, CampaignStore],
    useFactory: (requests: RequestStore, locks: ResourceLocks, campaigns: CampaignStore) =>
      createBookkeepingActivities({ requests, locks, campaigns }),
  },
  {
    provide: RECONCILIATION_ACTIVITIES,
    inject: [
      APP_CONFIG,
      PBX_PORT,
      DIRECTORY_PORT,
      NETWORK_PORT,
      DHCP_PORT,
      InventoryReader,
      ReconciliationStore,
    ],
    useFactory: (
      config: AppConfig,
      pbx: PbxPort,
      directory: DirectoryPort,
      network: NetworkDatabasePort,
      dhcp: DhcpPort,
      inventoryReader: InventoryReader,
      reconciliationStore: ReconciliationStore,
    ) =>
      createReconciliationActivities({
        ...{ pbx, directory, network, dhcp, inventoryReader, reconciliationStore },
        settings: activitySettings(config),
      }),
  },
];

/**
 * Every system's activities in one map, as the worker registers them (activity names are the
 * methods' names, the same in every system's map).
 */
export function workerActivities(app: INestApplicationContext): object {
  return Object.assign(
    {},
    ...activityProviders.map((provider) => app.get<object>((provider as { provide: symbol }).provide)),
  ) as object;
}
