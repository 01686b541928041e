import { FilterParser, EqualityFilter } from 'ldapts';
import { childDn, escapeDnValue, escapeFilterValue, ldapFilter } from './ldap-filter';

describe('LDAP filters', () => {
  it('escapes the RFC 4515 specials in assertion values', () => {
    expect(escapeFilterValue('Parens (R Us)')).toBe('Parens \\28R Us\\29');
    expect(escapeFilterValue('star*')).toBe('star\\2a');
    expect(escapeFilterValue('C:\\MyFile')).toBe('C:\\5cMyFile');
    expect(escapeFilterValue('nul\0')).toBe('nul\\00');
    expect(escapeFilterValue('plain-login.1')).toBe('plain-login.1');
  });

  it.each(['*)(uid=*', ')(|(objectClass=*)', '*', '\\00', 'a\0b'])(
    'keeps %j a literal value: its string form is escaped and parses back to the same equality',
    (payload) => {
      const filter = ldapFilter.and(ldapFilter.eq('objectClass', 'person'), ldapFilter.eq('uid', payload));
      const text = filter.toString();
      expect(text).toBe(`(&(objectClass=person)(uid=${escapeFilterValue(payload)}))`);
      const parsed = FilterParser.parseString(text) as unknown as { filters: EqualityFilter[] };
      expect(parsed.filters).toHaveLength(2);
      expect(parsed.filters[1]).toBeInstanceOf(EqualityFilter);
      expect(parsed.filters[1].value).toBe(payload);
    },
  );

  it('refuses attribute names that are not names', () => {
    expect(() => ldapFilter.eq('uid)(cn=*', 'x')).toThrow(/not an LDAP attribute name/);
    expect(() => ldapFilter.present('')).toThrow();
    expect(ldapFilter.eq('2.5.4.3', 'x').toString()).toBe('(2.5.4.3=x)');
  });
});

describe('LDAP DNs', () => {
  it.each([
    ['a,b+c=d', 'a\\,b\\+c\\=d'],
    ['"quoted" <x>; y\\z', '\\"quoted\\" \\<x\\>\\; y\\\\z'],
    ['#hash', '\\#hash'],
    [' lead', '\\ lead'],
    ['trail ', 'trail\\ '],
    [' ', '\\ '],
    ['  ', '\\ \\ '],
    ['nul\0', 'nul\\00'],
    ['mid#dle', 'mid#dle'],
  ])('escapes %j as %j (RFC 4514)', (value, escaped) => {
    expect(escapeDnValue(value)).toBe(escaped);
  });

  it('builds a child DN under a parent, refusing empty values and odd attribute names', () => {
    expect(childDn('cn', 'phone-mngr-65001', 'ou=groups,dc=x')).toBe('cn=phone-mngr-65001,ou=groups,dc=x');
    expect(childDn('cn', 'x,ou=people', 'ou=groups,dc=x')).toBe('cn=x\\,ou\\=people,ou=groups,dc=x');
    expect(() => childDn('cn', '', 'dc=x')).toThrow(/empty/);
    expect(() => childDn('cn=x,cn', 'v', 'dc=x')).toThrow(/attribute name/);
  });
});
