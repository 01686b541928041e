import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDomainError } from '../../../../libs/domain/domain-error';
import { isSystemError } from '../../../../libs/systems/system-error';
import { isQueryLimitCode } from '../limits/query-limits';
import { categoryOf } from './domain-error.mapper';
import { describeApolloRequestError, describeParseLimit } from './request-errors';

const logger = new Logger('graphql');

/** Errors GraphQL itself raises about the request document; their messages are safe and useful. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
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

/** A request-level refusal: the client's mistake, so logged once at warn, with no stack. */
function refusedRequest(
  code: string,
  message: string,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError {
  logger.warn(`refused a request: ${code}`);
  return {
    message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code, category: 'BAD_REQUEST' },
  };
}

/**
 * Turns every error into something a client may see: domain errors keep their code and message,
 * errors about the request (its HTTP form, its document, the query limits) get a code of their own
 * and say what to fix, a downstream system's failure names the system (SYSTEM_UNAVAILABLE), and
 * anything else becomes an opaque internal error with a reference that is logged (with its stack)
 * on the server only.
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
  // Our validation rules report the limit's own code; Apollo files them under GRAPHQL_VALIDATION_FAILED.
  if (original instanceof GraphQLError && isQueryLimitCode(original.extensions.code)) {
    return refusedRequest(original.extensions.code, original.message, formatted);
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code === 'BAD_REQUEST') {
    const answer = describeApolloRequestError(formatted.message);
    return refusedRequest(answer.code, answer.message, formatted);
  }
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const answer = describeParseLimit(formatted.message);
    if (answer) return refusedRequest(answer.code, answer.message, formatted);
  }
  if (code && REQUEST_ERROR_CODES.has(code)) return refusedRequest(code, formatted.message, formatted);
  const reference = randomUUID();
  if (isSystemError(original)) {
    // A system the API consults while checking a request (the directory, the inventory...) failed:
    // not our bug and not the person's mistake. Say which system and that nothing was changed; the
    // driver's own words stay in the log, with the reference.
    logger.warn(`system ${original.system} failed, reference ${reference}: ${original.message}`);
    return {
      message: original.transient
        ? `The ${original.system} system did not answer, so nothing was changed. Try again in a moment; if it keeps happening, contact the service desk and quote reference ${reference}.`
        : `The ${original.system} system refused the check, so nothing was changed. Contact the service desk and quote reference ${reference}.`,
      path: formatted.path,
      extensions: { code: 'SYSTEM_UNAVAILABLE', category: 'UNAVAILABLE', system: original.system, reference },
    };
  }
  logger.error(
    `internal error ${reference}: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`,
  );
  return {
    message: `Something went wrong on our side. Try again in a moment; if it keeps happening, contact the service desk and quote reference ${reference}.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL', category: 'UNAVAILABLE', reference },
  };
}
