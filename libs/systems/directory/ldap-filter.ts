import { AndFilter, EqualityFilter, OrFilter, PresenceFilter, type Filter } from 'ldapts';

/**
 * LDAP filters and DNs built from values that may come from people (logins, numbers, group names).
 * Filters are ldapts Filter objects: each value travels as a BER octet string and is never parsed
 * as filter syntax, and their string form (for logs) is RFC 4515-escaped. DNs are written with
 * RFC 4514 escaping. Nothing here concatenates an unescaped value into LDAP syntax.
 */

// Attribute names come from configuration (validated there), never from people; checked again so
// that a driver built by hand cannot smuggle syntax in either.
const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$/;

function attribute(name: string): string {
  if (!ATTRIBUTE.test(name)) throw new Error(`not an LDAP attribute name: ${JSON.stringify(name)}`);
  return name;
}

export const ldapFilter = {
  /** `(attribute=value)` with `value` matched literally: `*` is a star, not a wildcard. */
  eq: (name: string, value: string): Filter => new EqualityFilter({ attribute: attribute(name), value }),
  present: (name: string): Filter => new PresenceFilter({ attribute: attribute(name) }),
  and: (...filters: Filter[]): Filter => new AndFilter({ filters }),
  or: (...filters: Filter[]): Filter => new OrFilter({ filters }),
};

/** RFC 4515 section 3: the characters that must be escaped in a filter's assertion value. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * RFC 4514 section 2.4: escape `"` `+` `,` `;` `<` `>` `\` anywhere, `#` or space at the start, space
 * at the end, and NUL as `\00`. `=` is escaped too (allowed, and it keeps naive DN splitters honest).
 */
export function escapeDnValue(value: string): string {
  let escaped = value.replace(/["+,;<>\\=]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (escaped.startsWith('#') || escaped.startsWith(' ')) escaped = `\\${escaped}`;
  if (escaped.endsWith(' ') && !escaped.endsWith('\\ ')) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/** `name=value,parent` with the value escaped; `parent` is a configured or server-given DN. */
export function childDn(rdnAttribute: string, value: string, parentDn: string): string {
  if (value.length === 0) throw new Error('an RDN value may not be empty');
  return `${attribute(rdnAttribute)}=${escapeDnValue(value)},${parentDn}`;
}
