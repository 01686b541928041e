import type { Provider } from '@nestjs/common';
import type { ActivityDeps } from '../../../activities';
import type { AppConfig } from '../../../libs/config/app-config';
import { APP_CONFIG } from '../../../libs/config/config.module';
import { MailReceipts } from '../../../libs/notifications/delivery/mail-receipts';
import { CampaignStore } from '../../../libs/legacy/campaign-store';
import { DataSource } from 'typeorm';
import { RequestStore } from '../../../libs/requests/request-store';
import { ResourceLocks } from '../../../libs/requests/resource-locks';
import { DHCP_PORT, type DhcpPort } from '../../../libs/systems/dhcp/dhcp.port';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../libs/systems/directory/directory.port';
import { LEGACY_PORT, type LegacyTelephonyPort } from '../../../libs/systems/legacy/legacy.port';
import { NETWORK_PORT, type NetworkDatabasePort } from '../../../libs/systems/network/network-database.port';
import { INVENTORY_PORT, type InventoryPort } from '../../../libs/systems/inventory/inventory.port';
import { PhoneInventory } from '../../../libs/systems/inventory/phone-inventory';
import {
  LEGACY_INVENTORY_PORT,
  type LegacyInventoryPort,
} from '../../../libs/systems/inventory/legacy-inventory.port';
import {
  NUMBER_INVENTORY_PORT,
  type NumberInventoryPort,
} from '../../../libs/systems/inventory/number-inventory.port';
import { MAIL_PORT, type MailPort } from '../../../libs/systems/mail/mail.port';
import { PBX_PORT, type PbxPort } from '../../../libs/systems/pbx/pbx.port';
import { SipCredentialVault } from '../../../libs/systems/pbx/sip-credentials';
import {
  PROVISIONING_PORT,
  type ProvisioningPort,
} from '../../../libs/systems/provisioning/provisioning.port';
import { InventoryReader } from '../../../libs/reconciliation/inventory-reader';
import { ReconciliationStore } from '../../../libs/reconciliation/reconciliation-store';

export const ACTIVITY_DEPS = Symbol('ACTIVITY_DEPS');

/** Gathers the injected drivers and stores into what the activity factories take. */
export const activityDepsProvider: Provider = {
  provide: ACTIVITY_DEPS,
  inject: [
    APP_CONFIG,
    INVENTORY_PORT,
    PBX_PORT,
    DIRECTORY_PORT,
    MAIL_PORT,
    NETWORK_PORT,
    DHCP_PORT,
    LEGACY_PORT,
    SipCredentialVault,
    RequestStore,
    ResourceLocks,
    MailReceipts,
    PROVISIONING_PORT,
    PhoneInventory,
    LEGACY_INVENTORY_PORT,
    DataSource,
    NUMBER_INVENTORY_PORT,
    InventoryReader,
    ReconciliationStore,
  ],
  useFactory: (
    config: AppConfig,
    inventory: InventoryPort,
    pbx: PbxPort,
    directory: DirectoryPort,
    mail: MailPort,
    network: NetworkDatabasePort,
    dhcp: DhcpPort,
    legacy: LegacyTelephonyPort,
    credentials: SipCredentialVault,
    requests: RequestStore,
    locks: ResourceLocks,
    mailReceipts: MailReceipts,
    provisioning: ProvisioningPort,
    phones: PhoneInventory,
    legacyInventory: LegacyInventoryPort,
    dataSource: DataSource,
    numbers: NumberInventoryPort,
    inventoryReader: InventoryReader,
    reconciliationStore: ReconciliationStore,
  ): ActivityDeps => ({
    inventory,
    pbx,
    directory,
    mail,
    network,
    dhcp,
    legacy,
    legacyInventory,
    campaigns: new CampaignStore(dataSource, directory, locks, requests, {
      eligibility: config.eligibility,
      firstBootTimeoutMs: config.timers.firstBootTimeoutMs,
    }),
    credentials,
    requests,
    locks,
    mailReceipts,
    provisioning,
    phones,
    numbers,
    inventoryReader,
    reconciliationStore,
    settings: {
      eligibility: config.eligibility,
      pools: config.pools,
      portalUrl: config.publicUrl,
      provisioningUrl: config.provisioningUrl,
      sipDomain: config.sip.domain,
      serviceDeskGroup: config.roles.serviceDeskGroup,
    },
  }),
};
