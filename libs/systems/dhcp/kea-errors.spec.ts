import { keaDatabaseError } from './kea-errors';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('keaDatabaseError', () => {
  it.each(['22001', '23505'])('does not retry SQLSTATE %s (data the database refuses)', (code) => {
    const error = keaDatabaseError(pgError(code), 'reserving');
    expect(error.transient).toBe(false);
    expect(error.message).toBe(`Kea host database, reserving: pg ${code} (SQLSTATE ${code})`);
  });

  it.each(['08006', '53300', '57P01', '57014', '40P01', '28P01', '3D000', '42P01'])(
    'retries SQLSTATE %s (down, busy, or misconfigured: park rather than compensate)',
    (code) => {
      expect(keaDatabaseError(pgError(code), 'x').transient).toBe(true);
    },
  );

  it('retries network errors and pool timeouts', () => {
    expect(
      keaDatabaseError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'x').transient,
    ).toBe(true);
    expect(keaDatabaseError(new Error('timeout exceeded when trying to connect'), 'x').transient).toBe(true);
  });
});
