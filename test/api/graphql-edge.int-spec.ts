import type { LoggerService } from '@nestjs/common';
import { QUERY_LIMITS } from '../../apps/api/src/limits/query-limits';
import { errorCodes, type GraphqlResponse } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';

interface LogEntry {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  text: string;
}

/** Keeps what the API logs, so a test can say what was logged, at which level, and with no stack. */
class CapturedLog implements LoggerService {
  entries: LogEntry[] = [];
  private add(level: LogEntry['level'], parts: unknown[]): void {
    this.entries.push({
      level,
      text: parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' '),
    });
  }
  log = (...parts: unknown[]) => this.add('log', parts);
  error = (...parts: unknown[]) => this.add('error', parts);
  warn = (...parts: unknown[]) => this.add('warn', parts);
  debug = (...parts: unknown[]) => this.add('debug', parts);
  verbose = (...parts: unknown[]) => this.add('verbose', parts);
  fatal = (...parts: unknown[]) => this.add('fatal', parts);
  mentioning(text: string): LogEntry[] {
    return this.entries.filter((e) => e.text.includes(text));
  }
}

const STACK_LINE = /\n\s+at \S/;

/**
 * The API's edge, sent what a careless or hostile client sends: each bad request gets its own code
 * and a message that says what to fix, never INTERNAL, and none is logged as an error.
 */
describe('the GraphQL edge refuses bad requests clearly (over HTTP)', () => {
  const log = new CapturedLog();
  let api: ApiWorld;
  let person: string;

  beforeAll(async () => {
    api = await ApiWorld.start({}, { logger: log });
    person = (await seedPerson(api.world.sandbox)).login;
  });

  afterAll(async () => {
    await api?.stop();
  });

  beforeEach(() => {
    log.entries = [];
  });

  async function send(init: RequestInit & { path?: string }): Promise<GraphqlResponse<unknown>> {
    const response = await fetch(`${api.url}${init.path ?? '/graphql'}`, {
      ...init,
      headers: { 'x-switchboard-user': person, ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    let body: Omit<GraphqlResponse<unknown>, 'status'>;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(
        `HTTP ${response.status} answered with something that is not JSON: ${text.slice(0, 200)}`,
      );
    }
    return { status: response.status, ...body };
  }

  const postJson = (body: string, headers: Record<string, string> = {}) =>
    send({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  function expectRefused(response: GraphqlResponse<unknown>, status: number, code: string, message: RegExp) {
    expect([response.status, errorCodes(response)]).toEqual([status, [code]]);
    expect(response.errors![0].message).toMatch(message);
    expect(response.errors![0].extensions).toMatchObject({ code, category: 'BAD_REQUEST' });
    expect(JSON.stringify(response)).not.toMatch(/INTERNAL|Something went wrong/);
    // Logged once, as the client's mistake: a warning with the code, no error and no stack.
    expect(log.entries.filter((e) => e.level === 'error' || e.level === 'fatal')).toEqual([]);
    expect(log.mentioning(code)).toEqual([{ level: 'warn', text: expect.stringContaining(code) }]);
    expect(log.entries.filter((e) => STACK_LINE.test(e.text))).toEqual([]);
  }

  it.each([
    [
      'a batched request',
      JSON.stringify([{ query: '{ me { login } }' }]),
      'BATCH_NOT_SUPPORTED',
      /one operation per request/,
    ],
    ['"query": 42', JSON.stringify({ query: 42 }), 'INVALID_REQUEST', /"query" must be a string/],
    [
      '"variables": "x"',
      JSON.stringify({ query: '{ me { login } }', variables: 'x' }),
      'INVALID_REQUEST',
      /"variables" must be a JSON object/,
    ],
    ['an empty body', '', 'INVALID_REQUEST', /has no (body|query): send a JSON object/],
    ['an empty object', '{}', 'INVALID_REQUEST', /has no (body|query): send a JSON object/],
    ['a body that is not JSON', '{"query": ', 'INVALID_JSON', /not valid JSON/],
  ])('answers %s with its code and what to send', async (_what, body, code, message) => {
    expectRefused(await postJson(body), 400, code, message);
  });

  it('answers a mutation sent by GET with 405 and MUTATION_REQUIRES_POST', async () => {
    const query = encodeURIComponent('mutation { requestPersonalNumber { id } }');
    const response = await send({
      method: 'GET',
      path: `/graphql?query=${query}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expectRefused(response, 405, 'MUTATION_REQUIRES_POST', /must be sent with POST/);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('refuses a %s POST as a possible cross-site request (CSRF prevention)', async (_what, headers) => {
    const response = await send({
      method: 'POST',
      body: JSON.stringify({ query: 'mutation { requestPersonalNumber { id } }' }),
      headers,
    });
    expectRefused(response, 400, 'CSRF_PREVENTED', /content-type: application\/json/);
  });

  it('answers an over-size body with 413 in the GraphQL shape', async () => {
    const response = await postJson(JSON.stringify({ query: `{ me { login } }${' '.repeat(200 * 1024)}` }));
    expectRefused(response, 413, 'PAYLOAD_TOO_LARGE', /over 100 KB, the limit/);
  });

  describe('query limits', () => {
    const aliases = (n: number, field: string) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

    it('stops the 1,000-alias request at the token limit, before it runs', async () => {
      const document = aliases(1000, 'myRequests { steps { id status } }');
      expect(document.length).toBeLessThan(100 * 1024);
      const started = Date.now();
      const response = await postJson(JSON.stringify({ query: document }));
      expectRefused(response, 400, 'QUERY_TOO_LONG', /more than 5000 tokens .* the limit/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('refuses more aliases than the limit, naming it', async () => {
      const response = await postJson(
        JSON.stringify({ query: aliases(QUERY_LIMITS.aliases + 1, 'me { login }') }),
      );
      expectRefused(response, 400, 'TOO_MANY_ALIASES', /^Aliases limit of 15 exceeded, found 16\./);
      const within = await postJson(JSON.stringify({ query: aliases(QUERY_LIMITS.aliases, 'me { login }') }));
      expect(within.errors).toBeUndefined();
    });

    it('refuses more mutations in one document than the limit, before starting any', async () => {
      const mutations = `mutation { ${Array.from({ length: QUERY_LIMITS.mutations + 1 }, (_, i) => `m${i}: requestPersonalNumber { id }`).join(' ')} }`;
      const response = await postJson(JSON.stringify({ query: mutations }));
      expectRefused(
        response,
        400,
        'TOO_MANY_MUTATIONS',
        /^Mutations limit of 5 per request exceeded, found 6\./,
      );
      expect(
        await api.world.dataSource.query(`SELECT id FROM requests WHERE requester = $1`, [person]),
      ).toEqual([]);
    });
  });

  describe('refusals by the rules are not errors', () => {
    it('logs a refusal once, at info, with its code and no stack', async () => {
      const contractor = await seedPerson(api.world.sandbox, {
        personnelClass: 'EXTN',
        personnelSubCode: 'CONT',
      });
      const refused = await api.graphql('mutation { requestPersonalNumber { id } }', {
        user: contractor.login,
      });
      expect(errorCodes(refused)).toEqual(['NOT_ELIGIBLE']);
      const badMac = await api.graphql(
        'mutation { registerPhone(modelId: "polycom-vvx-450", number: "70001", mac: "ff:ff:ff:ff:ff:ff", office: "31/2-015") { id } }',
        { user: person },
      );
      expect(errorCodes(badMac)).toEqual(['INVALID_MAC']);

      expect(log.entries.filter((e) => e.level === 'error' || e.level === 'fatal')).toEqual([]);
      expect(log.entries.filter((e) => STACK_LINE.test(e.text))).toEqual([]);
      expect(log.mentioning('NOT_ELIGIBLE')).toEqual([
        {
          level: 'log',
          text: expect.stringMatching(
            /requestPersonalNumber refused: NOT_ELIGIBLE: Personnel class EXTN\/CONT/,
          ),
        },
      ]);
      expect(log.mentioning('INVALID_MAC')).toEqual([
        { level: 'log', text: expect.stringMatching(/registerPhone refused: INVALID_MAC/) },
      ]);
    });
  });
});
