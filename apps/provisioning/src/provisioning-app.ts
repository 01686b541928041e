import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Server as TlsServer } from 'node:https';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/app-config';
import { dataSourceOptions } from '../../../libs/persistence/data-source-options';
import { SipCredentialVault } from '../../../libs/systems/pbx/sip-credentials';
import { DeviceDigest } from '../../../libs/systems/provisioning/device-digest';
import { ProvisionedDevices } from '../../../libs/systems/provisioning/provisioned-devices';
import { TemplateCatalogue } from '../../../libs/systems/provisioning/template-catalogue';
import { repositoryRoot } from '../../../libs/config/repository-root';
import { createProvisioningServer, type ProvisioningEvent } from './provisioning-server';
import { DirectoryUploadStore } from './upload-store';

/** The templates shipped with Switchboard (one folder per model family). */
export function defaultTemplatesDir(): string {
  return join(repositoryRoot(), 'libs', 'provisioning-templates');
}

export interface RunningProvisioningServer {
  /** `http://host:port`, as the server listens (PROVISIONING_URL is what phones are told). */
  url: string;
  server: Server | TlsServer;
  templates: TemplateCatalogue;
  /** Stops listening (open keep-alive sockets are closed) and closes its own database connection. */
  stop(): Promise<void>;
}

/**
 * Starts the provisioning server from the validated configuration. Tests pass the database they
 * already hold (`dataSource`) and port 0; the app opens its own.
 */
export async function startProvisioningServer(
  config: AppConfig,
  options: {
    dataSource?: DataSource;
    host?: string;
    port?: number;
    log?: (event: ProvisioningEvent) => void;
  } = {},
): Promise<RunningProvisioningServer> {
  const settings = config.provisioning;
  const templates = TemplateCatalogue.load(resolve(settings.templatesDir ?? defaultTemplatesDir()));
  const ownDataSource = options.dataSource === undefined;
  const dataSource = options.dataSource ?? new DataSource(dataSourceOptions(config.database));
  if (!dataSource.isInitialized) await dataSource.initialize();
  const devices = new ProvisionedDevices(dataSource);
  const server = createProvisioningServer({
    devices,
    passwords: new SipCredentialVault(dataSource, config.sip.secretKey, config.sip.previousSecretKeys),
    fetches: devices,
    templates,
    uploads: new DirectoryUploadStore(resolve(settings.uploadDir), settings.uploadMaxBytes),
    checkSourceAddress: settings.checkSourceAddress,
    log: options.log ?? (() => undefined),
    tls: settings.tls && {
      cert: readFileSync(settings.tls.certFile),
      key: readFileSync(settings.tls.keyFile),
    },
    // Keyed like the SIP password vault: a rotation keeps the previous keys' passwords working.
    digest: settings.digest
      ? {
          check: new DeviceDigest([config.sip.secretKey, ...config.sip.previousSecretKeys]),
          graceMs: settings.digest.graceMs,
          record: (mac, event) => devices.recordDigest(mac, event),
        }
      : undefined,
  });
  const host = options.host ?? settings.host;
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? settings.port, host, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (error) {
    if (ownDataSource) await dataSource.destroy();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${settings.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    server,
    templates,
    stop: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      if (ownDataSource && dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
