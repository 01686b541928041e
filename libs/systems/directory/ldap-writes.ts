import { Attribute, Change, type Client, type Entry } from 'ldapts';
import type { LdapConfig } from '../../config/real-drivers-config';
import type { ApplyResult } from '../system-error';
import { allValues } from './ldap-entry';
import { isCode, LdapResultCode, sameDn } from './ldap-lookups';

export function change(operation: 'add' | 'delete' | 'replace', type: string, values: string[]): Change {
  return new Change({ operation, modification: new Attribute({ type, values }) });
}

/** Replaces the single-valued attributes that differ from `wanted`; nothing to change is 'unchanged'. */
export async function updateEntry(
  client: Client,
  existing: Entry,
  wanted: Record<string, string>,
  attributes: LdapConfig['attributes'],
): Promise<ApplyResult> {
  const changes = Object.entries(wanted)
    .filter(([attribute, value]) => {
      const current = allValues(existing, attribute);
      return !(
        current.length === 1 &&
        (current[0] === value || (isDnAttribute(attribute, attributes) && sameDn(current[0], value)))
      );
    })
    .map(([attribute, value]) => change('replace', attribute, [value]));
  if (changes.length === 0) return 'unchanged';
  await client.modify(existing.dn, changes);
  return 'applied';
}

/** Deletes the entry; one already gone is 'unchanged'. */
export async function deleteEntry(client: Client, dn: string): Promise<ApplyResult> {
  try {
    await client.del(dn);
    return 'applied';
  } catch (error) {
    if (isCode(error, LdapResultCode.NO_SUCH_OBJECT)) return 'unchanged';
    throw error;
  }
}

function isDnAttribute(attribute: string, a: LdapConfig['attributes']): boolean {
  return [a.phonebookOwner, a.phonebookManagers, a.groupMember, a.groupOwner, a.supervisor].includes(
    attribute,
  );
}
