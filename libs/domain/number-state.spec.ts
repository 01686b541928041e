import { DomainError } from './domain-error';
import { assertTransition, canTransition, isOwnedState, NumberState } from './number-state';

const all = Object.values(NumberState);

describe('the number state machine', () => {
  const legal: Array<[NumberState, NumberState]> = [
    ['AVAILABLE', 'PROVISIONING'],
    ['PROVISIONING', 'ACTIVE'],
    ['PROVISIONING', 'AVAILABLE'],
    ['PROVISIONING', 'NEEDS_ATTENTION'],
    ['LEGACY', 'MIGRATING'],
    ['MIGRATING', 'ACTIVE'],
    ['MIGRATING', 'LEGACY'],
    ['MIGRATING', 'NEEDS_ATTENTION'],
    ['ACTIVE', 'DEACTIVATED'],
    ['ACTIVE', 'QUARANTINED'],
    ['DEACTIVATED', 'ACTIVE'],
    ['DEACTIVATED', 'QUARANTINED'],
    ['QUARANTINED', 'AVAILABLE'],
    ['NEEDS_ATTENTION', 'AVAILABLE'],
    ['NEEDS_ATTENTION', 'ACTIVE'],
    ['NEEDS_ATTENTION', 'LEGACY'],
  ];

  it('allows exactly the transitions of docs/domain.md §3.1', () => {
    for (const from of all) {
      for (const to of all) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('explains an illegal transition', () => {
    expect(() => assertTransition('70001', 'AVAILABLE', 'ACTIVE')).toThrow(DomainError);
    expect(() => assertTransition('70001', 'AVAILABLE', 'ACTIVE')).toThrow(
      /70001 is AVAILABLE and cannot become ACTIVE/,
    );
  });

  it('counts a number as owned from provisioning until it is quarantined', () => {
    expect(all.filter(isOwnedState).sort()).toEqual(
      ['ACTIVE', 'DEACTIVATED', 'MIGRATING', 'NEEDS_ATTENTION', 'PROVISIONING'].sort(),
    );
  });
});
