import { classifyPbxDatabaseError } from './kamailio-errors';
import { sipDigests } from './kamailio-pbx.driver';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('Kamailio database errors', () => {
  it.each(['22001', '23505', '23503'])('gives up at once on SQLSTATE %s (refused data)', (code) => {
    const error = classifyPbxDatabaseError('createSipAccount', pgError(code));
    expect(error).toMatchObject({ transient: false, system: 'pbx' });
    expect(error.message).toContain(`SQLSTATE ${code}`);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '40001', '40P01', '08006', '42P01'])(
    'retries %s',
    (code) => {
      expect(classifyPbxDatabaseError('isRegistered', pgError(code)).transient).toBe(true);
    },
  );

  it('keeps no cause, so query parameters (digests) cannot travel with the error', () => {
    expect(classifyPbxDatabaseError('x', pgError('23505')).cause).toBeUndefined();
  });
});

describe('SIP digests', () => {
  it('computes ha1 and ha1b as Kamailio auth_db checks them (RFC 2617 HA1)', () => {
    // md5("70001:switchboard.test:secret") and md5("70001@switchboard.test:switchboard.test:secret")
    expect(sipDigests('70001', 'switchboard.test', 'secret')).toEqual({
      ha1: '0621c85d93063dae849ab155d6a6c355',
      ha1b: '712865506efb7b2698f1f8ecce4b2a31',
    });
  });
});
