import { Logger } from '@nestjs/common';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { describeBodyError } from './request-errors';

const logger = new Logger('graphql');

/**
 * Answers a body the parser refused (too large, not JSON …) the way GraphQL answers any error, with
 * a code and what to send instead, instead of Express's own page. Other errors go on.
 */
export function bodyErrorHandler(limitBytes: number): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    const type =
      typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : undefined;
    const answer = describeBodyError(type, limitBytes);
    if (!answer || response.headersSent) {
      next(error);
      return;
    }
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 400;
    // A client's mistake: once, at warn, with the code and no stack.
    logger.warn(`refused a request: ${answer.code} (HTTP ${status})`);
    response.status(status).json({
      errors: [{ message: answer.message, extensions: { code: answer.code, category: 'BAD_REQUEST' } }],
    });
  };
}

/**
 * Express 5 leaves `req.body` unset when no parser took the body (text/plain, a form, no
 * content-type). Apollo's integration would answer that with a 500; an empty body lets Apollo
 * give its own answer (the CSRF refusal, or "no query").
 */
export const emptyBodyWhenUnparsed: RequestHandler = (request, _response, next) => {
  if (request.method === 'POST' && request.body === undefined) request.body = {};
  next();
};
