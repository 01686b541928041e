import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireSection } from '../config/real-drivers-config';
import { DIRECTORY_PORT } from './directory/directory.port';
import { LdapDirectoryDriver } from './directory/ldap-directory.driver';
import { SandboxDirectoryDriver } from './directory/sandbox-directory.driver';
import { INVENTORY_PORT } from './inventory/inventory.port';
import { PhoneInventory } from './inventory/phone-inventory';
import { TypeormInventory } from './inventory/typeorm-inventory';
import { LEGACY_INVENTORY_PORT } from './inventory/legacy-inventory.port';
import { TypeormLegacyInventory } from './inventory/legacy-inventory';
import { NUMBER_INVENTORY_PORT } from './inventory/number-inventory.port';
import { TypeormNumberInventory } from './inventory/number-inventory';
import { MAIL_PORT } from './mail/mail.port';
import { SandboxMailDriver } from './mail/sandbox-mail.driver';
import { SmtpMailDriver } from './mail/smtp-mail.driver';
import { KamailioPbxDriver } from './pbx/kamailio-pbx.driver';
import { PBX_PORT } from './pbx/pbx.port';
import { SandboxPbxDriver } from './pbx/sandbox-pbx.driver';
import { SipCredentialVault } from './pbx/sip-credentials';
import { DHCP_PORT } from './dhcp/dhcp.port';
import { KeaDhcpDriver } from './dhcp/kea-dhcp.driver';
import { SandboxDhcpDriver } from './dhcp/sandbox-dhcp.driver';
import { LEGACY_PORT } from './legacy/legacy.port';
import { SandboxLegacyDriver } from './legacy/sandbox-legacy.driver';
import { LdapLegacyDriver } from './legacy/ldap-legacy.driver';
import { LandbNetworkDatabaseDriver } from './network/landb-network-database.driver';
import { NETWORK_PORT } from './network/network-database.port';
import { SandboxNetworkDatabaseDriver } from './network/sandbox-network-database.driver';
import { DatabaseProvisioningDriver } from './provisioning/database-provisioning.driver';
import { PROVISIONING_PORT } from './provisioning/provisioning.port';
import { FaultInjector, withFaults } from './sandbox/fault-injector';
import { SandboxStore } from './sandbox/sandbox-store';

/**
 * One provider per port, with the driver chosen from the validated configuration. Sandbox drivers
 * (and, in sandbox mode, the inventory) go through the fault injector. Real drivers hold a
 * connection (LDAP session, PostgreSQL pool, SMTP pool) that Nest closes on application shutdown
 * through their `onApplicationShutdown`.
 */
@Module({
  providers: [
    { provide: SandboxStore, inject: [DataSource], useFactory: (ds: DataSource) => new SandboxStore(ds) },
    { provide: FaultInjector, inject: [DataSource], useFactory: (ds: DataSource) => new FaultInjector(ds) },
    {
      provide: SipCredentialVault,
      inject: [DataSource, APP_CONFIG],
      useFactory: (ds: DataSource, config: AppConfig) =>
        new SipCredentialVault(ds, config.sip.secretKey, config.sip.previousSecretKeys),
    },
    {
      provide: INVENTORY_PORT,
      inject: [DataSource, FaultInjector, APP_CONFIG],
      useFactory: (ds: DataSource, faults: FaultInjector, config: AppConfig) => {
        const inventory = new TypeormInventory(ds);
        return config.sandbox ? withFaults('inventory', inventory, faults) : inventory;
      },
    },
    {
      provide: LEGACY_INVENTORY_PORT,
      inject: [DataSource, FaultInjector, APP_CONFIG],
      useFactory: (ds: DataSource, faults: FaultInjector, config: AppConfig) => {
        const inventory = new TypeormLegacyInventory(ds);
        return config.sandbox ? withFaults('inventory', inventory, faults) : inventory;
      },
    },
    {
      provide: NUMBER_INVENTORY_PORT,
      inject: [DataSource, FaultInjector, APP_CONFIG],
      useFactory: (ds: DataSource, faults: FaultInjector, config: AppConfig) => {
        const numbers = new TypeormNumberInventory(ds);
        return config.sandbox ? withFaults('inventory', numbers, faults) : numbers;
      },
    },
    {
      provide: PBX_PORT,
      inject: [SandboxStore, FaultInjector, APP_CONFIG],
      useFactory: (store: SandboxStore, faults: FaultInjector, config: AppConfig) => {
        switch (config.drivers.pbx) {
          case 'sandbox':
            return withFaults('pbx', new SandboxPbxDriver(store, config.sip.domain), faults);
          case 'kamailio':
            return new KamailioPbxDriver(
              requireSection(config.kamailio, 'KAMAILIO_DATABASE_URL'),
              config.sip.domain,
            );
        }
      },
    },
    {
      provide: DIRECTORY_PORT,
      inject: [SandboxStore, FaultInjector, APP_CONFIG],
      useFactory: (store: SandboxStore, faults: FaultInjector, config: AppConfig) => {
        switch (config.drivers.directory) {
          case 'sandbox':
            return withFaults('directory', new SandboxDirectoryDriver(store), faults);
          case 'ldap':
            return new LdapDirectoryDriver(requireSection(config.ldap, 'LDAP_URL'));
        }
      },
    },
    {
      provide: MAIL_PORT,
      inject: [SandboxStore, FaultInjector, APP_CONFIG],
      useFactory: (store: SandboxStore, faults: FaultInjector, config: AppConfig) => {
        switch (config.drivers.mail) {
          case 'sandbox':
            return withFaults('mail', new SandboxMailDriver(store), faults);
          case 'smtp':
            return new SmtpMailDriver(requireSection(config.smtp, 'SMTP_URL'), config.mail.from);
        }
      },
    },
    {
      provide: NETWORK_PORT,
      inject: [SandboxStore, FaultInjector, APP_CONFIG],
      useFactory: (store: SandboxStore, faults: FaultInjector, config: AppConfig) => {
        switch (config.drivers.network) {
          case 'sandbox':
            return withFaults('network', new SandboxNetworkDatabaseDriver(store), faults);
          case 'landb':
            return new LandbNetworkDatabaseDriver(requireSection(config.landb, 'LANDB_WSDL_URL'));
        }
      },
    },
    {
      provide: DHCP_PORT,
      inject: [SandboxStore, FaultInjector, APP_CONFIG],
      useFactory: (store: SandboxStore, faults: FaultInjector, config: AppConfig) => {
        switch (config.drivers.dhcp) {
          case 'sandbox':
            return withFaults('dhcp', new SandboxDhcpDriver(store), faults);
          case 'kea':
            return new KeaDhcpDriver(requireSection(config.kea, 'KEA_DATABASE_URL'));
        }
      },
    },
    {
      provide: LEGACY_PORT,
      inject: [SandboxStore, FaultInjector, APP_CONFIG],
      useFactory: (store: SandboxStore, faults: FaultInjector, config: AppConfig) => {
        switch (config.drivers.legacy) {
          case 'sandbox':
            return withFaults('legacy', new SandboxLegacyDriver(store), faults);
          case 'ldap':
            return new LdapLegacyDriver(requireSection(config.legacyLdap, 'LEGACY_DRIVER=ldap'));
        }
      },
    },
    {
      provide: PhoneInventory,
      inject: [DataSource, FaultInjector, APP_CONFIG],
      useFactory: (ds: DataSource, faults: FaultInjector, config: AppConfig) => {
        const phones = new PhoneInventory(ds);
        return config.sandbox ? withFaults('inventory', phones, faults) : phones;
      },
    },
    {
      // The provisioning server is Switchboard's own app on the same database: one driver.
      provide: PROVISIONING_PORT,
      inject: [DataSource, FaultInjector, APP_CONFIG],
      useFactory: (ds: DataSource, faults: FaultInjector, config: AppConfig) => {
        const provisioning = new DatabaseProvisioningDriver(ds, config.provisioningUrl);
        return config.sandbox ? withFaults('provisioning', provisioning, faults) : provisioning;
      },
    },
  ],
  exports: [
    SandboxStore,
    FaultInjector,
    SipCredentialVault,
    INVENTORY_PORT,
    NUMBER_INVENTORY_PORT,
    PBX_PORT,
    DIRECTORY_PORT,
    MAIL_PORT,
    NETWORK_PORT,
    DHCP_PORT,
    LEGACY_PORT,
    PhoneInventory,
    PROVISIONING_PORT,
    LEGACY_INVENTORY_PORT,
  ],
})
export class SystemsModule {}
