import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { unsealSecret } from '../../libs/systems/pbx/sip-credentials';

type History = temporal.api.history.v1.IHistory;

/** Where in a history a secret was found: the event, and the path to the field inside it. */
export interface HistoryLeak {
  workflowId: string;
  runId: string;
  eventId: string;
  path: string;
  secret: string;
}

const isPayload = (value: object): value is Payload =>
  'metadata' in value && 'data' in value && typeof (value as Payload).metadata === 'object';

/**
 * Every piece of text a history holds, with where it is: each payload decoded with the data
 * converter (inputs, results, memo, search attributes, headers, markers of local activities,
 * signal and update arguments, failures' details, child inputs...) and every plain string (failure
 * messages and stacks, ids). Payloads are encoded bytes, so the text of a history as a whole says
 * nothing about what they carry: each one is decoded where it is found.
 */
export function historyTexts(history: History): Array<{ eventId: string; path: string; text: string }> {
  const texts: Array<{ eventId: string; path: string; text: string }> = [];
  const walk = (value: unknown, eventId: string, path: string): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') {
      texts.push({ eventId, path, text: value });
      return;
    }
    if (typeof value !== 'object' || value instanceof Uint8Array) return;
    if (isPayload(value)) {
      let decoded: string;
      try {
        const data: unknown = defaultPayloadConverter.fromPayload(value);
        decoded =
          data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : (JSON.stringify(data) ?? '');
      } catch {
        // A payload the converter cannot read is still searched, as raw text.
        decoded = Buffer.from(value.data ?? new Uint8Array()).toString('utf8');
      }
      texts.push({ eventId, path, text: decoded });
      return;
    }
    for (const [key, inner] of Object.entries(value)) walk(inner, eventId, `${path}.${key}`);
  };
  for (const event of history.events ?? []) {
    const eventId = String(event.eventId ?? '?');
    walk(event, eventId, '');
  }
  return texts;
}

/** The places in `history` where any of `secrets` appears. */
export function leaksIn(
  history: History,
  secrets: readonly string[],
  execution: { workflowId: string; runId: string },
): HistoryLeak[] {
  const wanted = secrets.filter((s) => s.length > 0);
  return historyTexts(history).flatMap(({ eventId, path, text }) =>
    wanted
      .filter((secret) => text.includes(secret))
      .map((secret) => ({ ...execution, eventId, path, secret })),
  );
}

/**
 * The leaks of `secrets` in the histories of every workflow run on `taskQueue` (children and
 * continued runs included), and how many runs were read, so a caller can check it read some.
 */
export async function leaksInTaskQueue(
  client: Client,
  taskQueue: string,
  secrets: readonly string[],
): Promise<{ runs: number; workflowTypes: Set<string>; leaks: HistoryLeak[] }> {
  const leaks: HistoryLeak[] = [];
  const workflowTypes = new Set<string>();
  let runs = 0;
  for await (const run of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    runs += 1;
    workflowTypes.add(run.type);
    leaks.push(...leaksIn(history, secrets, { workflowId: run.workflowId, runId: run.runId }));
  }
  return { runs, workflowTypes, leaks };
}

/**
 * Keeps every boot secret and every sealed SIP password ever written to the world's database, in
 * a table of the test's own (PostgreSQL triggers): a phone's secret is cleared when it is removed
 * and a line's password replaced or destroyed, but their histories stay, and must hold neither.
 */
export async function keepEverySecret(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE TABLE IF NOT EXISTS test_secrets_seen (kind text NOT NULL, value text NOT NULL);
    CREATE OR REPLACE FUNCTION test_keep_boot_secret() RETURNS trigger AS $$
    BEGIN
      IF NEW."provisioningSecret" IS NOT NULL THEN
        INSERT INTO test_secrets_seen VALUES ('boot', NEW."provisioningSecret");
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    CREATE OR REPLACE FUNCTION test_keep_sip_password() RETURNS trigger AS $$
    BEGIN
      INSERT INTO test_secrets_seen VALUES ('sip', NEW."sealedPassword");
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS test_keep_boot_secret ON ip_phones;
    CREATE TRIGGER test_keep_boot_secret AFTER INSERT OR UPDATE ON ip_phones
      FOR EACH ROW EXECUTE FUNCTION test_keep_boot_secret();
    DROP TRIGGER IF EXISTS test_keep_sip_password ON sip_credentials;
    CREATE TRIGGER test_keep_sip_password AFTER INSERT OR UPDATE ON sip_credentials
      FOR EACH ROW EXECUTE FUNCTION test_keep_sip_password();
  `);
}

/** Every boot secret and plain SIP password kept since {@link keepEverySecret}. */
export async function secretsSeen(
  dataSource: DataSource,
  sipKey: Buffer,
): Promise<{ bootSecrets: string[]; sipPasswords: string[] }> {
  const rows: Array<{ kind: string; value: string }> = await dataSource.query(
    'SELECT DISTINCT kind, value FROM test_secrets_seen',
  );
  return {
    bootSecrets: rows.filter((r) => r.kind === 'boot').map((r) => r.value),
    sipPasswords: rows.filter((r) => r.kind === 'sip').map((r) => unsealSecret(sipKey, r.value)),
  };
}
