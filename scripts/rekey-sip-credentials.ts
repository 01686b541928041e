import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/config/app-config';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import { SipCredentialVault } from '../libs/systems/pbx/sip-credentials';

/**
 * `npm run sip:rekey`: the middle step of a SIP_SECRET_KEY rotation (docs/security.md). With the new
 * key in SIP_SECRET_KEY and the old one in SIP_SECRET_KEYS_PREVIOUS, re-seals every stored SIP
 * password with the new key. Safe to run again; prints counts, never passwords.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const vault = new SipCredentialVault(dataSource, config.sip.secretKey, config.sip.previousSecretKeys);
    const changed = await vault.rekey();
    process.stdout.write(`SIP credentials: re-sealed ${changed} password(s) with the current key\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
