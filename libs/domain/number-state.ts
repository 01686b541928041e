import { DomainError, DomainErrorCode } from './domain-error';

/** docs/domain.md §3.1. */
export const NumberState = {
  AVAILABLE: 'AVAILABLE',
  PROVISIONING: 'PROVISIONING',
  ACTIVE: 'ACTIVE',
  LEGACY: 'LEGACY',
  MIGRATING: 'MIGRATING',
  /** Switched off but reserved for its last owner. */
  DEACTIVATED: 'DEACTIVATED',
  /** Deleted; waits out the quarantine before it can be allocated again. */
  QUARANTINED: 'QUARANTINED',
  /** A compensation could not finish; the service desk must look. */
  NEEDS_ATTENTION: 'NEEDS_ATTENTION',
} as const;
export type NumberState = (typeof NumberState)[keyof typeof NumberState];

const { AVAILABLE, PROVISIONING, ACTIVE, LEGACY, MIGRATING, DEACTIVATED, QUARANTINED, NEEDS_ATTENTION } =
  NumberState;

/** Every legal move. `…ING` states go back where they came from when a request is compensated. */
const TRANSITIONS: Readonly<Record<NumberState, readonly NumberState[]>> = {
  [AVAILABLE]: [PROVISIONING],
  [PROVISIONING]: [ACTIVE, AVAILABLE, NEEDS_ATTENTION],
  [LEGACY]: [MIGRATING],
  [MIGRATING]: [ACTIVE, LEGACY, NEEDS_ATTENTION],
  [ACTIVE]: [DEACTIVATED, QUARANTINED],
  // A deactivated number is restored for a returning owner, or deleted once the reservation ends.
  [DEACTIVATED]: [ACTIVE, QUARANTINED],
  [QUARANTINED]: [AVAILABLE],
  // Once the service desk has repaired by hand, the number goes where the request left it.
  [NEEDS_ATTENTION]: [AVAILABLE, ACTIVE, LEGACY],
};

export function canTransition(from: NumberState, to: NumberState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(number: string, from: NumberState, to: NumberState): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `Number ${number} is ${from} and cannot become ${to}. Refresh the page; if it persists, contact the service desk.`,
    );
  }
}

/** States in which a number still belongs to someone (counts against "one personal number"). */
export const OWNED_STATES: readonly NumberState[] = [
  PROVISIONING,
  ACTIVE,
  MIGRATING,
  DEACTIVATED,
  NEEDS_ATTENTION,
];

export function isOwnedState(state: NumberState): boolean {
  return OWNED_STATES.includes(state);
}

export function legalTransitions(from: NumberState): readonly NumberState[] {
  return TRANSITIONS[from];
}
