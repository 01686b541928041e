import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { KeaPostgresDatabase } from '../../test/servers/kea';

/**
 * The PostgreSQL databases of `npm run start:real`, created on the first start through an admin
 * URL and kept afterwards (a second start finds the inventory, the SIP accounts and the
 * reservations it left), like the volumes of docker-compose.yml.
 */

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the database unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}

/** Drops the database (the start:real test's clean-up). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Kea's host database: created, then given Kea's schema by Kea's own `kea-admin db-init` the first
 * time (`db-version` fails until then), as the kea-db-init service of docker-compose.yml does.
 */
export async function ensureKeaHostsDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; kea: KeaPostgresDatabase }> {
  const url = await ensureDatabase(adminUrl, name);
  const parsed = new URL(url);
  const kea: KeaPostgresDatabase = {
    name,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || 'postgres',
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
  const args = ['pgsql', '-h', kea.host, '-P', String(kea.port), '-u', kea.user, '-n', name].concat(
    kea.password ? ['-p', kea.password] : [],
  );
  const run = promisify(execFile);
  try {
    await run('kea-admin', ['db-version', ...args], { timeout: 30_000 });
  } catch {
    await run('kea-admin', ['db-init', ...args], { timeout: 60_000 });
  }
  return { url, kea };
}
