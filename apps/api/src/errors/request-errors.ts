/**
 * Errors about the HTTP request itself, raised before any operation runs: by Apollo Server (all
 * with its code BAD_REQUEST) or by the body parser. Each gets a code of its own and a message that
 * says what to send instead. docs/api.md lists them.
 */
export const RequestErrorCode = {
  BATCH_NOT_SUPPORTED: 'BATCH_NOT_SUPPORTED',
  INVALID_REQUEST: 'INVALID_REQUEST',
  MUTATION_REQUIRES_POST: 'MUTATION_REQUIRES_POST',
  CSRF_PREVENTED: 'CSRF_PREVENTED',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  INVALID_JSON: 'INVALID_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_ENCODING: 'UNSUPPORTED_ENCODING',
  QUERY_TOO_LONG: 'QUERY_TOO_LONG',
} as const;
export type RequestErrorCode = (typeof RequestErrorCode)[keyof typeof RequestErrorCode];

export interface RequestErrorAnswer {
  code: RequestErrorCode;
  message: string;
}

const JSON_BODY = 'a JSON object such as {"query": "{ me { login } }"} with content-type: application/json';

// Apollo Server's messages (runHttpQuery.ts, httpBatching.ts, preventCsrf.ts, requestPipeline.ts),
// first match wins. A message not listed keeps Apollo's wording under INVALID_REQUEST.
const APOLLO_MESSAGES: ReadonlyArray<[RegExp, RequestErrorCode, string]> = [
  [
    /^Operation batching disabled/,
    RequestErrorCode.BATCH_NOT_SUPPORTED,
    'Send one operation per request: this API does not take a JSON array of operations (batching).',
  ],
  [
    /^No operations found in request/,
    RequestErrorCode.INVALID_REQUEST,
    `The request is empty: send ${JSON_BODY}.`,
  ],
  [
    /^GraphQL queries must be strings/,
    RequestErrorCode.INVALID_REQUEST,
    `"query" must be a string holding a GraphQL document: send ${JSON_BODY}.`,
  ],
  [/^POST body missing/, RequestErrorCode.INVALID_REQUEST, `The request has no body: send ${JSON_BODY}.`],
  [
    /^GraphQL operations must contain a non-empty `query`/,
    RequestErrorCode.INVALID_REQUEST,
    `The request has no query: send ${JSON_BODY}.`,
  ],
  [
    /^`variables` in a POST body/,
    RequestErrorCode.INVALID_REQUEST,
    '"variables" must be a JSON object of names and values, such as {"mac": "00:04:f2:a1:b2:c3"}, or left out.',
  ],
  [
    /^`extensions` in a POST body/,
    RequestErrorCode.INVALID_REQUEST,
    '"extensions" must be a JSON object, or left out.',
  ],
  [
    /^`operationName` in a POST body/,
    RequestErrorCode.INVALID_REQUEST,
    '"operationName" must be a string naming an operation of the document, or left out.',
  ],
  [
    /^GET requests only support query operations/,
    RequestErrorCode.MUTATION_REQUIRES_POST,
    'A mutation must be sent with POST: send the same document as a POST with content-type: application/json.',
  ],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    RequestErrorCode.CSRF_PREVENTED,
    'Refused as a possible cross-site request: a POST must have content-type: application/json (not text/plain or a form), or the header apollo-require-preflight: true.',
  ],
  [
    /^Apollo Server supports only GET\/POST/,
    RequestErrorCode.METHOD_NOT_ALLOWED,
    'Use POST (or GET, for a query) on /graphql.',
  ],
];

/** Our answer to a BAD_REQUEST raised by Apollo Server. */
export function describeApolloRequestError(message: string): RequestErrorAnswer {
  for (const [pattern, code, answer] of APOLLO_MESSAGES)
    if (pattern.test(message)) return { code, message: answer };
  return { code: RequestErrorCode.INVALID_REQUEST, message };
}

/** graphql-js stops parsing at `maxTokens` (QUERY_LIMITS.tokens) with this message. */
export function describeParseLimit(message: string): RequestErrorAnswer | undefined {
  const limit = /more tha[nt] (\d+) tokens/.exec(message)?.[1];
  if (!limit) return undefined;
  return {
    code: RequestErrorCode.QUERY_TOO_LONG,
    message: `The document has more than ${limit} tokens (names, punctuation and values), the limit for one request. Ask for fewer fields, or split it.`,
  };
}

/** The body parser's error types (body-parser's `type`), for bodies refused before Apollo sees them. */
export function describeBodyError(
  type: string | undefined,
  limitBytes: number,
): RequestErrorAnswer | undefined {
  switch (type) {
    case 'entity.too.large':
      return {
        code: RequestErrorCode.PAYLOAD_TOO_LARGE,
        message: `The request body is over ${Math.round(limitBytes / 1024)} KB, the limit. Ask for fewer fields, or split the request.`,
      };
    case 'entity.parse.failed':
      return {
        code: RequestErrorCode.INVALID_JSON,
        message: `The request body is not valid JSON: send ${JSON_BODY}.`,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        code: RequestErrorCode.UNSUPPORTED_ENCODING,
        message: 'Send the body as UTF-8 JSON, without a content-encoding other than gzip, deflate or br.',
      };
    case 'request.aborted':
    case 'request.size.invalid':
      return {
        code: RequestErrorCode.INVALID_REQUEST,
        message: 'The request body ended before its announced length: send it again whole.',
      };
    default:
      return undefined;
  }
}
