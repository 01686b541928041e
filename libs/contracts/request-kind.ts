/**
 * What a request does: the `kind` of its row in `requests`, of its progress and of its timeline.
 * The values are stored in the database and in recorded workflow histories, so a value is never
 * renamed; a new kind of request adds one.
 */
export const RequestKind = {
  NEW_PERSONAL_NUMBER: 'NEW_PERSONAL_NUMBER',
  NEW_SHARED_NUMBER: 'NEW_SHARED_NUMBER',
  SET_PHONEBOOK_LISTING: 'SET_PHONEBOOK_LISTING',
  TURN_TO_SHARED: 'TURN_TO_SHARED',
  CHANGE_DESCRIPTION: 'CHANGE_DESCRIPTION',
  SET_MANAGERS: 'SET_MANAGERS',
  DELETE_NUMBER: 'DELETE_NUMBER',
  CHANGE_OWNER: 'CHANGE_OWNER',
  DEACTIVATE_NUMBER: 'DEACTIVATE_NUMBER',
  RESTORE_NUMBER: 'RESTORE_NUMBER',
  REGISTER_PHONE: 'REGISTER_PHONE',
  UNREGISTER_PHONE: 'UNREGISTER_PHONE',
  PAIR_D60: 'PAIR_D60',
  UNPAIR_D60: 'UNPAIR_D60',
  /** Skype for Business and vendor IP lines (see `migrationKind`). */
  MIGRATE_SKYPE_PERSONAL: 'MIGRATE_SKYPE_PERSONAL',
  MIGRATE_SKYPE_SHARED: 'MIGRATE_SKYPE_SHARED',
  MIGRATE_ANALOGUE_PERSONAL: 'MIGRATE_ANALOGUE_PERSONAL',
  MIGRATE_ANALOGUE_SHARED: 'MIGRATE_ANALOGUE_SHARED',
  /** Repairs of a reconciliation's drift, on one number or one desk phone. */
  REPAIR_NUMBER: 'REPAIR_NUMBER',
  REPAIR_PHONE: 'REPAIR_PHONE',
} as const;
export type RequestKind = (typeof RequestKind)[keyof typeof RequestKind];

const REQUEST_KINDS: ReadonlySet<string> = new Set(Object.values(RequestKind));

/** Whether a stored or typed string is one of the request kinds. */
export function isRequestKind(value: string): value is RequestKind {
  return REQUEST_KINDS.has(value);
}
