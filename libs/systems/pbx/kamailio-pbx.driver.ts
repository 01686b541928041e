import { createHash } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { KamailioConfig } from '../../config/real-drivers-config';
import { isSystemError, systemRejected, type ApplyResult } from '../system-error';
import { classifyPbxDatabaseError } from './kamailio-errors';
import type { PbxPort, SipAccount } from './pbx.port';

/**
 * Kamailio's stock subscriber table has no display name, and no place for the desk phone either.
 * Both live in avpops' `usr_preferences` (username, domain, attribute, value), the table Kamailio
 * itself reads with `avp_db_load`: a call-routing config can load `display_name` into the From
 * display name or P-Asserted-Identity without any change of schema. See docs/security.md.
 */
export const PBX_PREFERENCES = {
  displayName: 'display_name',
  /** One row per desk phone (canonical MAC) that carries the line. */
  deviceMac: 'device_mac',
} as const;

// avpops' `type` column: bit 0 = integer value, bit 1 = integer name; 0 = string name, string value.
const STRING_AVP = 0;
// usr_preferences.value is VARCHAR(128).
const PREFERENCE_MAX = 128;
// subscriber.username and domain are VARCHAR(64).
const USERNAME_MAX = 64;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** The two digests Kamailio's auth_db checks (calculate_ha1 off): the password itself is never stored. */
export function sipDigests(
  username: string,
  domain: string,
  password: string,
): { ha1: string; ha1b: string } {
  return {
    ha1: md5(`${username}:${domain}:${password}`),
    ha1b: md5(`${username}@${domain}:${domain}:${password}`),
  };
}

/** Kamailio writes `location.expires` as local time without a zone; compare in the same terms. */
function localTimestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

interface AccountRow {
  username: string;
  display_name: string | null;
}

/**
 * The selected subscribers (`selection`: a query of subscriber rows) with their display name, the first
 * display_name preference as getSipAccount reads it (usr_preferences_uda_idx serves the lookup).
 */
const withDisplayNames = (selection: string) => `SELECT s.username, (
    SELECT p.value FROM usr_preferences p
     WHERE p.username = s.username AND p.domain = s.domain AND p.attribute = '${PBX_PREFERENCES.displayName}'
     ORDER BY p.id LIMIT 1) AS display_name
  FROM (${selection}) s ORDER BY s.username`;

const toSipAccount = (row: AccountRow): SipAccount => ({
  extension: row.username,
  displayName: row.display_name ?? '',
});

/**
 * The PBX on Kamailio: SIP accounts are rows of Kamailio's own PostgreSQL tables (`subscriber`,
 * `usr_preferences`, `location`), written through a pool of this driver's own. The domain is also
 * the digest realm. Every write is an idempotent upsert inside a transaction that locks the
 * account's subscriber row, so two attempts at the same account queue up instead of racing.
 */
export class KamailioPbxDriver implements PbxPort {
  private readonly pool: Pool;

  constructor(
    config: KamailioConfig,
    private readonly domain: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection (database restart) must not crash the worker.
    this.pool.on('error', () => undefined);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  get isClosed(): boolean {
    return this.pool.ended;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async createSipAccount(account: SipAccount & { password: string }): Promise<ApplyResult> {
    const username = this.username(account.extension);
    const { ha1, ha1b } = sipDigests(username, this.domain, account.password);
    return this.transaction('createSipAccount', async (db) => {
      const upsert = await db.query(
        `INSERT INTO subscriber (username, domain, ha1, ha1b) VALUES ($1, $2, $3, $4)
         ON CONFLICT (username, domain) DO UPDATE SET ha1 = EXCLUDED.ha1, ha1b = EXCLUDED.ha1b
         WHERE subscriber.ha1 <> EXCLUDED.ha1 OR subscriber.ha1b <> EXCLUDED.ha1b`,
        [username, this.domain, ha1, ha1b],
      );
      await this.lockAccount(db, username);
      const named = await this.setSinglePreference(
        db,
        username,
        PBX_PREFERENCES.displayName,
        account.displayName,
      );
      return (upsert.rowCount ?? 0) > 0 || named === 'applied' ? 'applied' : 'unchanged';
    });
  }

  async removeSipAccount(extension: string): Promise<ApplyResult> {
    const username = this.username(extension);
    return this.transaction('removeSipAccount', async (db) => {
      const removed = await db.query('DELETE FROM subscriber WHERE username = $1 AND domain = $2', [
        username,
        this.domain,
      ]);
      const preferences = await db.query('DELETE FROM usr_preferences WHERE username = $1 AND domain = $2', [
        username,
        this.domain,
      ]);
      // With usrloc in db_mode 3 the table is the registrar's only copy: deleting the rows drops the
      // registrations, and the next REGISTER is refused because the subscriber is gone.
      const contacts = await db.query('DELETE FROM location WHERE username = $1 AND domain = $2', [
        username,
        this.domain,
      ]);
      const changed = (removed.rowCount ?? 0) + (preferences.rowCount ?? 0) + (contacts.rowCount ?? 0);
      return changed > 0 ? 'applied' : 'unchanged';
    });
  }

  async getSipAccount(extension: string): Promise<SipAccount | null> {
    const username = this.username(extension);
    return this.query('getSipAccount', async (db) => {
      const { rows } = await db.query<{ display_name: string | null }>(
        `SELECT (SELECT p.value FROM usr_preferences p
                  WHERE p.username = s.username AND p.domain = s.domain AND p.attribute = $3
                  ORDER BY p.id LIMIT 1) AS display_name
           FROM subscriber s WHERE s.username = $1 AND s.domain = $2`,
        [username, this.domain, PBX_PREFERENCES.displayName],
      );
      return rows[0] ? { extension: username, displayName: rows[0].display_name ?? '' } : null;
    });
  }

  async setDisplayName(extension: string, displayName: string): Promise<ApplyResult> {
    const username = this.username(extension);
    return this.transaction('setDisplayName', async (db) => {
      if (!(await this.lockAccount(db, username)))
        throw systemRejected('pbx', `there is no SIP account ${username} to rename`);
      return this.setSinglePreference(db, username, PBX_PREFERENCES.displayName, displayName);
    });
  }

  async bindDevice(extension: string, mac: string): Promise<ApplyResult> {
    const username = this.username(extension);
    return this.transaction('bindDevice', async (db) => {
      if (!(await this.lockAccount(db, username)))
        throw systemRejected('pbx', `there is no SIP account ${username} to bind a phone to`);
      const { rowCount } = await db.query(
        'SELECT 1 FROM usr_preferences WHERE username = $1 AND domain = $2 AND attribute = $3 AND value = $4',
        [username, this.domain, PBX_PREFERENCES.deviceMac, mac],
      );
      if ((rowCount ?? 0) > 0) return 'unchanged';
      await this.insertPreference(db, username, PBX_PREFERENCES.deviceMac, mac);
      return 'applied';
    });
  }

  async isDeviceBound(extension: string, mac: string): Promise<boolean> {
    return (await this.boundDevices(extension)).includes(mac);
  }

  async unbindDevice(extension: string, mac: string, newPassword: string): Promise<ApplyResult> {
    const username = this.username(extension);
    const { ha1, ha1b } = sipDigests(username, this.domain, newPassword);
    return this.transaction('unbindDevice', async (db) => {
      await this.lockAccount(db, username);
      const { rowCount } = await db.query(
        'DELETE FROM usr_preferences WHERE username = $1 AND domain = $2 AND attribute = $3 AND value = $4',
        [username, this.domain, PBX_PREFERENCES.deviceMac, mac],
      );
      if ((rowCount ?? 0) === 0) return 'unchanged';
      // One transaction: the phone is never unbound while its old password still works.
      await db.query('UPDATE subscriber SET ha1 = $3, ha1b = $4 WHERE username = $1 AND domain = $2', [
        username,
        this.domain,
        ha1,
        ha1b,
      ]);
      // usrloc db_mode 3: the table is the registrar's only copy, so this drops the old registration.
      await db.query('DELETE FROM location WHERE username = $1 AND domain = $2', [username, this.domain]);
      return 'applied';
    });
  }

  /** The MACs bound to the line (not part of the port: reconciliation and tests read it). */
  async boundDevices(extension: string): Promise<string[]> {
    const username = this.username(extension);
    return this.query('boundDevices', async (db) => {
      const { rows } = await db.query<{ value: string }>(
        'SELECT value FROM usr_preferences WHERE username = $1 AND domain = $2 AND attribute = $3 ORDER BY value',
        [username, this.domain, PBX_PREFERENCES.deviceMac],
      );
      return rows.map((r) => r.value);
    });
  }

  async isRegistered(extension: string): Promise<boolean> {
    const username = this.username(extension);
    return this.query('isRegistered', async (db) => {
      const { rowCount } = await db.query(
        'SELECT 1 FROM location WHERE username = $1 AND domain = $2 AND expires > $3::timestamp LIMIT 1',
        [username, this.domain, localTimestamp(this.now())],
      );
      return (rowCount ?? 0) > 0;
    });
  }

  /**
   * One page of a reconciliation scan: subscribers of the domain in username order after `after`,
   * with their display name, in one query (keyset paging on the (username, domain) unique key).
   */
  async listSipAccounts(page: { after?: string; limit: number }): Promise<SipAccount[]> {
    return this.query('listSipAccounts', async (db) => {
      // Keyset paging on the (username, domain) unique key; every username sorts after ''.
      const { rows } = await db.query<AccountRow>(
        withDisplayNames(
          'SELECT username, domain FROM subscriber WHERE domain = $1 AND username > $2 ORDER BY username LIMIT $3',
        ),
        [this.domain, page.after ?? '', page.limit],
      );
      return rows.map(toSipAccount);
    });
  }

  /** The accounts among these extensions, in one query. */
  async findSipAccounts(extensions: string[]): Promise<SipAccount[]> {
    if (extensions.length === 0) return [];
    const usernames = extensions.map((e) => this.username(e));
    return this.query('findSipAccounts', async (db) => {
      const { rows } = await db.query<AccountRow>(
        withDisplayNames(
          'SELECT username, domain FROM subscriber WHERE domain = $1 AND username = ANY($2::text[])',
        ),
        [this.domain, usernames],
      );
      return rows.map(toSipAccount);
    });
  }

  // --- Helpers -----------------------------------------------------------------------------------

  private username(extension: string): string {
    if (extension.length === 0 || extension.length > USERNAME_MAX || /[\s@:;]/.test(extension))
      throw systemRejected('pbx', `"${extension.slice(0, 20)}" is not a SIP username`);
    return extension;
  }

  /** Locks the subscriber row for the rest of the transaction; false when there is none. */
  private async lockAccount(db: PoolClient, username: string): Promise<boolean> {
    const { rowCount } = await db.query(
      'SELECT 1 FROM subscriber WHERE username = $1 AND domain = $2 FOR UPDATE',
      [username, this.domain],
    );
    return (rowCount ?? 0) > 0;
  }

  /** usr_preferences has no unique key: keep exactly one row per single-valued attribute. */
  private async setSinglePreference(
    db: PoolClient,
    username: string,
    attribute: string,
    value: string,
  ): Promise<ApplyResult> {
    const stored = value.slice(0, PREFERENCE_MAX);
    const { rows } = await db.query<{ value: string }>(
      'SELECT value FROM usr_preferences WHERE username = $1 AND domain = $2 AND attribute = $3',
      [username, this.domain, attribute],
    );
    if (rows.length === 1 && rows[0].value === stored) return 'unchanged';
    await db.query('DELETE FROM usr_preferences WHERE username = $1 AND domain = $2 AND attribute = $3', [
      username,
      this.domain,
      attribute,
    ]);
    await this.insertPreference(db, username, attribute, stored);
    return 'applied';
  }

  private async insertPreference(
    db: PoolClient,
    username: string,
    attribute: string,
    value: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO usr_preferences (uuid, username, domain, attribute, type, value, last_modified)
       VALUES ('', $1, $2, $3, $4, $5, $6::timestamp)`,
      [username, this.domain, attribute, STRING_AVP, value, localTimestamp(this.now())],
    );
  }

  private async query<T>(operation: string, work: (db: PoolClient) => Promise<T>): Promise<T> {
    let db: PoolClient | undefined;
    try {
      db = await this.pool.connect();
      return await work(db);
    } catch (error) {
      throw this.classify(operation, error);
    } finally {
      db?.release();
    }
  }

  private async transaction<T>(operation: string, work: (db: PoolClient) => Promise<T>): Promise<T> {
    let db: PoolClient | undefined;
    let broken = false;
    try {
      db = await this.pool.connect();
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      if (db) await db.query('ROLLBACK').catch(() => (broken = true));
      throw this.classify(operation, error);
    } finally {
      // A client whose ROLLBACK failed has a dead connection: destroy it rather than reuse it.
      db?.release(broken);
    }
  }

  private classify(operation: string, error: unknown): Error {
    if (isSystemError(error)) return error;
    return classifyPbxDatabaseError(operation, error);
  }
}
