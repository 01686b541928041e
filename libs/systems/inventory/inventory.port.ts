import type { NumberPool } from '../../domain/number-pool';
import type { NumberType } from '../../domain/number-type';
import type { ApplyResult } from '../system-error';

export interface ReserveNumberCommand {
  requestId: string;
  ownerLogin: string;
  type: NumberType;
  pool: NumberPool;
}

/**
 * Switchboard's own inventory of numbers, as the steps of a workflow see it. Every operation is
 * keyed by the request, so a retry finds its own earlier work instead of doing it again.
 */
export interface InventoryPort {
  /** Takes the lowest available number of the pool for the request, or returns the one it already holds. */
  reserveNumber(command: ReserveNumberCommand): Promise<{ number: string; result: ApplyResult }>;
  /** Gives whatever number the request reserved back to the pool (nothing reserved: unchanged). */
  releaseReservation(requestId: string): Promise<ApplyResult>;
  /** The last step of a provisioning: the number becomes ACTIVE. */
  activateNumber(requestId: string, number: string): Promise<ApplyResult>;
}

export const INVENTORY_PORT = Symbol('INVENTORY_PORT');
