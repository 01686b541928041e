import { GraphQLError } from 'graphql';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { systemRejected, systemUnavailable } from '../../../../libs/systems/system-error';
import { formatGraphqlError } from './format-graphql-error';

/** What the client sees for an error thrown by a resolver. */
function seen(original: Error) {
  const error = new GraphQLError(original.message, { originalError: original, path: ['me'] });
  return formatGraphqlError(error.toJSON(), error);
}

describe('formatGraphqlError', () => {
  it('keeps a domain error code and message', () => {
    expect(seen(new DomainError(DomainErrorCode.NOT_OWNER, 'not yours'))).toEqual({
      message: 'not yours',
      path: ['me'],
      extensions: { code: 'NOT_OWNER', category: 'FORBIDDEN' },
    });
  });

  it("names the system that did not answer, never INTERNAL, and keeps the driver's words out", () => {
    const answer = seen(systemUnavailable('directory', 'ldap://10.0.0.1: connect ECONNREFUSED'));
    expect(answer.extensions).toEqual({
      code: 'SYSTEM_UNAVAILABLE',
      category: 'UNAVAILABLE',
      system: 'directory',
      reference: expect.any(String),
    });
    expect(answer.message).toMatch(
      /^The directory system did not answer, so nothing was changed\. Try again/,
    );
    expect(answer.message).toContain(String(answer.extensions!.reference));
    expect(answer.message).not.toContain('10.0.0.1');
  });

  it('says a system refused, for a refusal', () => {
    const answer = seen(systemRejected('inventory', 'constraint "x" violated'));
    expect(answer.extensions?.code).toBe('SYSTEM_UNAVAILABLE');
    expect(answer.message).toMatch(/^The inventory system refused the check, so nothing was changed\./);
    expect(answer.message).not.toContain('constraint');
  });

  it('hides anything else behind INTERNAL and a reference', () => {
    const answer = seen(new TypeError('x is undefined'));
    expect(answer.extensions).toEqual({
      code: 'INTERNAL',
      category: 'UNAVAILABLE',
      reference: expect.any(String),
    });
    expect(answer.message).not.toContain('undefined');
  });
});
