import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { QUERY_LIMITS, queryLimitRules, type QueryLimits } from './query-limits';

const root = join(__dirname, '..', '..', '..', '..');
const schema = buildSchema(readFileSync(join(root, 'schema.gql'), 'utf8'));

function check(document: string, limits: QueryLimits = QUERY_LIMITS): readonly GraphQLError[] {
  return validate(schema, parse(document), [...specifiedRules, ...queryLimitRules(limits)]);
}
const codes = (errors: readonly GraphQLError[]) => errors.map((e) => e.extensions.code);

/** Every document the portal sends, as codegen wrote them (with their fragments appended). */
function portalDocuments(): string[] {
  const folder = join(root, 'apps/portal/src/api/generated');
  const generated = readdirSync(folder)
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n');
  return [...generated.matchAll(/new TypedDocumentString\(`([\s\S]*?)`/g)]
    .map((m) => m[1])
    .filter((document) => /^\s*(query|mutation)\b/.test(document));
}

const STEPS = 'steps { id system action status attempts lastError note startedAt finishedAt undo }';
const aliased = (n: number, field = `myRequests { id ${STEPS} }`) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('query limits', () => {
  it('lets every document of the portal through', () => {
    const documents = portalDocuments();
    expect(documents.length).toBeGreaterThan(20);
    for (const document of documents) expect([document, check(document)]).toEqual([document, []]);
  });

  it('stops parsing the 1,000-alias request that once stalled the API, at the token limit', () => {
    const document = aliased(1000);
    expect(() => parse(document, { maxTokens: QUERY_LIMITS.tokens })).toThrow(
      'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
    );
    for (const portal of portalDocuments())
      expect(() => parse(portal, { maxTokens: QUERY_LIMITS.tokens })).not.toThrow();
  });

  it('refuses a request with many aliases, naming the limit', () => {
    const errors = check(aliased(40));
    expect(codes(errors)).toContain('TOO_MANY_ALIASES');
    expect(errors.find((e) => e.extensions.code === 'TOO_MANY_ALIASES')?.message).toBe(
      'Aliases limit of 15 exceeded, found 40. Each alias runs its field again: use fewer, or send several requests.',
    );
  });

  it('allows as many aliases as the limit and no more', () => {
    expect(check(aliased(QUERY_LIMITS.aliases, 'me { login }'))).toEqual([]);
    expect(codes(check(aliased(QUERY_LIMITS.aliases + 1, 'me { login }')))).toEqual(['TOO_MANY_ALIASES']);
  });

  it('refuses a query nested deeper than the limit', () => {
    const document = `{ myRequests { ${STEPS} } }`;
    expect(check(document, { ...QUERY_LIMITS, depth: 3 })).toEqual([]);
    const errors = check(document, { ...QUERY_LIMITS, depth: 2 });
    expect(codes(errors)).toEqual(['QUERY_TOO_DEEP']);
    expect(errors[0].message).toMatch(
      /^Query depth limit of 2 exceeded, found 3\. Ask for fewer nested fields/,
    );
  });

  it('refuses a query whose estimated cost is over the limit', () => {
    const document = aliased(QUERY_LIMITS.aliases);
    expect(check(document)).toEqual([]);
    const errors = check(document, { ...QUERY_LIMITS, cost: 100 });
    expect(codes(errors)).toEqual(['QUERY_TOO_COSTLY']);
    expect(errors[0].message).toMatch(/^Query Cost limit of 100 exceeded, found \d+\. Ask for fewer fields/);
  });

  it('counts the mutations of a document, in fragments too', () => {
    const mutations = (n: number) =>
      `mutation { ${Array.from({ length: n }, (_, i) => `m${i}: requestPersonalNumber { id }`).join(' ')} }`;
    expect(check(mutations(QUERY_LIMITS.mutations))).toEqual([]);
    const errors = check(mutations(QUERY_LIMITS.mutations + 1));
    expect(codes(errors)).toEqual(['TOO_MANY_MUTATIONS']);
    expect(errors[0].message).toBe(
      'Mutations limit of 5 per request exceeded, found 6. Send the others in further requests.',
    );
    const viaFragment = `mutation { ...Two ... on Mutation { a: requestPersonalNumber { id } } }
      fragment Two on Mutation { b: requestPersonalNumber { id } c: requestPersonalNumber { id } }`;
    expect(codes(check(viaFragment, { ...QUERY_LIMITS, mutations: 2 }))).toEqual(['TOO_MANY_MUTATIONS']);
  });
});
