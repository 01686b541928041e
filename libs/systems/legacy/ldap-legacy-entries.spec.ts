import { canonicalLegacyNumber, lineFrom, settingFor, type LegacyHolding } from './ldap-legacy-entries';

const holding = (overrides: Partial<LegacyHolding>): LegacyHolding => ({
  dn: 'uid=a,ou=people,dc=x',
  kind: 'PERSON',
  login: 'a',
  name: 'Ann A',
  peopleDns: [],
  number: '72001',
  service: 'SKYPE',
  storedValue: '72001',
  settings: {},
  ...overrides,
});

describe('legacy lines read off directory entries', () => {
  it('reads five-digit extensions, with the spaces or dashes a directory may store', () => {
    expect(canonicalLegacyNumber('72 001')).toBe('72001');
    expect(canonicalLegacyNumber('72-001')).toBe('72001');
    for (const bad of ['7200', '720011', '7200*', '+41 22 767 1234', ''])
      expect(canonicalLegacyNumber(bad)).toBeNull();
  });

  it('takes a setting tagged for the number first, else a bare one; another number’s value never', () => {
    expect(settingFor(['72002=65001', 'on', '72001=+41 22 767 1234'], '72001')).toBe('+41 22 767 1234');
    expect(settingFor(['72002=65001', 'on'], '72001')).toBe('on');
    expect(settingFor(['72002=65001'], '72001')).toBeUndefined();
    // A value that merely contains "=" but no number before it is a bare value.
    expect(settingFor(['sip:x=y'], '72001')).toBe('sip:x=y');
  });

  it('names a line after its one person, or after its room; keeps every holder for the undo', () => {
    const person = holding({ settings: { forwarding: '65001' } });
    expect(lineFrom('72001', [person])).toEqual({
      number: '72001',
      service: 'SKYPE',
      displayName: 'Ann A',
      phone: null,
      settings: { forwarding: '65001' },
      active: true,
      holders: [person.dn],
    });
    const room = holding({ dn: 'cn=Lab,ou=rooms,dc=x', kind: 'ROOM', login: null, name: 'Lab' });
    const other = holding({ dn: 'uid=b,ou=people,dc=x', login: 'b', name: 'Bo B' });
    expect(lineFrom('72001', [person, other, room])).toMatchObject({
      displayName: 'Lab',
      holders: [person.dn, other.dn, room.dn],
    });
  });

  it('moves a phone only with a valid MAC and a model; a broken MAC stays on record', () => {
    const phone = { phoneMac: '00:04:F2:AA:01:01', phoneModel: 'polycom-vvx-450' };
    expect(lineFrom('72001', [holding({ settings: phone })]).phone).toEqual({
      mac: '0004f2aa0101',
      modelId: 'polycom-vvx-450',
    });
    const broken = lineFrom('72001', [holding({ settings: { ...phone, phoneMac: 'ff:ff:ff:ff:ff:ff' } })]);
    expect(broken.phone).toBeNull();
    expect(broken.settings.phoneMac).toBe('ff:ff:ff:ff:ff:ff');
  });

  it('refuses a number the directory puts under two services', () => {
    expect(() => lineFrom('72001', [holding({}), holding({ service: 'ANALOGUE' })])).toThrow(
      /several legacy services \(SKYPE, ANALOGUE\)/,
    );
  });
});
