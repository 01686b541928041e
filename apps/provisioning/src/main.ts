import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../../libs/config/app-config';
import { startProvisioningServer } from './provisioning-app';
import type { ProvisioningEvent } from './provisioning-server';

/**
 * The IP-phone provisioning server process: serves each phone's files under the boot URL its DHCP
 * reservation carries (docs/provisioning.md). SIGINT/SIGTERM stop it after open requests end.
 */
async function main(): Promise<void> {
  const logger = new Logger('provisioning');
  const config = loadConfig();
  // Refusals and failures are worth a line each; successful fetches are recorded in the database
  // (a line per success would be 20,000 lines in a 10,000-phone boot storm).
  const log = (event: ProvisioningEvent) => {
    if (event.status < 400) return;
    // A digest challenge to a request without credentials is the protocol's first step, not a refusal.
    if (event.status === 401 && event.reason?.startsWith('digest required')) return;
    const line = JSON.stringify(event);
    if (event.status >= 500) logger.error(line);
    else logger.warn(line);
  };
  const running = await startProvisioningServer(config, { log });
  logger.log(
    `serving ${running.templates.familyNames().join(', ')} phones at ${running.url} ` +
      `(phones are told ${config.provisioningUrl}/p/<secret>/; source address check ${config.provisioning.checkSourceAddress ? 'on' : 'off'}; ` +
      `digest ${config.provisioning.digest ? `on, grace ${config.provisioning.digest.graceMs / 1000} s` : 'off'})`,
  );
  const stop = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  new Logger('provisioning').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
