import { loadConfig } from '../../libs/config/app-config';
import type { KeaConfig, LandbConfig } from '../../libs/config/network-drivers-config';
import type { KeaHostsDatabase } from '../servers/kea-hosts-database';
import type { KeaHandle } from '../servers/kea';
import { DEFAULT_LANDB_CREDENTIALS, type LandbHandle } from '../servers/landb-soap';

/**
 * Configuration overrides that point the network drivers at the servers the harnesses start, in the
 * environment variables an operator would set (so the tests also prove those variables work).
 */

export function keaEnv(
  database: Pick<KeaHostsDatabase, 'url'>,
  kea: Pick<KeaHandle, 'subnetId' | 'reservedRange'>,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DHCP_DRIVER: 'kea',
    KEA_DATABASE_URL: database.url,
    KEA_DATABASE_POOL_SIZE: '2',
    KEA_SUBNET_ID: String(kea.subnetId),
    KEA_RESERVED_RANGE: `${kea.reservedRange.first}-${kea.reservedRange.last}`,
    KEA_TIMEOUT_MS: '3000',
    ...extra,
  };
}

export function landbEnv(landb: Pick<LandbHandle, 'wsdlUrl'>, extra: Record<string, string> = {}) {
  return {
    NETWORK_DRIVER: 'landb',
    LANDB_WSDL_URL: landb.wsdlUrl,
    LANDB_USER: DEFAULT_LANDB_CREDENTIALS.login,
    LANDB_PASSWORD: DEFAULT_LANDB_CREDENTIALS.password,
    LANDB_TIMEOUT_MS: '2000',
    ...extra,
  };
}

/** The validated `kea` section for these variables, as the worker would build it. */
export function keaConfigFrom(env: Record<string, string>): KeaConfig {
  const kea = loadConfig(env).kea;
  if (!kea) throw new Error('loadConfig produced no kea section');
  return kea;
}

export function landbConfigFrom(env: Record<string, string>): LandbConfig {
  const landb = loadConfig(env).landb;
  if (!landb) throw new Error('loadConfig produced no landb section');
  return landb;
}
