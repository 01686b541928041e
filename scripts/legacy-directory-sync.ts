import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/config/app-config';
import { syncLegacyFromDirectory } from '../libs/legacy/directory-sync';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import { LdapLegacyDriver } from '../libs/systems/legacy/ldap-legacy.driver';

/**
 * `npm run legacy:sync-directory`: reads every legacy line the phonebook keeps on people and rooms
 * (LEGACY_DRIVER=ldap, docs/legacy-directory.md) into the legacy inventory, and prints what changed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.legacyLdap) {
    process.stderr.write('LEGACY_DRIVER: set LEGACY_DRIVER=ldap (and its LEGACY_LDAP_* settings) first\n');
    process.exitCode = 2;
    return;
  }
  const driver = new LdapLegacyDriver(config.legacyLdap);
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const report = await syncLegacyFromDirectory(dataSource, driver);
    const line = (label: string, numbers: string[]) =>
      process.stdout.write(
        `${label}: ${numbers.length}${numbers.length ? ` (${numbers.slice(0, 20).join(', ')}${numbers.length > 20 ? ', …' : ''})` : ''}\n`,
      );
    line('added', report.added);
    line('updated', report.updated);
    line('unchanged', report.unchanged);
    line(
      'kept (already migrated or in service)',
      report.kept.map((k) => `${k.number} ${k.state}`),
    );
  } finally {
    await driver.close();
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
