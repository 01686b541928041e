import { decideEligibility, DEFAULT_ELIGIBILITY_POLICY, describePersonnelClass } from './eligibility';

const today = new Date('2026-11-22T10:00:00Z');
const person = (personnelClass: string, extra: { personnelSubCode?: string; contractEnd?: Date } = {}) => ({
  login: 'someone',
  personnelClass,
  ...extra,
});

describe('decideEligibility with the default policy (docs/domain.md §2)', () => {
  // ILOF, SCIE and STAG are EXTN codes, not classes: a class that happens to carry the name is not refused.
  it.each(['STAF', 'FELL', 'USER', 'ASSOC', 'COAS', 'ILOF', 'SCIE', 'STAG', 'HONO'])(
    'authorises personnel class %s',
    (personnelClass) => {
      expect(decideEligibility(person(personnelClass), today)).toEqual({ eligible: true });
    },
  );

  it.each(['EXMP', 'PART', 'RETP', 'RETR'])(
    'refuses personnel class %s, whatever its code',
    (personnelClass) => {
      for (const code of [undefined, 'HONO', 'STAG']) {
        const decision = decideEligibility(person(personnelClass, { personnelSubCode: code }), today);
        expect(decision).toEqual({ eligible: false, reason: expect.stringContaining(personnelClass) });
      }
    },
  );

  it.each(['HONO', 'ILOF', 'SCIE', 'STAG'])('authorises EXTN with the code %s', (code) => {
    expect(decideEligibility(person('EXTN', { personnelSubCode: code }), today)).toEqual({ eligible: true });
  });

  it.each(['RETC', 'CONT', 'VIST', 'XYZ'])('refuses EXTN with the code %s and names it', (code) => {
    const decision = decideEligibility(person('EXTN', { personnelSubCode: code }), today);
    expect(decision).toEqual({
      eligible: false,
      reason: expect.stringContaining(`Personnel class EXTN/${code} is not authorised`),
    });
  });

  it('refuses EXTN without a code, and with an empty one', () => {
    expect(decideEligibility(person('EXTN'), today).eligible).toBe(false);
    expect(decideEligibility(person('EXTN', { personnelSubCode: '  ' }), today)).toEqual({
      eligible: false,
      reason: expect.stringContaining('Personnel class EXTN is not authorised'),
    });
  });

  it('lists exactly the rule book classes and codes', () => {
    expect(DEFAULT_ELIGIBILITY_POLICY).toEqual({
      unauthorisedClasses: ['EXMP', 'PART', 'RETP', 'RETR', 'EXTN'],
      authorisedSubCodes: { EXTN: ['HONO', 'ILOF', 'SCIE', 'STAG'] },
    });
  });

  it('compares classes and codes without regard to case or padding', () => {
    expect(decideEligibility(person(' extn ', { personnelSubCode: 'hono ' }), today).eligible).toBe(true);
    expect(decideEligibility(person('retr'), today).eligible).toBe(false);
    expect(decideEligibility(person('extn', { personnelSubCode: 'retc' }), today).eligible).toBe(false);
  });

  it('still authorises on the last working day and refuses the day after', () => {
    const lastDay = new Date('2026-11-22T00:00:00Z');
    expect(decideEligibility(person('STAF', { contractEnd: lastDay }), today).eligible).toBe(true);
    const ended = decideEligibility(person('STAF', { contractEnd: new Date('2026-11-21T00:00:00Z') }), today);
    expect(ended).toEqual({ eligible: false, reason: expect.stringContaining('2026-11-21') });
  });

  it('refuses an authorised EXTN code whose contract has ended', () => {
    const ended = { personnelSubCode: 'HONO', contractEnd: new Date('2026-01-31T00:00:00Z') };
    expect(decideEligibility(person('EXTN', ended), today)).toEqual({
      eligible: false,
      reason: expect.stringContaining('2026-01-31'),
    });
  });

  it('follows a configured policy', () => {
    const policy = { unauthorisedClasses: ['STAF'], authorisedSubCodes: {} };
    expect(decideEligibility(person('STAF'), today, policy).eligible).toBe(false);
    expect(decideEligibility(person('EXTN'), today, policy).eligible).toBe(true);
  });
});

describe('describePersonnelClass', () => {
  it('shows the class and, when there is one, the code', () => {
    expect(describePersonnelClass({ personnelClass: 'EXTN', personnelSubCode: 'HONO' })).toBe('EXTN/HONO');
    expect(describePersonnelClass({ personnelClass: 'staf', personnelSubCode: null })).toBe('STAF');
    expect(describePersonnelClass({ personnelClass: 'STAF', personnelSubCode: '' })).toBe('STAF');
  });
});
