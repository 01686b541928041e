import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../../../libs/domain/domain-error';
import { formatGraphqlError } from './format-graphql-error';

describe('formatGraphqlError on request errors, limits and faults', () => {
  const logged: Array<[string, string]> = [];
  beforeAll(() => {
    Logger.overrideLogger({
      log: (m: string) => logged.push(['log', m]),
      warn: (m: string) => logged.push(['warn', m]),
      error: (m: string) => logged.push(['error', m]),
    });
  });
  afterAll(() => {
    Logger.overrideLogger(true);
  });
  beforeEach(() => {
    logged.length = 0;
  });

  const located = (original: Error) => new GraphQLError(original.message, { originalError: original });

  it('answers a domain refusal with its code and logs nothing more', () => {
    const refusal = new DomainError('NOT_ELIGIBLE', 'Personnel class EXTN/CONT is not authorised.');
    expect(formatGraphqlError({ message: refusal.message, path: ['x'] }, located(refusal))).toEqual({
      message: refusal.message,
      path: ['x'],
      extensions: { code: 'NOT_ELIGIBLE', category: 'FORBIDDEN' },
    });
    expect(logged).toEqual([]);
  });

  it('gives an Apollo request error its own code, a message that says what to send, and a warning', () => {
    const apollo = new GraphQLError('Operation batching disabled.', { extensions: { code: 'BAD_REQUEST' } });
    const answer = formatGraphqlError(
      { message: apollo.message, extensions: { code: 'BAD_REQUEST' } },
      apollo,
    );
    expect(answer.extensions).toEqual({ code: 'BATCH_NOT_SUPPORTED', category: 'BAD_REQUEST' });
    expect(answer.message).toMatch(/one operation per request/);
    expect(logged).toEqual([['warn', 'refused a request: BATCH_NOT_SUPPORTED']]);
  });

  it('keeps an unknown Apollo request error readable under INVALID_REQUEST', () => {
    const apollo = new GraphQLError('Something new.', { extensions: { code: 'BAD_REQUEST' } });
    const answer = formatGraphqlError(
      { message: apollo.message, extensions: { code: 'BAD_REQUEST' } },
      apollo,
    );
    expect(answer).toMatchObject({ message: 'Something new.', extensions: { code: 'INVALID_REQUEST' } });
  });

  it('reports a query limit under its own code, not GRAPHQL_VALIDATION_FAILED', () => {
    const limit = new GraphQLError('Aliases limit of 15 exceeded, found 16.', {
      extensions: { code: 'TOO_MANY_ALIASES' },
    });
    const wrapped = new GraphQLError(limit.message, {
      originalError: limit,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(
      formatGraphqlError(
        { message: limit.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        wrapped,
      ).extensions,
    ).toEqual({ code: 'TOO_MANY_ALIASES', category: 'BAD_REQUEST' });
  });

  it('hides a real fault behind INTERNAL and logs it at error with its stack', () => {
    const fault = new TypeError("Cannot read properties of undefined (reading 'number')");
    const answer = formatGraphqlError({ message: fault.message }, located(fault));
    expect(answer.extensions).toMatchObject({ code: 'INTERNAL', reference: expect.any(String) });
    expect(answer.message).not.toMatch(/properties/);
    expect(logged).toEqual([
      ['error', expect.stringMatching(/internal error .*TypeError: Cannot read[\s\S]*\n\s+at /)],
    ]);
  });
});
