import type { Client } from 'pg';
import { seedPeople } from './seed';

/**
 * A site-sized inventory for (c) and (d), written in SQL in one pass per table:
 * - `people` people `bench000001…`, eligible, in the inventory cache and the sandbox directory;
 * - numbers up to `numbers` in all: the pools that `prepareDatabase` filled (AVAILABLE), then one
 *   ACTIVE personal number for each of the first `owners` people, then ACTIVE shared numbers owned
 *   round-robin by them;
 * - one ACTIVE desk phone on the personal number of each of the first `phones` people;
 * - one finished request per owner, so "my requests" has something to read;
 * - and, with `systems`, the same rows in every sandbox system: a SIP account per ACTIVE number,
 *   the phonebook listings, a network device and a DHCP reservation per phone — so a
 *   reconciliation of a consistent site finds nothing.
 * People after `owners` have no number (they can ask for one).
 */
export interface InventoryShape {
  people: number;
  /** Numbers in all; by default the pools plus one personal number per owner. */
  numbers?: number;
  owners: number;
  phones: number;
  systems: boolean;
  provisioningUrl: string;
}

const login = (expr: string) => `'bench' || lpad((${expr})::text, 6, '0')`;
const mac = (expr: string) => `'ba5e' || lpad(to_hex(${expr}), 8, '0')`;

export async function seedInventory(pg: Client, shape: InventoryShape): Promise<Record<string, number>> {
  if (shape.owners > shape.people) throw new Error('owners must not exceed people');
  if (shape.phones > shape.owners) throw new Error('phones must not exceed owners');
  const pooled = Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM phone_numbers')).rows[0].n);
  const extra = (shape.numbers ?? pooled + shape.owners) - pooled;
  if (extra < shape.owners) {
    throw new Error(
      `${shape.numbers} numbers leave ${extra} outside the pools, fewer than ${shape.owners} owners`,
    );
  }

  // Person i's personal number is the i-th free 5-digit number; the rest are shared.
  await pg.query(`CREATE TEMP TABLE bench_numbers AS
    SELECT lpad(n::text, 5, '0') AS number, row_number() OVER (ORDER BY n) AS idx
    FROM generate_series(0, 99999) AS n
    WHERE NOT EXISTS (SELECT 1 FROM phone_numbers p WHERE p.number = lpad(n::text, 5, '0'))
    ORDER BY n LIMIT ${extra}`);
  await pg.query('CREATE INDEX ON bench_numbers (idx)');
  await pg.query(`INSERT INTO phone_numbers (number, type, state, "ownerLogin", description, "managersGroup",
      "inPhonebook", "createdAt", "updatedAt")
    SELECT number,
      CASE WHEN idx <= ${shape.owners} THEN 'PERSONAL' ELSE 'SHARED' END, 'ACTIVE',
      ${login(`CASE WHEN idx <= ${shape.owners} THEN idx ELSE ((idx - 1) % ${shape.owners}) + 1 END`)},
      CASE WHEN idx <= ${shape.owners} THEN NULL ELSE 'Bench room ' || number END,
      CASE WHEN idx <= ${shape.owners} THEN NULL ELSE 'phone-mngr-' || number END,
      true, now(), now()
    FROM bench_numbers`);

  // The directory lists each owner's personal number on their entry.
  await seedPeople(pg, shape.people, {
    phoneNumbersSql: `CASE WHEN i <= ${shape.owners}
      THEN json_build_array((SELECT number FROM bench_numbers WHERE idx = i)) ELSE '[]'::json END`,
  });

  await pg.query(`INSERT INTO ip_phones (id, mac, number, name, "modelId", office, "ownerLogin", activation,
      "provisioningSecret", "activatedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${mac('idx')}, number, 'TELEPHONE-' || number, 'polycom-vvx-450',
      '40/1-B' || (idx % 100), ${login('idx')}, 'ACTIVE', md5('bench-secret-' || idx), now(), now(), now()
    FROM bench_numbers WHERE idx <= ${shape.phones}`);

  await pg.query(`INSERT INTO requests (id, kind, "workflowId", requester, actor, subject, status, "createdAt",
      "updatedAt", "finishedAt")
    SELECT gen_random_uuid()::text, 'NEW_PERSONAL_NUMBER', 'personal-number-' || ${login('idx')},
      ${login('idx')}, ${login('idx')}, number, 'COMPLETED', now() - interval '30 days',
      now() - interval '30 days', now() - interval '30 days'
    FROM bench_numbers WHERE idx <= ${shape.owners}`);

  if (shape.systems) {
    const base = shape.provisioningUrl.replace(/\/$/, '');
    await pg.query(`INSERT INTO sandbox_records (system, key, data, "updatedAt")
      SELECT 'pbx', number, json_build_object('extension', number, 'displayName', 'Bench ' || number,
        'ha1', md5(number || ':bench'))::text, now()
      FROM phone_numbers WHERE state = 'ACTIVE'`);
    await pg.query(`INSERT INTO sandbox_records (system, key, data, "updatedAt")
      SELECT 'directory', 'shared:' || number, json_build_object('number', number, 'description',
        description, 'ownerLogin', "ownerLogin", 'managersGroup', "managersGroup")::text, now()
      FROM phone_numbers WHERE state = 'ACTIVE' AND type = 'SHARED'`);
    await pg.query(`INSERT INTO sandbox_records (system, key, data, "updatedAt")
      SELECT 'network', name, json_build_object('name', name, 'location', NULL, 'manufacturer', 'Polycom',
        'model', 'VVX 450', 'responsible', "ownerLogin", 'user', "ownerLogin", 'mac', mac)::text, now()
      FROM ip_phones`);
    await pg.query(
      `INSERT INTO sandbox_records (system, key, data, "updatedAt")
      SELECT 'dhcp', mac, json_build_object('mac', mac, 'hostname', name,
        'ipAddress', '10.50.' || (row_number() OVER (ORDER BY mac) / 250) || '.' || (row_number() OVER (ORDER BY mac) % 250 + 1),
        'bootUrl', $1 || '/p/' || "provisioningSecret" || '/')::text, now()
      FROM ip_phones`,
      [base],
    );
  }
  await pg.query('DROP TABLE bench_numbers');
  await pg.query('ANALYZE');
  const count = async (sql: string) => Number((await pg.query<{ n: string }>(sql)).rows[0].n);
  return {
    people: await count(`SELECT count(*) AS n FROM people WHERE login LIKE 'bench%'`),
    numbers: await count('SELECT count(*) AS n FROM phone_numbers'),
    phones: await count('SELECT count(*) AS n FROM ip_phones'),
    sandboxRecords: await count('SELECT count(*) AS n FROM sandbox_records'),
  };
}
