import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { isDomainError } from '../../../../libs/domain/domain-error';
import { categoryOf } from './domain-error.mapper';

const logger = new Logger('graphql');

/** Errors GraphQL itself raises about the request document; their messages are safe and useful. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
]);

function originalOf(error: unknown): unknown {
  let current = error;
  while (
    typeof current === 'object' &&
    current !== null &&
    'originalError' in current &&
    current.originalError
  ) {
    current = current.originalError;
  }
  return current;
}

/**
 * Turns every error into something a client may see: domain errors keep their code and message,
 * GraphQL's own request errors keep theirs, and anything else becomes an opaque internal error with
 * a reference that is logged (with its stack) on the server only.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  if (isDomainError(original)) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, category: categoryOf(original.code) },
    };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code && REQUEST_ERROR_CODES.has(code)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, category: 'BAD_REQUEST' },
    };
  }
  const reference = randomUUID();
  logger.error(
    `internal error ${reference}: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`,
  );
  return {
    message: `Something went wrong on our side. Try again in a moment; if it keeps happening, contact the service desk and quote reference ${reference}.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL', category: 'UNAVAILABLE', reference },
  };
}
