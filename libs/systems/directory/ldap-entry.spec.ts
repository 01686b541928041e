import type { Entry } from 'ldapts';
import { LDAP_ATTRIBUTE_DEFAULTS } from '../../config/real-drivers-config';
import { allValues, parseGeneralizedTime, toDirectoryPerson } from './ldap-entry';

describe('reading LDAP entries', () => {
  it.each([
    ['20991231235959Z', '2099-12-31T23:59:59.000Z'],
    ['20260630000000+0200', '2026-06-29T22:00:00.000Z'],
    ['2026063012Z', '2026-06-30T12:00:00.000Z'],
    ['20260630120000.5Z', '2026-06-30T12:00:00.000Z'],
    ['20260630', '2026-06-30T00:00:00.000Z'],
    ['2026-06-30', '2026-06-30T00:00:00.000Z'],
  ])('parses the GeneralizedTime %s', (text, iso) => {
    expect(parseGeneralizedTime(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'tomorrow', '2026-13-45', '20261345000000Z'])('refuses %j', (text) => {
    expect(parseGeneralizedTime(text)).toBeUndefined();
  });

  const entry: Entry = {
    dn: 'uid=asmith,ou=people,dc=x',
    uid: 'asmith',
    cn: 'Alice Smith',
    mail: 'asmith@x',
    personnelclass: 'STAF',
    contractEnd: '20991231235959Z',
    telephoneNumber: ['72001', '70001'],
    departmentNumber: 'IT-CS',
  };

  it('maps a person, matching attribute names without regard to case', () => {
    expect(allValues(entry, 'TELEPHONENUMBER')).toEqual(['72001', '70001']);
    expect(toDirectoryPerson(entry, LDAP_ATTRIBUTE_DEFAULTS, 'mlopez')).toEqual({
      login: 'asmith',
      displayName: 'Alice Smith',
      mail: 'asmith@x',
      personnelClass: 'STAF',
      personnelSubCode: null,
      contractEnd: new Date('2099-12-31T23:59:59Z'),
      office: null,
      unit: 'IT-CS',
      supervisorLogin: 'mlopez',
      phoneNumbers: ['72001', '70001'],
    });
  });

  it('refuses a contract end that is not a date rather than guess "no end"', () => {
    expect(() => toDirectoryPerson({ ...entry, contractEnd: 'soon' }, LDAP_ATTRIBUTE_DEFAULTS, null)).toThrow(
      /contract end of asmith is not a date/,
    );
  });
});
