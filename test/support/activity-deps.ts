import type { INestApplicationContext } from '@nestjs/common';
import type { ActivityDeps } from '../../activities';
import { activitySettings } from '../../apps/worker/src/activities/activity-settings';
import type { AppConfig } from '../../libs/config/app-config';
import { CampaignStore } from '../../libs/legacy/campaign-store';
import { MailReceipts } from '../../libs/notifications/delivery/mail-receipts';
import { InventoryReader } from '../../libs/reconciliation/inventory-reader';
import { ReconciliationStore } from '../../libs/reconciliation/reconciliation-store';
import { RequestStore } from '../../libs/requests/request-store';
import { ResourceLocks } from '../../libs/requests/resource-locks';
import { DHCP_PORT } from '../../libs/systems/dhcp/dhcp.port';
import { DIRECTORY_PORT } from '../../libs/systems/directory/directory.port';
import { INVENTORY_PORT } from '../../libs/systems/inventory/inventory.port';
import { LEGACY_INVENTORY_PORT } from '../../libs/systems/inventory/legacy-inventory.port';
import { NUMBER_INVENTORY_PORT } from '../../libs/systems/inventory/number-inventory.port';
import { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { LEGACY_PORT } from '../../libs/systems/legacy/legacy.port';
import { MAIL_PORT } from '../../libs/systems/mail/mail.port';
import { NETWORK_PORT } from '../../libs/systems/network/network-database.port';
import { PBX_PORT } from '../../libs/systems/pbx/pbx.port';
import { SipCredentialVault } from '../../libs/systems/pbx/sip-credentials';
import { PROVISIONING_PORT } from '../../libs/systems/provisioning/provisioning.port';

/**
 * The worker's drivers and stores by name, for tests that reach a system directly or build one
 * system's activities; the worker itself wires each system's activities with only what they use.
 */
export function activityDepsOf(app: INestApplicationContext, config: AppConfig): ActivityDeps {
  return {
    inventory: app.get(INVENTORY_PORT),
    numbers: app.get(NUMBER_INVENTORY_PORT),
    pbx: app.get(PBX_PORT),
    directory: app.get(DIRECTORY_PORT),
    mail: app.get(MAIL_PORT),
    network: app.get(NETWORK_PORT),
    dhcp: app.get(DHCP_PORT),
    legacy: app.get(LEGACY_PORT),
    provisioning: app.get(PROVISIONING_PORT),
    phones: app.get(PhoneInventory),
    legacyInventory: app.get(LEGACY_INVENTORY_PORT),
    campaigns: app.get(CampaignStore),
    credentials: app.get(SipCredentialVault),
    requests: app.get(RequestStore),
    locks: app.get(ResourceLocks),
    mailReceipts: app.get(MailReceipts),
    inventoryReader: app.get(InventoryReader),
    reconciliationStore: app.get(ReconciliationStore),
    settings: activitySettings(config),
  };
}
