import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { IdentityService } from './auth/identity.service';
import { formatGraphqlError } from './errors/format-graphql-error';

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
    context: async ({ req }: { req: Request }) => ({ req, ...(await identity.authenticate(req)) }),
  };
}
