import { sameInventoryLine, type LegacyInventoryLine } from './legacy-inventory-line';
import { NumberState } from './number-state';

/** What an import does with one line of the file. */
export const ImportOutcome = {
  ADDED: 'ADDED',
  UPDATED: 'UPDATED',
  UNCHANGED: 'UNCHANGED',
  REFUSED: 'REFUSED',
} as const;
export type ImportOutcome = (typeof ImportOutcome)[keyof typeof ImportOutcome];

export type ImportDecision =
  | { outcome: typeof ImportOutcome.ADDED | typeof ImportOutcome.UPDATED | typeof ImportOutcome.UNCHANGED }
  | { outcome: typeof ImportOutcome.REFUSED; reason: string };

/** The inventory's side of one number (docs/legacy-import.md). */
export interface InventoryNumber {
  /** Its row in `phone_numbers`, if any. */
  state: NumberState | null;
  /** Its legacy record, as last imported, while it is LEGACY. */
  legacy: LegacyInventoryLine | null;
  /** The request holding its lock, if any. */
  lockedBy: string | null;
}

/**
 * Decides what importing `line` does to a number. A number Switchboard already serves (migrated,
 * being migrated, in service, reserved or quarantined) is never overwritten: the file describes the
 * old services, and once a number has left them the inventory is the truth. A number no one holds
 * yet (AVAILABLE in a pool) becomes LEGACY, so it is not handed out while the old service still has it.
 */
export function decideImport(line: LegacyInventoryLine, stored: InventoryNumber): ImportDecision {
  if (stored.lockedBy)
    return {
      outcome: ImportOutcome.REFUSED,
      reason: `a request is running on number ${line.number} (request ${stored.lockedBy}); import it again once it has ended`,
    };
  if (stored.state !== null && stored.state !== NumberState.AVAILABLE && stored.state !== NumberState.LEGACY)
    return {
      outcome: ImportOutcome.REFUSED,
      reason: `number ${line.number} is ${stored.state} in Switchboard (already migrated or in service), so the legacy inventory cannot change it`,
    };
  if (stored.state !== NumberState.LEGACY || stored.legacy === null) return { outcome: ImportOutcome.ADDED };
  return {
    outcome: sameInventoryLine(line, stored.legacy) ? ImportOutcome.UNCHANGED : ImportOutcome.UPDATED,
  };
}
