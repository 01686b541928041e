import { isTransientFailure } from './classify-failure';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isTransientFailure', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'SQLITE_BUSY', '40P01'])('retries %s', (code) => {
    expect(isTransientFailure(withCode(code))).toBe(true);
  });

  it.each([500, 502, 503, 504, 429, 408])('retries HTTP %i', (status) => {
    expect(isTransientFailure(Object.assign(new Error('http'), { status }))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry HTTP %i', (statusCode) => {
    expect(isTransientFailure(Object.assign(new Error('http'), { statusCode }))).toBe(false);
  });

  it('looks through the cause chain', () => {
    expect(
      isTransientFailure(new Error('wrapped', { cause: Object.assign(new Error(), { status: 404 }) })),
    ).toBe(false);
    expect(isTransientFailure(new Error('wrapped', { cause: withCode('ECONNRESET') }))).toBe(true);
  });

  it('treats an unknown error as transient so that it parks instead of compensating', () => {
    expect(isTransientFailure(new TypeError('boom'))).toBe(true);
  });
});
