import type { Client } from 'pg';

/**
 * Bulk seeding straight in SQL (generate_series): the benchmarks need tens of thousands of rows and
 * the product's own one-by-one seeding would take longer than the measurement. The rows have the
 * same shape the sandbox drivers and the inventory write themselves.
 */

export const benchLogin = (i: number): string => `bench${String(i).padStart(6, '0')}`;

/**
 * People `bench000001…` in the inventory cache and in the sandbox directory, eligible (STAF), each
 * listed with the numbers `phoneNumbers(i)` returns in SQL (default none).
 */
export async function seedPeople(
  pg: Client,
  count: number,
  options: { from?: number; phoneNumbersSql?: string; unit?: string } = {},
): Promise<void> {
  const from = options.from ?? 1;
  const to = from + count - 1;
  const login = `'bench' || lpad(i::text, 6, '0')`;
  const numbers = options.phoneNumbersSql ?? `'[]'::json`;
  const unit = options.unit ?? 'IT';
  await pg.query(
    `INSERT INTO people (login, "displayName", mail, "personnelClass", "personnelSubCode", "contractEnd",
       office, unit, "supervisorLogin", "syncedAt")
     SELECT ${login}, 'Bench Person ' || i, ${login} || '@bench.example', 'STAF', NULL, NULL,
       '40/' || (i % 9) || '-B' || (i % 100), $3, NULL, now()
     FROM generate_series($1::int, $2::int) AS i`,
    [from, to, unit],
  );
  await pg.query(
    `INSERT INTO sandbox_records (system, key, data, "updatedAt")
     SELECT 'directory', 'person:' || ${login}, json_build_object(
       'login', ${login}, 'displayName', 'Bench Person ' || i, 'mail', ${login} || '@bench.example',
       'personnelClass', 'STAF', 'personnelSubCode', NULL, 'contractEnd', NULL,
       'office', '40/' || (i % 9) || '-B' || (i % 100), 'unit', $3::text, 'supervisorLogin', NULL,
       'phoneNumbers', ${numbers})::text, now()
     FROM generate_series($1::int, $2::int) AS i`,
    [from, to, unit],
  );
}

export async function analyse(pg: Client): Promise<void> {
  await pg.query('ANALYZE');
}

/**
 * `count` people of `unit`, person i listed under legacy Skype number 10000+i (no desk phone), as
 * the legacy import leaves them: inventory rows in state LEGACY, the legacy record, the phonebook
 * listing, and the line in the sandbox legacy system. The first person administers the unit.
 */
export async function seedLegacyUnit(pg: Client, count: number, unit: string): Promise<void> {
  // Extensions have five digits: 10000-19999 holds the 10,000 legacy numbers.
  if (count > 10_000) throw new Error('at most 10,000 legacy numbers (10000-19999)');
  const number = `lpad((9999 + i)::text, 5, '0')`;
  await seedPeople(pg, count, { unit, phoneNumbersSql: `json_build_array(${number})` });
  const series = `FROM generate_series(1, ${count}) AS i`;
  await pg.query(`INSERT INTO phone_numbers (number, type, state, "ownerLogin", description, "legacySource",
      "inPhonebook", "createdAt", "updatedAt")
    SELECT ${number}, NULL, 'LEGACY', NULL, 'Bench Person ' || i, 'SKYPE', true, now(), now() ${series}`);
  await pg.query(`INSERT INTO legacy_numbers (number, service, description, "phoneModelId", "phoneMac", "importedAt")
    SELECT ${number}, 'SKYPE', 'Bench Person ' || i, NULL, NULL, now() ${series}`);
  await pg.query(`INSERT INTO legacy_listings (number, login)
    SELECT ${number}, 'bench' || lpad(i::text, 6, '0') ${series}`);
  await pg.query(`INSERT INTO sandbox_records (system, key, data, "updatedAt")
    SELECT 'legacy', ${number}, json_build_object('number', ${number}, 'service', 'SKYPE',
      'displayName', 'Bench Person ' || i, 'phone', NULL, 'settings', json_build_object('voicemail', 'on'),
      'active', true)::text, now() ${series}`);
  const group = `phone-admins-${unit.toLowerCase()}`;
  await pg.query(
    `INSERT INTO sandbox_records (system, key, data, "updatedAt") VALUES ('directory', $1, $2, now())`,
    [
      `group:${group}`,
      JSON.stringify({
        name: group,
        description: `Administrators of ${unit}`,
        ownerLogin: benchLogin(1),
        members: [benchLogin(1)],
      }),
    ],
  );
  await pg.query('ANALYZE');
}
