import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The maintenance database used to create and drop per-run databases. */
export function adminPostgresUrl(): string {
  return process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates a database with a unique name and returns its URL: empty, or a copy of a template
 * database (PostgreSQL copies files, so a migrated and seeded schema costs milliseconds).
 */
export async function createScratchDatabase(prefix: string, template?: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${new URL(template).pathname.slice(1)}"` : ''}`,
    );
  } finally {
    await admin.end();
  }
  return withDatabase(adminPostgresUrl(), name);
}

/** Drops a database created by {@link createScratchDatabase}, disconnecting any leftover session. */
export async function dropScratchDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
