import { landbError } from './landb-errors';

const fault = (faultstring: string) =>
  Object.assign(new Error('soap fault'), {
    response: { status: 500 },
    root: { Envelope: { Body: { Fault: { faultcode: 'soap:Server', faultstring } } } },
  });

describe('landbError', () => {
  it.each([
    'Database temporarily unavailable (ORA-03113: end-of-file on communication channel), please retry later',
    'ORA-12541: TNS:no listener',
    'Service busy',
    'Operation timed out',
    // Still refused after the driver renewed its token once: park, as for bad credentials.
    'Invalid or expired authentication token',
  ])('retries the fault %p', (text) => {
    expect(landbError(fault(text), 'x').transient).toBe(true);
  });

  it.each([
    'Device TELEPHONE-65001 already exists',
    'Validation error: Device.Location is required',
    'Hardware address 00-04-F2-AB-CD-EF is already registered on device TELEPHONE-65002',
  ])('does not retry the fault %p', (text) => {
    const error = landbError(fault(text), 'registering TELEPHONE-65001');
    expect(error.transient).toBe(false);
    expect(error.message).toBe(`LanDB, registering TELEPHONE-65001: ${text}`);
  });

  it('retries HTTP 5xx without an envelope, timeouts and refused connections; not HTTP 404', () => {
    expect(landbError(Object.assign(new Error('x'), { response: { status: 502 } }), 'x').transient).toBe(
      true,
    );
    expect(
      landbError(Object.assign(new Error('timeout of 10ms exceeded'), { code: 'ECONNABORTED' }), 'x')
        .transient,
    ).toBe(true);
    expect(landbError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'x').message).toMatch(
      /ECONNREFUSED/,
    );
    expect(landbError(Object.assign(new Error('x'), { response: { status: 404 } }), 'x').transient).toBe(
      false,
    );
  });
});
