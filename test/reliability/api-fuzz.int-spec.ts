import fc from 'fast-check';
import { Not } from 'typeorm';
import { RequestErrorCode } from '../../apps/api/src/errors/request-errors';
import { DomainErrorCode } from '../../libs/domain/domain-error';
import {
  AuditEntryEntity,
  IpPhoneEntity,
  PhoneNumberEntity,
  RequestEntity,
  ResourceLockEntity,
} from '../../libs/persistence/entities';
import type { GraphqlResponse } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { GQL } from '../support/number-api';
import { PHONE_GQL, colon } from '../support/phone-api';
import { randomMac } from '../support/phone-fixtures';
import { reliabilityScale } from './support/reliability-scale';
import { report } from './support/report';
import { seedPublishedPersonalNumber, seedPublishedSharedNumber } from './support/request-mix';
import { reliabilitySeed } from './support/seeded-random';

const CANCEL = `mutation($id: ID!, $reason: String!) { cancelRequest(id: $id, reason: $reason) { id } }`;
const MIGRATE = `mutation($as: MigrationTarget!, $number: String!, $description: String, $managers: [String!]) {
  migrateLegacyNumber(as: $as, number: $number, description: $description, managers: $managers) { id } }`;

/** Codes a refusal may carry: the domain's, and GraphQL's own for a malformed request. */
const CLEAR_CODES = new Set<string>([
  ...Object.values(DomainErrorCode),
  // Refusals of the HTTP request itself (an oversized body, say), each with its own code since the
  // GraphQL edge was hardened; they too must change nothing.
  ...Object.values(RequestErrorCode),
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
]);

/** Everything a refused request could have changed, in one comparable string. */
async function databaseState(api: ApiWorld): Promise<Record<string, unknown>> {
  const ds = api.world.dataSource;
  // A digest of every number row, whole (the pools hold thousands of rows: hashed where they are).
  const [{ digest }] = await ds.query<Array<{ digest: string }>>(
    `SELECT md5(string_agg(n::text, ',' ORDER BY n.number)) AS digest FROM ${ds.getMetadata(PhoneNumberEntity).tableName} n`,
  );
  return {
    numbers: digest,
    requests: await ds.getRepository(RequestEntity).count(),
    locks: await ds.getRepository(ResourceLockEntity).count(),
    phones: await ds.getRepository(IpPhoneEntity).count(),
    // Refusals are audited on purpose (who tried what): only other audit entries count as a change.
    audit: await ds.getRepository(AuditEntryEntity).count({ where: { result: Not('REFUSED') } }),
    effects: await api.world.sandbox.lastEffectId(),
  };
}

/**
 * Fuzzing the GraphQL API over HTTP: random and hostile inputs to every mutation a person can send
 * (numbers, MACs, descriptions, logins with LDAP filter characters, oversized strings, any unicode).
 * Every response is data or a clear refusal (a known code, a message; never INTERNAL, never a 500),
 * and a refused request changes nothing in the database. No worker runs, so an accepted request
 * changes only its own rows and the next case starts from a known state.
 */
describe('reliability: fuzzing the GraphQL mutations (fast-check, API over HTTP)', () => {
  const runs = reliabilityScale.fuzzApiRuns;
  const seed = reliabilitySeed();
  let api: ApiWorld;
  let owner: string;
  let other: string;
  let numbers: string[];

  beforeAll(async () => {
    report(`api fuzz: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${runs} cases`);
    api = await ApiWorld.start();
    owner = (await seedPerson(api.world.sandbox)).login;
    other = (await seedPerson(api.world.sandbox)).login;
    numbers = [
      await seedPublishedPersonalNumber(api.world, owner),
      await seedPublishedSharedNumber(api.world, owner, 'Lab 1 bench'),
      await seedPublishedSharedNumber(api.world, other, 'Lab 2 bench'),
    ];
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it(`answers ${reliabilityScale.fuzzApiRuns} random mutations with data or a clear refusal, and refusals change nothing`, async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'*()\\\u0000/,=+<>#;"\' -._:'.split('')), maxLength: 30 }),
      fc.constantFrom('*', '*)(uid=*', 'admin)(|(uid=*))', '\\2a', '', ' ', '\u202e', '😀', 'x'.repeat(5000)),
      fc.integer({ min: 200, max: 200_000 }).map((n) => 'a'.repeat(n)),
    );
    const number = fc.oneof(fc.constantFrom(...numbers), fc.stringMatching(/^\d{5}$/), hostile);
    const login = fc.oneof(fc.constantFrom(owner, other, 'nobody'), hostile);
    const mac = fc.oneof(
      fc.constant(null).map(() => randomMac()),
      fc.constant(null).map(() => colon(randomMac()).toUpperCase()),
      fc.constantFrom('00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01'),
      hostile,
    );
    const text = fc.oneof(fc.constantFrom('Lab 3 bench', 'Salle 40-S2-C01'), hostile);
    // Each case: a GraphQL document and variables of the right GraphQL types, values anything.
    const mutation = fc.oneof(
      fc.record({
        doc: fc.constant(GQL.requestSharedNumber),
        vars: fc.record({ description: text, managers: fc.array(login, { maxLength: 4 }) }),
      }),
      fc.record({ doc: fc.constant(GQL.changeDescription), vars: fc.record({ number, description: text }) }),
      fc.record({
        doc: fc.constant(GQL.setPhonebookListing),
        vars: fc.record({ number, listed: fc.boolean() }),
      }),
      fc.record({
        doc: fc.constant(GQL.turnToShared),
        vars: fc.record({ number, description: text, managers: fc.array(login, { maxLength: 4 }) }),
      }),
      fc.record({
        doc: fc.constant(GQL.setManagers),
        vars: fc.record({ number, members: fc.array(login, { maxLength: 6 }) }),
      }),
      fc.record({ doc: fc.constant(GQL.proposeOwner), vars: fc.record({ number, newOwner: login }) }),
      fc.record({ doc: fc.constant(GQL.deleteNumber), vars: fc.record({ number }) }),
      fc.record({
        doc: fc.constant(PHONE_GQL.registerPhone),
        vars: fc.record({
          modelId: fc.oneof(fc.constantFrom('polycom-vvx-450', 'cisco-7940', 'polycom-d60'), hostile),
          number,
          mac,
          office: text,
        }),
      }),
      fc.record({ doc: fc.constant(PHONE_GQL.unregisterPhone), vars: fc.record({ mac }) }),
      fc.record({
        doc: fc.constant(PHONE_GQL.pairD60),
        vars: fc.record({ hostMac: mac, baseMac: mac, handsets: fc.array(number, { maxLength: 7 }) }),
      }),
      fc.record({
        doc: fc.constant(CANCEL),
        vars: fc.record({ id: fc.oneof(fc.uuid(), hostile), reason: text }),
      }),
      fc.record({
        doc: fc.constant(MIGRATE),
        vars: fc.record({
          as: fc.constantFrom('PERSONAL', 'SHARED', 'BOTH', ''),
          number,
          description: text,
          managers: fc.array(login, { maxLength: 3 }),
        }),
      }),
      fc.record({ doc: fc.constant(GQL.requestPersonalNumber), vars: fc.constant({}) }),
    );
    // Who asks: the owner mostly, sometimes someone else or a forged header (printable ASCII only:
    // HTTP headers cannot carry more).
    const user = fc.oneof(
      { weight: 6, arbitrary: fc.constant(owner) },
      { weight: 1, arbitrary: fc.constant(other) },
      {
        weight: 1,
        arbitrary: fc.string({
          unit: fc.constantFrom(...'abc*()\\=,;#+<> '.split('')),
          minLength: 1,
          maxLength: 20,
        }),
      },
    );

    const tally = { accepted: 0, refused: new Map<string, number>(), slowest: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(mutation, user, async ({ doc, vars }, asUser) => {
        const before = await databaseState(api);
        const sentAt = Date.now();
        const response: GraphqlResponse<Record<string, unknown>> = await api.graphql(doc, {
          user: asUser.trim() || owner,
          variables: vars,
        });
        const name = /\{\s*(\w+)/.exec(doc)![1];
        tally.slowest.set(name, Math.max(tally.slowest.get(name) ?? 0, Date.now() - sentAt));
        expect(response.status).toBeLessThan(500);
        // The HTTP layer refuses a body over its limit before GraphQL sees it: a 413 with a message.
        const tooLarge =
          response.status === 413 && /too large/.test((response as { message?: string }).message ?? '');
        if (tooLarge) {
          tally.refused.set('HTTP 413', (tally.refused.get('HTTP 413') ?? 0) + 1);
          expect(await databaseState(api)).toEqual(before);
          return;
        }
        if (!response.errors) {
          if (!response.data)
            throw new Error(`neither data nor errors: ${JSON.stringify(response).slice(0, 500)}`);
          expect(Object.values(response.data)[0]).toBeTruthy();
          tally.accepted += 1;
          return;
        }
        const [error] = response.errors;
        const code = error.extensions?.code ?? '(none)';
        if (!CLEAR_CODES.has(code) || error.message.length < 10) {
          throw new Error(`unclear refusal ${code}: ${error.message}`);
        }
        tally.refused.set(code, (tally.refused.get(code) ?? 0) + 1);
        expect(await databaseState(api)).toEqual(before);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    report(
      `api fuzz: seed ${seed}, ${runs} cases: ${tally.accepted} accepted, refused ${JSON.stringify(Object.fromEntries(tally.refused))}; slowest answer (ms) ${JSON.stringify(Object.fromEntries(tally.slowest))}`,
    );
  }, 3_600_000);
});
