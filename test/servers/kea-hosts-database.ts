import { existsSync } from 'node:fs';
import { adminPostgresUrl, createScratchDatabase, dropScratchDatabase } from '../support/postgres';
import type { KeaPostgresDatabase } from './kea';
import { runCommand } from './kea-process';

// A scratch PostgreSQL database initialised by Kea's own `kea-admin db-init pgsql` (schema 13 on
// Kea 2.2), for kea-dhcp4's `hosts-database` and for the DHCP driver that writes reservations there.

const SOCKET_DIRECTORY = '/var/run/postgresql';

export interface KeaHostsDatabase {
  /** For the driver (and for assertions): postgres://…/<name>. */
  url: string;
  /** For startKea({ hostsDatabase }): through the Unix socket when PostgreSQL is local, so
   * kea-dhcp4 reaches it from inside a network namespace too. */
  kea: KeaPostgresDatabase;
  drop(): Promise<void>;
}

function isLocal(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export async function createKeaHostsDatabase(): Promise<KeaHostsDatabase> {
  const url = await createScratchDatabase('kea_hosts');
  const parsed = new URL(url);
  const name = parsed.pathname.slice(1);
  const user = decodeURIComponent(parsed.username) || 'postgres';
  const password = decodeURIComponent(parsed.password);
  const port = Number(parsed.port || 5432);
  try {
    await runCommand(
      'kea-admin',
      ['db-init', 'pgsql', '-h', parsed.hostname, '-P', String(port), '-u', user, '-n', name].concat(
        password ? ['-p', password] : [],
      ),
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    await dropScratchDatabase(url);
    throw error;
  }
  const viaSocket =
    isLocal(new URL(adminPostgresUrl())) && existsSync(`${SOCKET_DIRECTORY}/.s.PGSQL.${port}`);
  return {
    url,
    kea: {
      name,
      host: viaSocket ? SOCKET_DIRECTORY : parsed.hostname,
      port,
      user,
      ...(password ? { password } : {}),
    },
    drop: () => dropScratchDatabase(url),
  };
}
