import { humanise } from '../ui/status-pill';

const KINDS: Record<string, string> = {
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
  REPAIR_NUMBER: 'Repair number',
  REPAIR_PHONE: 'Repair phone',
};

export function kindLabel(kind: string): string {
  if (KINDS[kind]) return KINDS[kind];
  if (kind.startsWith('MIGRATE'))
    return `Migration (${humanise(kind.replace(/^MIGRATE_?/, '') || 'legacy')})`;
  return humanise(kind);
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
