import type { Entry } from 'ldapts';
import { LDAP_ATTRIBUTE_DEFAULTS } from '../../config/real-drivers-config';
import { chunks, firstRdnValue, listingKey, personListings, sharedListing } from './ldap-listings';

const a = LDAP_ATTRIBUTE_DEFAULTS;

describe('LDAP listings', () => {
  it('lists each number of a person once, under their login', () => {
    const entry = {
      dn: 'uid=dkim,ou=people',
      uid: 'dkim',
      telephoneNumber: ['72003', '72006', '72003'],
    } as Entry;
    expect(personListings(entry, a)).toEqual([
      { number: '72003', kind: 'PERSON', login: 'dkim' },
      { number: '72006', kind: 'PERSON', login: 'dkim' },
    ]);
    expect(personListings({ dn: 'x', telephoneNumber: '1' }, a)).toEqual([]);
  });

  it('reads a shared entry with its managers e-group from the DN', () => {
    const entry = {
      dn: 'cn=65001,ou=phonebook',
      cn: '65001',
      telephoneNumber: '65001',
      description: 'Lab 2',
      roleOccupant: 'uid=asmith,ou=people',
      seeAlso: 'cn=phone-mngr-65001,ou=groups,dc=switchboard,dc=test',
    } as Entry;
    expect(sharedListing(entry, a, 'asmith')).toEqual({
      number: '65001',
      kind: 'SHARED',
      entry: {
        number: '65001',
        description: 'Lab 2',
        ownerLogin: 'asmith',
        managersGroup: 'phone-mngr-65001',
      },
    });
  });

  it('undoes RFC 4514 escapes in the first RDN value', () => {
    expect(firstRdnValue('cn=phone-mngr-65001,ou=groups')).toBe('phone-mngr-65001');
    expect(firstRdnValue('cn=a\\,b\\3Dc+sn=x,ou=groups')).toBe('a,b=c');
    expect(firstRdnValue('cn=\\23lab\\ ,ou=g')).toBe('#lab ');
    expect(firstRdnValue('no-equals')).toBeNull();
    expect(firstRdnValue('cn=,ou=g')).toBeNull();
  });

  it('sorts listings by number, then where they are listed', () => {
    const keys = [
      listingKey({ number: '70002', kind: 'PERSON', login: 'b' }),
      listingKey({
        number: '70001',
        kind: 'SHARED',
        entry: { number: '70001', description: '', ownerLogin: '', managersGroup: '' },
      }),
      listingKey({ number: '70001', kind: 'PERSON', login: 'a' }),
    ].sort();
    expect(keys.map((k) => k.split('\u0001').slice(0, 2).join(' '))).toEqual([
      '70001 PERSON',
      '70001 SHARED',
      '70002 PERSON',
    ]);
  });

  it('cuts values into chunks', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});
