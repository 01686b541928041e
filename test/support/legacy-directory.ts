import { Attribute, Change, type Client } from 'ldapts';
import { SEEDED_DIRECTORY } from '../servers/slapd';

/**
 * Legacy lines written into the seeded test directory (fixtures/directory.ldif) as a site keeps
 * them: attributes of people and rooms from the test schema's `legacyTelephony` class. Written over
 * LDAP by the admin, so the shared fixture stays as other tests expect it.
 */

const D = SEEDED_DIRECTORY;
export const ROOMS_DN = `ou=rooms,${D.baseDn}`;

/** The attribute names the tests configure (a site picks its own through LEGACY_LDAP_*). */
export const LEGACY_ATTRIBUTES = {
  skype: 'legacySkypeNumber',
  analogue: 'legacyAnalogueNumber',
  vendorIp: 'legacyVendorIpNumber',
  forwarding: 'legacyForwarding',
  voicemail: 'legacyVoicemail',
  phoneMac: 'legacyPhoneMac',
  phoneModel: 'legacyPhoneModel',
} as const;

/** A room whose DN needs RFC 4514 escaping (comma, parentheses are fine, `+` is escaped). */
export const LAB_ROOM = {
  cn: 'Lab 3, bench A+B',
  dn: `cn=Lab 3\\, bench A\\+B,${ROOMS_DN}`,
  number: '72011',
  people: ['cgarcia', 'bwong'],
};

export const SEEDED_LEGACY = {
  /** asmith: Skype, desk phone, forwarding for this line, voicemail for every line of hers. */
  skypeWithPhone: {
    number: '72001',
    login: 'asmith',
    forwarding: '+41 22 767 1234',
    voicemail: 'on, 4 rings',
    mac: '0004f2aa0101',
    modelId: 'polycom-vvx-450',
  },
  /** bwong: analogue, forwarded to a shared number (an untagged value: all his lines). */
  analogue: { number: '72002', login: 'bwong', forwarding: '65001' },
  /** Listed under two people: shared only. */
  sharedSkype: { number: '72003', logins: ['cgarcia', 'dkim'] },
  vendorIp: { number: '72006', login: 'dkim' },
  /** Stored with a space; the directory's telephoneNumber matching ignores it. */
  spaced: { number: '72012', stored: '72 012', login: 'iolsen' },
  /** On two services at once: refused. */
  conflicting: { number: '72020', skype: 'gpetit', analogue: 'hnguyen' },
  room: LAB_ROOM,
} as const;

const personDn = (uid: string) => `uid=${uid},${D.peopleDn}`;
const add = (type: string, values: string[]) =>
  new Change({ operation: 'add', modification: new Attribute({ type, values }) });

export async function seedLegacyDirectory(admin: Client): Promise<void> {
  const a = LEGACY_ATTRIBUTES;
  const s = SEEDED_LEGACY;
  const person = async (uid: string, attributes: Record<string, string[]>) =>
    admin.modify(personDn(uid), [
      add('objectClass', ['legacyTelephony']),
      ...Object.entries(attributes).map(([type, values]) => add(type, values)),
    ]);
  await person('asmith', {
    [a.skype]: [s.skypeWithPhone.number],
    [a.forwarding]: [`${s.skypeWithPhone.number}=${s.skypeWithPhone.forwarding}`],
    [a.voicemail]: [s.skypeWithPhone.voicemail],
    [a.phoneMac]: [`${s.skypeWithPhone.number}=00:04:F2:AA:01:01`],
    [a.phoneModel]: [`${s.skypeWithPhone.number}=${s.skypeWithPhone.modelId}`],
  });
  await person('bwong', { [a.analogue]: [s.analogue.number], [a.forwarding]: [s.analogue.forwarding] });
  await person('cgarcia', { [a.skype]: [s.sharedSkype.number] });
  await person('dkim', { [a.skype]: [s.sharedSkype.number], [a.vendorIp]: [s.vendorIp.number] });
  await person('iolsen', { [a.skype]: [s.spaced.stored] });
  await person('gpetit', { [a.skype]: [s.conflicting.number] });
  await person('hnguyen', { [a.analogue]: [s.conflicting.number] });
  await admin.add(ROOMS_DN, { objectClass: ['organizationalUnit'], ou: 'rooms' });
  await admin.add(LAB_ROOM.dn, {
    objectClass: ['room', 'legacyTelephony'],
    cn: LAB_ROOM.cn,
    roomNumber: '40/3-B01',
    seeAlso: LAB_ROOM.people.map(personDn),
    [a.analogue]: LAB_ROOM.number,
    [a.voicemail]: `${LAB_ROOM.number}=off`,
  });
}

/** What LEGACY_DRIVER=ldap needs for the seeded directory, as an operator would write it. */
export function legacyLdapEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  const a = LEGACY_ATTRIBUTES;
  return {
    LEGACY_DRIVER: 'ldap',
    LDAP_URL: url,
    LDAP_BIND_DN: D.adminDn,
    LDAP_BIND_PASSWORD: D.adminPassword,
    LEGACY_LDAP_PEOPLE_BASE_DN: D.peopleDn,
    LEGACY_LDAP_ROOMS_BASE_DN: ROOMS_DN,
    LEGACY_LDAP_SKYPE_ATTRIBUTE: a.skype,
    LEGACY_LDAP_ANALOGUE_ATTRIBUTE: a.analogue,
    LEGACY_LDAP_VENDOR_IP_ATTRIBUTE: a.vendorIp,
    LEGACY_LDAP_FORWARDING_ATTRIBUTE: a.forwarding,
    LEGACY_LDAP_VOICEMAIL_ATTRIBUTE: a.voicemail,
    LEGACY_LDAP_PHONE_MAC_ATTRIBUTE: a.phoneMac,
    LEGACY_LDAP_PHONE_MODEL_ATTRIBUTE: a.phoneModel,
    LDAP_TIMEOUT_MS: '3000',
    ...extra,
  };
}
