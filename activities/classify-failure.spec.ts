import { isPermanentDatabaseFailure, isTransientFailure } from './classify-failure';

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

describe('isPermanentDatabaseFailure', () => {
  it.each(['23505', '23502', '23514', '22001', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_TOOBIG'])(
    'does not repeat a write refused with %s',
    (code) => {
      expect(isPermanentDatabaseFailure(withCode(code))).toBe(true);
      expect(isPermanentDatabaseFailure({ message: 'query failed', driverError: { code } })).toBe(true);
    },
  );

  it.each(['40001', '40P01', '57P01', 'SQLITE_BUSY', 'ECONNRESET', '08006'])(
    'repeats one failed with %s',
    (code) => {
      expect(isPermanentDatabaseFailure(withCode(code))).toBe(false);
    },
  );

  it('repeats an error it does not know', () => {
    expect(isPermanentDatabaseFailure(new TypeError('boom'))).toBe(false);
    expect(isPermanentDatabaseFailure(undefined)).toBe(false);
  });
});
