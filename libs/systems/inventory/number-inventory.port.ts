import type { NumberPool } from '../../domain/number-pool';
import type { LivePhone, NumberRecord } from '../../contracts/numbers';
import type { OfferOutcome } from '../../domain/ownership-offer';
import type { ApplyResult } from '../system-error';

export type { LivePhone, NumberRecord };

export interface ReserveSharedCommand {
  requestId: string;
  ownerLogin: string;
  description: string;
  pool: NumberPool;
}

/**
 * The inventory operations of the number workflows (shared numbers, phonebook flag, owners, the
 * lifecycle). Every write is idempotent: setting a value the number already has, or moving it to
 * the state it is already in, returns `unchanged`. Reservations are keyed by request. State changes
 * follow libs/domain/number-state.ts; an illegal one is refused with INVALID_STATE.
 */
export interface NumberInventoryPort {
  findNumber(number: string): Promise<NumberRecord | null>;
  livePhones(number: string): Promise<LivePhone[]>;
  /** Takes the lowest available number of the shared pool for the request (or the one it already holds). */
  reserveSharedNumber(command: ReserveSharedCommand): Promise<{ number: string; result: ApplyResult }>;
  setDescription(number: string, description: string): Promise<ApplyResult>;
  setPhonebookListed(number: string, listed: boolean): Promise<ApplyResult>;
  setManagersGroup(number: string, managersGroup: string | null): Promise<ApplyResult>;
  setOwner(number: string, ownerLogin: string): Promise<ApplyResult>;
  /** A personal number becomes shared: the line stays, the owner keeps it, an e-group manages it. */
  makeShared(change: {
    number: string;
    ownerLogin: string;
    description: string;
    managersGroup: string;
  }): Promise<ApplyResult>;
  /** The undo of {@link makeShared}. */
  makePersonal(change: { number: string; ownerLogin: string }): Promise<ApplyResult>;
  /** Deleted: out of allocation until `until`; owner, description and e-group are cleared. */
  quarantine(change: { requestId: string; number: string; until: Date }): Promise<ApplyResult>;
  /** QUARANTINED → AVAILABLE once `quarantineUntil` has passed (`now`); earlier is refused. */
  releaseQuarantine(number: string, now: Date): Promise<ApplyResult>;
  /** Every number whose quarantine is over becomes AVAILABLE; returns them. */
  releaseExpiredQuarantines(now: Date): Promise<string[]>;
  /** Switched off but kept for its owner until `reservedUntil`. */
  deactivate(change: { number: string; ownerLogin: string; reservedUntil: Date }): Promise<ApplyResult>;
  /** A deactivated number comes back to its returning owner. */
  restore(change: { number: string; ownerLogin: string }): Promise<ApplyResult>;
  /** ACTIVE and DEACTIVATED numbers that have an owner: what the nightly lifecycle sweep looks at. */
  ownedNumbers(): Promise<NumberRecord[]>;
  /** Records an open ownership offer (once per request), so the proposed owner can list it. */
  recordOwnershipOffer(offer: OwnershipOfferRecord): Promise<ApplyResult>;
  /** Closes the request's offer with its outcome; a closed offer keeps its first outcome. */
  closeOwnershipOffer(requestId: string, outcome: OfferOutcome): Promise<ApplyResult>;
}

export interface OwnershipOfferRecord {
  requestId: string;
  number: string;
  proposedOwner: string;
  proposedBy: string;
  /** ISO. */
  expiresAt: string;
}

export const NUMBER_INVENTORY_PORT = Symbol('NUMBER_INVENTORY_PORT');
