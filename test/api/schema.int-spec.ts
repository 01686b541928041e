import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { ApiWorld } from '../support/api-world';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.gql');

describe('the committed GraphQL schema', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('matches what the resolvers generate (run `npm run schema:update` after changing them)', () => {
    const generated = `${printSchema(api.api.get(GraphQLSchemaHost).schema)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });
});
