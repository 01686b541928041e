import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The portal's GraphQL types, generated from the API's schema (schema.gql) and the portal's documents
 * (apps/portal/src/api/operations.ts) by `npm run codegen`. `npm test` fails while the committed output
 * differs from what this would write (scripts/codegen/check-generated.js).
 */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/portal/src/api/operations.ts'],
  generates: {
    'apps/portal/src/api/generated/': {
      preset: 'client',
      presetConfig: {
        // `graphql` is the portal's own function that sends a document (api/client.ts).
        gqlTagName: 'gql',
        // Pages read a fragment's fields straight from the answer.
        fragmentMasking: false,
      },
      config: {
        // Documents as strings: the portal posts them with fetch, no GraphQL client library.
        documentMode: 'string',
        enumsAsTypes: true,
        onlyOperationTypes: true,
        skipTypename: true,
        // Answers carry every field they ask for (null when empty); unused variables may be left out.
        avoidOptionals: { field: true },
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
