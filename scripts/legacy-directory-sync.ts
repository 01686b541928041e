import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../libs/config/app-config';
import { syncLegacyFromDirectory } from '../libs/legacy/directory-sync';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import { LdapLegacyDriver } from '../libs/systems/legacy/ldap-legacy.driver';

/**
 * Reads every legacy line the phonebook keeps on people and rooms (LEGACY_DRIVER=ldap,
 * docs/legacy-directory.md) into the legacy inventory, and says what changed, one line per outcome.
 * The inventory's schema must be in place (migrations run). `npm run start:real` calls it too.
 */
export async function syncLegacyDirectory(config: AppConfig, say: (line: string) => void): Promise<void> {
  if (!config.legacyLdap)
    throw new Error('LEGACY_DRIVER: set LEGACY_DRIVER=ldap (and its LEGACY_LDAP_* settings) first');
  const driver = new LdapLegacyDriver(config.legacyLdap);
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const report = await syncLegacyFromDirectory(dataSource, driver);
    const line = (label: string, numbers: string[]) =>
      say(
        `${label}: ${numbers.length}${numbers.length ? ` (${numbers.slice(0, 20).join(', ')}${numbers.length > 20 ? ', …' : ''})` : ''}`,
      );
    line('added', report.added);
    line('updated', report.updated);
    line('unchanged', report.unchanged);
    line(
      'kept (already migrated or in service)',
      report.kept.map((k) => `${k.number} ${k.state}`),
    );
    line(
      'refused',
      report.refused.map((r) => `${r.number}: ${r.reason}`),
    );
  } finally {
    await driver.close();
    await dataSource.destroy();
  }
}

/** `npm run legacy:sync-directory`. */
async function main(): Promise<void> {
  await syncLegacyDirectory(loadConfig(), (line) => process.stdout.write(`${line}\n`));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
