import { decideEligibility, DEFAULT_ELIGIBILITY_POLICY } from './eligibility';

const today = new Date('2026-11-22T10:00:00Z');
const person = (personnelClass: string, extra: { personnelSubCode?: string; contractEnd?: Date } = {}) => ({
  login: 'someone',
  personnelClass,
  ...extra,
});

describe('decideEligibility', () => {
  it.each(['STAF', 'FELL', 'USER', 'ASSOC', 'COAS'])('authorises personnel class %s', (personnelClass) => {
    expect(decideEligibility(person(personnelClass), today)).toEqual({ eligible: true });
  });

  it.each(DEFAULT_ELIGIBILITY_POLICY.unauthorisedClasses)('refuses personnel class %s', (personnelClass) => {
    const decision = decideEligibility(person(personnelClass), today);
    expect(decision.eligible).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringContaining(personnelClass) });
  });

  it('authorises EXTN with sub-code RETC only', () => {
    expect(decideEligibility(person('EXTN', { personnelSubCode: 'RETC' }), today).eligible).toBe(true);
    expect(decideEligibility(person('EXTN', { personnelSubCode: 'OTHR' }), today).eligible).toBe(false);
  });

  it('compares classes and sub-codes without regard to case or padding', () => {
    expect(decideEligibility(person(' extn ', { personnelSubCode: 'retc' }), today).eligible).toBe(true);
    expect(decideEligibility(person('stag'), today).eligible).toBe(false);
  });

  it('still authorises on the last working day and refuses the day after', () => {
    const lastDay = new Date('2026-11-22T00:00:00Z');
    expect(decideEligibility(person('STAF', { contractEnd: lastDay }), today).eligible).toBe(true);
    const ended = decideEligibility(person('STAF', { contractEnd: new Date('2026-11-21T00:00:00Z') }), today);
    expect(ended).toEqual({ eligible: false, reason: expect.stringContaining('2026-11-21') });
  });

  it('follows a configured policy', () => {
    const policy = { unauthorisedClasses: ['STAF'], authorisedSubCodes: {} };
    expect(decideEligibility(person('STAF'), today, policy).eligible).toBe(false);
    expect(decideEligibility(person('STAG'), today, policy).eligible).toBe(true);
  });
});
