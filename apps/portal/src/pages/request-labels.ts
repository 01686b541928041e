import { isRequestKind, type RequestKind } from '../../../../libs/contracts/request-kind';
import { humanise } from '../ui/status-pill';

const KINDS: Record<RequestKind, string> = {
  NEW_PERSONAL_NUMBER: 'New personal number',
  NEW_SHARED_NUMBER: 'New shared number',
  SET_PHONEBOOK_LISTING: 'Phonebook listing',
  TURN_TO_SHARED: 'Turn to shared',
  CHANGE_DESCRIPTION: 'Change description',
  SET_MANAGERS: 'Managers e-group',
  CHANGE_OWNER: 'Change owner',
  DELETE_NUMBER: 'Delete number',
  DEACTIVATE_NUMBER: 'Deactivate number',
  RESTORE_NUMBER: 'Restore number',
  REGISTER_PHONE: 'Register IP phone',
  UNREGISTER_PHONE: 'Unregister IP phone',
  PAIR_D60: 'Pair D60 base',
  UNPAIR_D60: 'Unpair D60 base',
  MIGRATE_SKYPE_PERSONAL: 'Migration (Skype personal)',
  MIGRATE_SKYPE_SHARED: 'Migration (Skype shared)',
  MIGRATE_ANALOGUE_PERSONAL: 'Migration (Analogue personal)',
  MIGRATE_ANALOGUE_SHARED: 'Migration (Analogue shared)',
  REPAIR_NUMBER: 'Repair number',
  REPAIR_PHONE: 'Repair phone',
};

/** The API sends the kind as a string: one this portal does not know yet is still shown, humanised. */
export function kindLabel(kind: string): string {
  return isRequestKind(kind) ? KINDS[kind] : humanise(kind);
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
