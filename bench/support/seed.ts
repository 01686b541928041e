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
  options: { from?: number; phoneNumbersSql?: string } = {},
): Promise<void> {
  const from = options.from ?? 1;
  const to = from + count - 1;
  const login = `'bench' || lpad(i::text, 6, '0')`;
  const numbers = options.phoneNumbersSql ?? `'[]'::json`;
  await pg.query(
    `INSERT INTO people (login, "displayName", mail, "personnelClass", "personnelSubCode", "contractEnd",
       office, unit, "supervisorLogin", "syncedAt")
     SELECT ${login}, 'Bench Person ' || i, ${login} || '@bench.example', 'STAF', NULL, NULL,
       '40/' || (i % 9) || '-B' || (i % 100), 'IT', NULL, now()
     FROM generate_series($1::int, $2::int) AS i`,
    [from, to],
  );
  await pg.query(
    `INSERT INTO sandbox_records (system, key, data, "updatedAt")
     SELECT 'directory', 'person:' || ${login}, json_build_object(
       'login', ${login}, 'displayName', 'Bench Person ' || i, 'mail', ${login} || '@bench.example',
       'personnelClass', 'STAF', 'personnelSubCode', NULL, 'contractEnd', NULL,
       'office', '40/' || (i % 9) || '-B' || (i % 100), 'unit', 'IT', 'supervisorLogin', NULL,
       'phoneNumbers', ${numbers})::text, now()
     FROM generate_series($1::int, $2::int) AS i`,
    [from, to],
  );
}

export async function analyse(pg: Client): Promise<void> {
  await pg.query('ANALYZE');
}
