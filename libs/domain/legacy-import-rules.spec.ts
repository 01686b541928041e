import { decideImport, type InventoryNumber } from './legacy-import-rules';
import { parseLegacyInventoryLine } from './legacy-inventory-line';
import { NumberState } from './number-state';

const line = parseLegacyInventoryLine({ number: '72001', service: 'SKYPE', listed_under: 'bwong' });
const stored = (over: Partial<InventoryNumber>): InventoryNumber => ({
  state: null,
  legacy: null,
  lockedBy: null,
  ...over,
});

describe('decideImport', () => {
  it('adds a number the inventory does not have, or has only as a free pool number', () => {
    expect(decideImport(line, stored({}))).toEqual({ outcome: 'ADDED' });
    expect(decideImport(line, stored({ state: NumberState.AVAILABLE }))).toEqual({ outcome: 'ADDED' });
    expect(decideImport(line, stored({ state: NumberState.LEGACY }))).toEqual({ outcome: 'ADDED' });
  });

  it('leaves a legacy number unchanged when the file says the same, and updates it otherwise', () => {
    expect(decideImport(line, stored({ state: NumberState.LEGACY, legacy: line }))).toEqual({
      outcome: 'UNCHANGED',
    });
    const changed = { ...line, listedUnder: ['asmith', 'bwong'] };
    expect(decideImport(changed, stored({ state: NumberState.LEGACY, legacy: line }))).toEqual({
      outcome: 'UPDATED',
    });
  });

  it.each([
    NumberState.MIGRATING,
    NumberState.ACTIVE,
    NumberState.PROVISIONING,
    NumberState.DEACTIVATED,
    NumberState.QUARANTINED,
    NumberState.NEEDS_ATTENTION,
  ])('never overwrites a number that is %s in Switchboard', (state) => {
    expect(decideImport(line, stored({ state, legacy: line }))).toEqual({
      outcome: 'REFUSED',
      reason: `number 72001 is ${state} in Switchboard (already migrated or in service), so the legacy inventory cannot change it`,
    });
  });

  it('refuses a number a request holds, naming the request', () => {
    expect(decideImport(line, stored({ state: NumberState.LEGACY, legacy: line, lockedBy: 'r-1' }))).toEqual({
      outcome: 'REFUSED',
      reason: expect.stringContaining('a request is running on number 72001 (request r-1)'),
    });
  });
});
