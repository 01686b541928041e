import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { IdentityService } from './auth/identity.service';
import { formatGraphqlError } from './errors/format-graphql-error';
import { QUERY_LIMITS, queryLimitRules } from './limits/query-limits';

/** Code-first GraphQL: the schema is generated from the resolvers (and committed as schema.gql by a test). */
export function graphqlOptions(identity: IdentityService): ApolloDriverConfig {
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphqlError,
    // Depth, aliases, cost and mutations per document (apps/api/src/limits, docs/api.md); the token
    // limit stops an oversized document while it is parsed, before validation spends time on it.
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
    validationRules: queryLimitRules(),
    context: async ({ req }: { req: Request }) => ({ req, ...(await identity.authenticate(req)) }),
  };
}
