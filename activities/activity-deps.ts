import type { EligibilityPolicy } from '../libs/domain/eligibility';
import type { CampaignStore } from '../libs/legacy/campaign-store';
import type { NumberPool } from '../libs/domain/number-pool';
import type { MailReceipts } from '../libs/notifications/delivery/mail-receipts';
import type { RequestStore } from '../libs/requests/request-store';
import type { ResourceLocks } from '../libs/requests/resource-locks';
import type { DhcpPort } from '../libs/systems/dhcp/dhcp.port';
import type { DirectoryPort } from '../libs/systems/directory/directory.port';
import type { LegacyTelephonyPort } from '../libs/systems/legacy/legacy.port';
import type { NetworkDatabasePort } from '../libs/systems/network/network-database.port';
import type { InventoryPort } from '../libs/systems/inventory/inventory.port';
import type { PhoneInventory } from '../libs/systems/inventory/phone-inventory';
import type { LegacyInventoryPort } from '../libs/systems/inventory/legacy-inventory.port';
import type { NumberInventoryPort } from '../libs/systems/inventory/number-inventory.port';
import type { MailPort } from '../libs/systems/mail/mail.port';
import type { PbxPort } from '../libs/systems/pbx/pbx.port';
import type { ProvisioningPort } from '../libs/systems/provisioning/provisioning.port';
import type { InventoryReader } from '../libs/reconciliation/inventory-reader';
import type { ReconciliationStore } from '../libs/reconciliation/reconciliation-store';
import type { SipCredentialVault } from '../libs/systems/pbx/sip-credentials';

/** Settings of the activities, from the worker's configuration. */
export interface ActivitySettings {
  eligibility: EligibilityPolicy;
  pools: { personal: NumberPool; shared: NumberPool };
  /** Links in mails point here. */
  portalUrl?: string;
  /** Where phones fetch their configuration. */
  provisioningUrl: string;
  sipDomain: string;
  serviceDeskGroup: string;
}

/**
 * The names of what activities draw on (drivers chosen from configuration, stores, settings). Each
 * system's factory takes only the few it uses; the worker has one provider per system
 * (apps/worker/src/activities/), and tests build them all from one of these.
 */
export interface ActivityDeps {
  inventory: InventoryPort;
  /** Shared numbers, phonebook flag, owners and the lifecycle (libs/systems/inventory/number-inventory.ts). */
  numbers: NumberInventoryPort;
  pbx: PbxPort;
  directory: DirectoryPort;
  mail: MailPort;
  network: NetworkDatabasePort;
  dhcp: DhcpPort;
  legacy: LegacyTelephonyPort;
  provisioning: ProvisioningPort;
  /** Desk phones and D60 bases in the inventory. */
  phones: PhoneInventory;
  legacyInventory: LegacyInventoryPort;
  campaigns: CampaignStore;
  credentials: SipCredentialVault;
  requests: RequestStore;
  locks: ResourceLocks;
  mailReceipts: MailReceipts;
  /** Read-only paged access to the inventory, for reconciliation and repairs. */
  inventoryReader: InventoryReader;
  reconciliationStore: ReconciliationStore;
  settings: ActivitySettings;
  /** The clock, replaceable in tests. */
  now?: () => Date;
}
