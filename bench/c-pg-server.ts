import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The baseline of (c): the same rows the portal's main query returns, read straight from
 * PostgreSQL with `pg` behind a bare HTTP server — no Nest, no GraphQL, no TypeORM. Run as its own
 * process like the API: `node bench/run.js bench/c-pg-server.ts` with DATABASE_URL and PORT.
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 20),
});

const READS = {
  directory: `SELECT data FROM sandbox_records WHERE system = 'directory' AND key = 'person:' || $1`,
  person: `SELECT * FROM people WHERE login = $1`,
  personal: `SELECT number, state, "inPhonebook" FROM phone_numbers WHERE "ownerLogin" = $1 AND type = 'PERSONAL'`,
  phones: `SELECT p.*, m.manufacturer, m.name AS "modelName", m.compatible FROM ip_phones p
    JOIN phone_models m ON m.id = p."modelId" WHERE p."ownerLogin" = $1 AND p.activation <> 'REMOVED'`,
  numbersForNewPhone: `SELECT n.number, n.type, n.description FROM phone_numbers n
    WHERE n."ownerLogin" = $1 AND n.state = 'ACTIVE'
    AND NOT EXISTS (SELECT 1 FROM ip_phones p WHERE p.number = n.number AND p.activation <> 'REMOVED')`,
  models: `SELECT * FROM phone_models ORDER BY manufacturer, name`,
  requests: `SELECT * FROM requests WHERE requester = $1 AND "parentId" IS NULL ORDER BY "createdAt" DESC LIMIT 100`,
};

const server = createServer((req, res) => {
  const login = String(req.headers['x-switchboard-user'] ?? '');
  req.resume();
  req.on('end', () => {
    Promise.all(
      Object.entries(READS).map(async ([name, sql]) => {
        const result = await pool.query(sql, sql.includes('$1') ? [login] : []);
        return [name, result.rows] as const;
      }),
    )
      .then((parts) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: Object.fromEntries(parts) }));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write(`listening on ${process.env.PORT}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end();
});
