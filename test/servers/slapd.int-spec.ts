import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client, InvalidCredentialsError, type Entry } from 'ldapts';
import { tcpAccepts } from './daemon';
import {
  SEEDED_DIRECTORY,
  seededPersonPassword,
  startSlapd,
  type SeededPerson,
  type SlapdHandle,
} from './slapd';

const D = SEEDED_DIRECTORY;

function first(entry: Entry, attribute: string): string | undefined {
  const value = entry[attribute];
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  const head = values[0];
  return head === undefined ? undefined : head.toString();
}

function all(entry: Entry, attribute: string): string[] {
  const value = entry[attribute];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.toString());
}

describe('slapd harness', () => {
  let slapd: SlapdHandle | undefined;
  let client: Client | undefined;

  const server = (): SlapdHandle => {
    if (!slapd) throw new Error('slapd did not start');
    return slapd;
  };

  async function adminClient(): Promise<Client> {
    const c = new Client({ url: server().url, timeout: 5_000, connectTimeout: 5_000 });
    await c.bind(D.adminDn, D.adminPassword);
    return c;
  }

  beforeAll(async () => {
    slapd = await startSlapd();
    client = await adminClient();
  });

  afterAll(async () => {
    await client?.unbind().catch(() => undefined);
    await slapd?.stop();
  });

  it('serves the seeded base on a high loopback port, as the openldap account when started by root', () => {
    expect(server().port).toBeGreaterThan(1024);
    expect(server().url).toBe(`ldap://127.0.0.1:${server().port}/`);
    const status = readFileSync(`/proc/${server().pid()}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    if (process.getuid?.() === 0) expect(uid).not.toBe(0);
    else expect(uid).toBe(process.getuid?.());
  });

  it('holds every seeded person with the facts SEEDED_DIRECTORY exports', async () => {
    const { searchEntries } = await client!.search(D.peopleDn, {
      scope: 'one',
      filter: '(objectClass=switchboardPerson)',
      attributes: ['*'],
    });
    const people: readonly SeededPerson[] = Object.values(D.people);
    expect(searchEntries.map((e) => first(e, 'uid')).sort()).toEqual(people.map((p) => p.uid).sort());
    for (const expected of people) {
      const entry = searchEntries.find((e) => first(e, 'uid') === expected.uid)!;
      expect({
        dn: entry.dn,
        cn: first(entry, 'cn'),
        mail: first(entry, 'mail'),
        personnelClass: first(entry, 'personnelClass'),
        personnelSubCode: first(entry, 'personnelSubCode'),
        contractEnd: first(entry, 'contractEnd'),
        office: first(entry, 'physicalDeliveryOfficeName'),
        roomNumber: first(entry, 'roomNumber'),
        manager: first(entry, 'manager'),
        telephoneNumbers: all(entry, 'telephoneNumber').sort(),
        hasNames: Boolean(first(entry, 'sn')) && Boolean(first(entry, 'givenName')),
      }).toEqual({
        dn: expected.dn,
        cn: expected.cn,
        mail: expected.mail,
        personnelClass: expected.personnelClass,
        personnelSubCode: expected.personnelSubCode,
        contractEnd: expected.contractEnd,
        office: expected.office,
        roomNumber: expected.office,
        manager: expected.manager === undefined ? undefined : `uid=${expected.manager},${D.peopleDn}`,
        telephoneNumbers: [...expected.telephoneNumbers].sort(),
        hasNames: true,
      });
    }
  });

  it('covers every class and EXTN code of the eligibility rule (docs/domain.md §2), and the ended contracts', () => {
    const people: readonly SeededPerson[] = Object.values(D.people);
    const key = (p: SeededPerson): string =>
      p.personnelSubCode ? `${p.personnelClass}/${p.personnelSubCode}` : p.personnelClass;
    const unauthorisedClasses = ['EXMP', 'PART', 'RETP', 'RETR', 'EXTN', 'EXTN/CONT'];
    expect(
      people
        .filter((p) => !p.authorised && !p.contractEnded)
        .map(key)
        .sort(),
    ).toEqual(unauthorisedClasses.sort());
    expect(people.filter((p) => p.authorised).map(key)).toEqual(
      expect.arrayContaining([
        'STAF',
        'FELL',
        'USER',
        'ASSOC',
        'COAS',
        'EXTN/HONO',
        'EXTN/ILOF',
        'EXTN/SCIE',
        'EXTN/STAG',
      ]),
    );
    const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    for (const p of people)
      expect(p.contractEnded).toBe(p.contractEnd !== undefined && p.contractEnd.slice(0, 14) < now);
  });

  it('lets people bind with their password and refuses a wrong one', async () => {
    const person = D.people.asmith;
    const c = new Client({ url: server().url, timeout: 5_000 });
    try {
      await c.bind(person.dn, seededPersonPassword(person.uid));
      await expect(c.bind(person.dn, 'wrong-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      await c.unbind();
    }
  });

  it('lists one legacy number under several people and others under exactly one', async () => {
    const holders = async (number: string): Promise<string[]> => {
      const { searchEntries } = await client!.search(D.peopleDn, {
        filter: `(telephoneNumber=${number})`,
        attributes: ['uid'],
      });
      return searchEntries.map((e) => first(e, 'uid')!).sort();
    };
    for (const [number, uids] of Object.entries(D.legacyNumbers.sharedListing))
      expect(await holders(number)).toEqual([...uids].sort());
    for (const [number, uid] of Object.entries({
      ...D.legacyNumbers.soleHolder,
      ...D.legacyNumbers.unauthorisedHolder,
      ...D.legacyNumbers.endedHolder,
    })) {
      expect(await holders(number)).toEqual([uid]);
    }
  });

  it('holds the e-groups and the phonebook entries of shared numbers', async () => {
    for (const group of Object.values(D.groups)) {
      const { searchEntries } = await client!.search(group.dn, {
        scope: 'base',
        attributes: ['member', 'objectClass'],
      });
      expect(all(searchEntries[0], 'objectClass')).toContain('groupOfNames');
      expect(all(searchEntries[0], 'member').sort()).toEqual(
        group.members.map((m) => `uid=${m},${D.peopleDn}`).sort(),
      );
    }
    const { searchEntries } = await client!.search(D.phonebook.shared65001.dn, { scope: 'base' });
    const entry = searchEntries[0];
    expect(first(entry, 'telephoneNumber')).toBe(D.phonebook.shared65001.number);
    expect(first(entry, 'description')).toBe(D.phonebook.shared65001.description);
    expect(first(entry, 'roleOccupant')).toBe(D.people.asmith.dn);
    expect(first(entry, 'seeAlso')).toBe(D.groups.managers65001.dn);
    const legacy = await client!.search(D.phonebook.legacyService72010.dn, { scope: 'base' });
    expect(first(legacy.searchEntries[0], 'roleOccupant')).toBe(D.people.cgarcia.dn);
  });

  it('accepts writes from the admin only, and keeps them across a restart on the same port', async () => {
    const anonymous = new Client({ url: server().url, timeout: 5_000 });
    try {
      await expect(
        anonymous.modify(
          D.people.bwong.dn,
          new Change({
            operation: 'add',
            modification: new Attribute({ type: 'telephoneNumber', values: ['70001'] }),
          }),
        ),
      ).rejects.toThrow();
    } finally {
      await anonymous.unbind();
    }
    await client!.modify(
      D.people.bwong.dn,
      new Change({
        operation: 'add',
        modification: new Attribute({ type: 'telephoneNumber', values: ['70001'] }),
      }),
    );

    const { port } = server();
    const pidBefore = server().pid();
    await client!.unbind();
    await server().restart();
    expect(server().port).toBe(port);
    expect(server().pid()).not.toBe(pidBefore);
    expect(existsSync(`/proc/${pidBefore}`)).toBe(false);

    client = await adminClient();
    const { searchEntries } = await client.search(D.people.bwong.dn, {
      scope: 'base',
      attributes: ['telephoneNumber'],
    });
    expect(all(searchEntries[0], 'telephoneNumber').sort()).toEqual(['70001', '72002']);
  });

  it('fails startup with the daemon log tail when the port is taken', async () => {
    await expect(startSlapd({ port: server().port, startTimeoutMs: 15_000 })).rejects.toThrow(
      /slapd: exited[\s\S]*tail of[\s\S]*(bind|Address already in use)/,
    );
  });

  it('fails startup with slapadd output for an invalid LDIF', async () => {
    const bad = join(tmpdir(), `switchboard-bad-${process.pid}.ldif`);
    writeFileSync(bad, 'dn: uid=nobody,ou=nowhere,dc=elsewhere\nobjectClass: inetOrgPerson\nuid: nobody\n');
    try {
      await expect(startSlapd({ ldifPath: bad })).rejects.toThrow(/slapadd failed/);
    } finally {
      rmSync(bad, { force: true });
    }
  });

  it('stops by PID and removes its temp dir', async () => {
    const { port, tempDir } = server();
    const pid = server().pid();
    await client!.unbind();
    client = undefined;
    await server().stop();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(tempDir)).toBe(false);
    expect(await tcpAccepts('127.0.0.1', port)).toBe(false);
  });
});
