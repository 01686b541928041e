import type { CodegenConfig } from '@graphql-codegen/cli';

/** What both outputs below share: how GraphQL's types are written in TypeScript. */
const typesConfig = {
  enumsAsTypes: true,
  // Answers carry every field they ask for (null when empty); unused variables may be left out.
  avoidOptionals: { field: true },
  useTypeImports: true,
  strictScalars: true,
  scalars: { DateTime: 'string' },
  // An optional variable may be left out as well as sent as null.
  inputMaybeValue: 'T | null | undefined',
};

/**
 * The portal's GraphQL types, generated from the API's schema (schema.gql) and the portal's documents
 * (apps/portal/src/api/operations/*.graphql, one file per area) by `npm run codegen`:
 * - generated/schema.ts: the schema's enums, inputs and scalars;
 * - generated/<area>.ts, one per document file: its operations' and fragments' types and typed
 *   documents, importing the schema's types and the fragments they spread.
 * `npm test` runs `npm run codegen:check`, which fails while the committed output differs from this.
 */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/portal/src/api/operations/*.graphql'],
  generates: {
    'apps/portal/src/api/generated/schema.ts': {
      plugins: ['typescript'],
      config: { ...typesConfig, onlyOperationTypes: true },
    },
    'apps/portal/src/api/': {
      preset: 'near-operation-file',
      presetConfig: {
        // operations/desk.graphql → generated/desk.ts
        folder: '../generated',
        extension: '.ts',
        baseTypesPath: 'generated/schema.ts',
      },
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        ...typesConfig,
        // Documents as strings: the portal posts them with fetch, no GraphQL client library.
        documentMode: 'string',
        skipTypename: true,
      },
    },
  },
};

export default config;
