import { Client } from 'ldapts';
import { loadConfig } from '../../libs/config/app-config';
import { LdapLegacyDriver } from '../../libs/systems/legacy/ldap-legacy.driver';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import {
  LEGACY_ATTRIBUTES,
  SEEDED_LEGACY,
  legacyLdapEnv,
  seedLegacyDirectory,
} from '../support/legacy-directory';
import { systemFailure } from '../support/system-failure';

const D = SEEDED_DIRECTORY;
const L = SEEDED_LEGACY;
const A = LEGACY_ATTRIBUTES;

function driverFor(url: string, pageSize?: number): LdapLegacyDriver {
  const config = loadConfig(legacyLdapEnv(url));
  if (!config.legacyLdap) throw new Error('no legacy LDAP section');
  return new LdapLegacyDriver(config.legacyLdap, pageSize);
}

describe('LDAP legacy driver against a real slapd', () => {
  let slapd: SlapdHandle;
  let admin: Client;
  let legacy: LdapLegacyDriver;

  const valuesOf = async (dn: string, attribute: string): Promise<string[]> => {
    const { searchEntries } = await admin.search(dn, { scope: 'base', attributes: [attribute] });
    const value = searchEntries[0]?.[attribute];
    return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
  };
  const personDn = (uid: string) => `uid=${uid},${D.peopleDn}`;

  beforeAll(async () => {
    slapd = await startSlapd();
    admin = new Client({ url: slapd.url, timeout: 5_000 });
    await admin.bind(D.adminDn, D.adminPassword);
    await seedLegacyDirectory(admin);
    legacy = driverFor(slapd.url);
  });

  afterAll(async () => {
    await legacy?.close();
    await admin?.unbind().catch(() => undefined);
    await slapd?.stop();
  });

  it('snapshots a person’s line with its phone and the settings tagged for it or for every line', async () => {
    const s = L.skypeWithPhone;
    expect(await legacy.snapshotLine(s.number)).toEqual({
      number: s.number,
      service: 'SKYPE',
      displayName: 'Alice Smith',
      phone: { mac: s.mac, modelId: s.modelId },
      settings: { forwarding: s.forwarding, voicemail: s.voicemail },
      active: true,
      holders: [personDn(s.login)],
    });
    expect(await legacy.snapshotLine(L.analogue.number)).toMatchObject({
      service: 'ANALOGUE',
      displayName: 'Bao Wong',
      phone: null,
      settings: { forwarding: L.analogue.forwarding },
    });
    expect(await legacy.snapshotLine(L.vendorIp.number)).toMatchObject({ service: 'VENDOR_IP' });
  });

  it('snapshots a room’s line under the room’s name, and a shared line with every holder', async () => {
    const room = await legacy.snapshotLine(L.room.number);
    expect(room).toEqual({
      number: L.room.number,
      service: 'ANALOGUE',
      displayName: L.room.cn,
      phone: null,
      settings: { voicemail: 'off' },
      active: true,
      // slapd writes the DN's escapes in hex (\2C for the comma): the same entry, in its spelling.
      holders: [expect.stringMatching(/^cn=Lab 3\\(,|2C) bench/i)],
    });
    expect(await valuesOf(room!.holders![0], 'cn')).toEqual([L.room.cn]);
    const shared = await legacy.snapshotLine(L.sharedSkype.number);
    expect(shared?.holders?.sort()).toEqual(L.sharedSkype.logins.map(personDn).sort());
  });

  it('finds a number the directory stores with a space, and knows nothing of an unknown one', async () => {
    expect(await legacy.snapshotLine(L.spaced.number)).toMatchObject({
      number: L.spaced.number,
      holders: [personDn(L.spaced.login)],
    });
    expect(await legacy.snapshotLine('79999')).toBeNull();
  });

  it('refuses a number on two services, and anything that is not an extension before it reaches LDAP', async () => {
    expect((await systemFailure(legacy.snapshotLine(L.conflicting.number))).message).toMatch(
      /several legacy services \(SKYPE, ANALOGUE\)/,
    );
    for (const hostile of ['7200*', '*', '72001)(uid=*', '72001\\2a', ''])
      expect((await systemFailure(legacy.snapshotLine(hostile))).transient).toBe(false);
    expect((await systemFailure(legacy.deactivateLine('*'))).message).toMatch(/not a legacy extension/);
  });

  it('lists every line of people and rooms across pages, and refuses only the inconsistent one', async () => {
    const paged = driverFor(slapd.url, 2);
    try {
      const { lines, refused } = await paged.listLines();
      expect(lines.map((l) => [l.line.number, l.line.service, l.description, l.listedUnder])).toEqual([
        ['72001', 'SKYPE', 'Alice Smith', ['asmith']],
        ['72002', 'ANALOGUE', 'Bao Wong', ['bwong']],
        ['72003', 'SKYPE', expect.any(String), ['cgarcia', 'dkim']],
        ['72006', 'VENDOR_IP', 'Daeun Kim', ['dkim']],
        ['72011', 'ANALOGUE', L.room.cn, ['bwong', 'cgarcia']],
        ['72012', 'SKYPE', 'Ingrid Olsen', ['iolsen']],
      ]);
      expect(lines[0].line.phone).toEqual({ mac: L.skypeWithPhone.mac, modelId: L.skypeWithPhone.modelId });
      // A number on two services is refused with the reason, not guessed.
      expect(refused).toEqual([
        { number: L.conflicting.number, reason: expect.stringMatching(/several legacy services/) },
      ]);
    } finally {
      await paged.close();
    }
  });

  it('deactivates by removing the number from every holder, idempotently, and the undo puts it back', async () => {
    const before = await legacy.snapshotLine(L.sharedSkype.number);
    if (!before) throw new Error('72003 is seeded');
    expect(await legacy.deactivateLine(L.sharedSkype.number)).toBe('applied');
    for (const login of L.sharedSkype.logins) expect(await valuesOf(personDn(login), A.skype)).toEqual([]);
    // dkim's other line, on another service, is untouched.
    expect(await valuesOf(personDn('dkim'), A.vendorIp)).toEqual([L.vendorIp.number]);
    expect(await legacy.snapshotLine(L.sharedSkype.number)).toBeNull();
    expect(await legacy.deactivateLine(L.sharedSkype.number)).toBe('unchanged');

    expect(await legacy.reactivateLine(before)).toBe('applied');
    for (const login of L.sharedSkype.logins)
      expect(await valuesOf(personDn(login), A.skype)).toEqual([L.sharedSkype.number]);
    expect(await legacy.reactivateLine(before)).toBe('unchanged');
    expect(await legacy.snapshotLine(L.sharedSkype.number)).toEqual(before);
  });

  it('removes the value as stored (with its space) and works on a room whose DN needs escaping', async () => {
    expect(await legacy.deactivateLine(L.spaced.number)).toBe('applied');
    expect(await valuesOf(personDn(L.spaced.login), A.skype)).toEqual([]);

    const room = await legacy.snapshotLine(L.room.number);
    if (!room) throw new Error('the room line is seeded');
    expect(await legacy.deactivateLine(L.room.number)).toBe('applied');
    expect(await valuesOf(L.room.dn, A.analogue)).toEqual([]);
    // The room's other facts (its people, its voicemail setting) stay for the record.
    expect(await valuesOf(L.room.dn, 'seeAlso')).toHaveLength(2);
    expect(await legacy.reactivateLine(room)).toBe('applied');
    expect(await valuesOf(L.room.dn, A.analogue)).toEqual([L.room.number]);
  });

  it('refuses an undo that cannot know where the line was, or whose entry is gone', async () => {
    const line = await legacy.snapshotLine(L.analogue.number);
    if (!line) throw new Error('72002 is seeded');
    expect((await systemFailure(legacy.reactivateLine({ ...line, holders: [] }))).message).toMatch(
      /does not say which entries/,
    );
    const gone = await systemFailure(
      legacy.reactivateLine({ ...line, holders: [`uid=nobody,${D.peopleDn}`] }),
    );
    expect(gone.transient).toBe(false);
    expect(gone.message).toMatch(/is gone/);
  });
});
