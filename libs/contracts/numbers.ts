import { defineUpdate } from '@temporalio/workflow';
import type { NumberState } from '../domain/number-state';
import type { NumberType } from '../domain/number-type';
import type { RequestProgress } from './progress';
import { RequestKind } from './request-kind';
import type { RequestInput } from './request-input';

/** A number as workflows see it; plain JSON (dates as ISO strings) because it travels through history. */
export interface NumberRecord {
  number: string;
  /** Null while a legacy number waits to be migrated. */
  type: NumberType | null;
  state: NumberState;
  ownerLogin: string | null;
  description: string | null;
  managersGroup: string | null;
  inPhonebook: boolean;
  reservedUntil: string | null;
  quarantineUntil: string | null;
}

/** A desk phone still on a number (activation other than REMOVED). */
export interface LivePhone {
  id: string;
  mac: string;
}

/** Workflow types of the number requests (docs/domain.md §5, §6). */
export const NumberWorkflow = {
  NEW_SHARED_NUMBER: 'newSharedNumberWorkflow',
  SET_PHONEBOOK_LISTING: 'setPhonebookListingWorkflow',
  TURN_TO_SHARED: 'turnToSharedWorkflow',
  CHANGE_DESCRIPTION: 'changeDescriptionWorkflow',
  SET_MANAGERS: 'setManagersWorkflow',
  DELETE_NUMBER: 'deleteNumberWorkflow',
  CHANGE_OWNER: 'changeOwnerWorkflow',
  DEACTIVATE_NUMBER: 'deactivateNumberWorkflow',
  RESTORE_NUMBER: 'restoreNumberWorkflow',
} as const;

/** The kind of each number request, keyed like its workflow type in `NumberWorkflow`. */
export const NumberRequestKind = {
  NEW_SHARED_NUMBER: RequestKind.NEW_SHARED_NUMBER,
  SET_PHONEBOOK_LISTING: RequestKind.SET_PHONEBOOK_LISTING,
  TURN_TO_SHARED: RequestKind.TURN_TO_SHARED,
  CHANGE_DESCRIPTION: RequestKind.CHANGE_DESCRIPTION,
  SET_MANAGERS: RequestKind.SET_MANAGERS,
  DELETE_NUMBER: RequestKind.DELETE_NUMBER,
  CHANGE_OWNER: RequestKind.CHANGE_OWNER,
  DEACTIVATE_NUMBER: RequestKind.DEACTIVATE_NUMBER,
  RESTORE_NUMBER: RequestKind.RESTORE_NUMBER,
} as const satisfies Record<keyof typeof NumberWorkflow, RequestKind>;

/**
 * Workflow ids of number requests that have no number yet. Requests on an existing number use
 * `workflowIds.number(n)` (libs/contracts/workflow-ids.ts).
 */
export const numberWorkflowIds = {
  /**
   * A person may ask for several shared numbers at once, so the request itself is the resource:
   * `key` is a fresh UUID chosen by whoever starts it.
   */
  newSharedNumber: (key: string): string => `new-shared-number-${key}`,
} as const;

/**
 * The lock of a new shared number request: the launcher needs one, and the number it will get is
 * not known yet (the reservation itself is atomic).
 */
export function newSharedNumberLock(key: string): string {
  return `shared-number-request:${key}`;
}

/** The name of a shared number's managers e-group (docs/domain.md §3). */
export function managersGroupOf(number: string): string {
  return `phone-mngr-${number}`;
}

/** Input of `newSharedNumberWorkflow`: the requester becomes the owner. */
export interface NewSharedNumberInput extends RequestInput {
  /** Cleaned with `cleanText(…, DESCRIPTION)`; shown in the phonebook and as the SIP display name. */
  description: string;
  /** Logins of the managers e-group's members (cleaned, without duplicates). */
  managers: string[];
}

/** Every request on an existing number. */
export interface NumberRequestInput extends RequestInput {
  number: string;
}

export interface SetPhonebookListingInput extends NumberRequestInput {
  listed: boolean;
}

export interface TurnToSharedInput extends NumberRequestInput {
  description: string;
  managers: string[];
}

export interface ChangeDescriptionInput extends NumberRequestInput {
  description: string;
}

export interface SetManagersInput extends NumberRequestInput {
  /** The e-group's members after the change. */
  managers: string[];
}

export interface DeleteNumberInput extends NumberRequestInput {
  /** When the number may be allocated again (ISO); the starter applies QUARANTINE_DAYS. */
  quarantineUntil: string;
}

export interface ChangeOwnerInput extends NumberRequestInput {
  newOwner: string;
  /**
   * How long the proposed owner has to accept (APPROVAL_TIMEOUT_MS). Null when nobody has to accept:
   * the lifecycle moves a leaving owner's numbers to their supervisor.
   */
  acceptanceTimeoutMs: number | null;
}

export interface DeactivateNumberInput extends NumberRequestInput {
  ownerLogin: string;
  /** Last moment the number is kept for its owner (ISO). */
  reservedUntil: string;
}

export interface RestoreNumberInput extends NumberRequestInput {
  ownerLogin: string;
}

/** The proposed owner's answer to an ownership offer. */
export interface OwnershipResponse {
  /** Who answers; the workflow accepts only the proposed owner. */
  login: string;
  accept: boolean;
}

/** Accepts or refuses an ownership offer; validated by the change-owner workflow. */
export const respondToOwnershipUpdate = defineUpdate<RequestProgress, [OwnershipResponse]>(
  'respondToOwnership',
);

/** A number a request acts on. */
export interface NumberRef {
  requestId: string;
  number: string;
}

/** What a request expects of the number it acts on; anything else fails it before any change. */
export interface NumberExpectation {
  /** Default: ACTIVE only. */
  states?: NumberState[];
  types?: NumberType[];
  /** The number must belong to this person. */
  ownerLogin?: string;
}
