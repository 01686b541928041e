import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { Client, type Entry } from 'ldapts';
import { loadConfig } from '../../libs/config/app-config';
import { decideEligibility } from '../../libs/domain/eligibility';
import { LdapDirectoryDriver } from '../../libs/systems/directory/ldap-directory.driver';
import { SEEDED_DIRECTORY, startSlapd, type SeededPerson, type SlapdHandle } from '../servers/slapd';
import { freePort } from '../support/free-port';
import { ldapEnv } from '../support/real-drivers';
import { systemFailure } from '../support/system-failure';

const D = SEEDED_DIRECTORY;

function driverFor(url: string, extra: Record<string, string> = {}): LdapDirectoryDriver {
  const config = loadConfig(ldapEnv({ url }, extra));
  if (!config.ldap) throw new Error('no LDAP section');
  return new LdapDirectoryDriver(config.ldap);
}

/** Every entry with every attribute, as comparable text: what "nothing changed" means. */
async function snapshot(admin: Client): Promise<string[]> {
  const { searchEntries } = await admin.search(D.baseDn, { scope: 'sub', attributes: ['*'] });
  return searchEntries
    .map((entry: Entry) =>
      [
        entry.dn.toLowerCase(),
        ...Object.keys(entry)
          .filter((k) => k !== 'dn')
          .sort()
          .map((k) => {
            const v = entry[k];
            return `${k}=${(Array.isArray(v) ? v : [v]).map(String).sort().join('|')}`;
          }),
      ].join(';'),
    )
    .sort();
}

/** How many connections slapd accepted so far (its stats log has one ACCEPT line per connection). */
function acceptedConnections(slapd: SlapdHandle): number {
  return (readFileSync(slapd.logFile, 'utf8').match(/ ACCEPT from /g) ?? []).length;
}

describe('LDAP directory driver against a real slapd', () => {
  let slapd: SlapdHandle;
  let admin: Client;
  let directory: LdapDirectoryDriver;

  beforeAll(async () => {
    slapd = await startSlapd();
    admin = new Client({ url: slapd.url, timeout: 5_000 });
    await admin.bind(D.adminDn, D.adminPassword);
    directory = driverFor(slapd.url);
  });

  afterAll(async () => {
    await directory?.close();
    await admin?.unbind().catch(() => undefined);
    await slapd?.stop();
  });

  describe('reading people', () => {
    it('maps every seeded person, and eligibility decided from them matches the seed', async () => {
      const people: readonly SeededPerson[] = Object.values(D.people);
      for (const seeded of people) {
        const person = await directory.findPerson(seeded.uid);
        expect(person).toEqual({
          login: seeded.uid,
          displayName: seeded.cn,
          mail: seeded.mail,
          personnelClass: seeded.personnelClass,
          personnelSubCode: seeded.personnelSubCode ?? null,
          contractEnd: seeded.contractEnd
            ? new Date(
                `${seeded.contractEnd.slice(0, 4)}-${seeded.contractEnd.slice(4, 6)}-${seeded.contractEnd.slice(6, 8)}T${seeded.contractEnd.slice(8, 10)}:${seeded.contractEnd.slice(10, 12)}:${seeded.contractEnd.slice(12, 14)}Z`,
              )
            : null,
          office: seeded.office,
          unit: expect.any(String),
          supervisorLogin: seeded.manager ?? null,
          phoneNumbers: [...seeded.telephoneNumbers],
        });
        expect(decideEligibility(person!, new Date()).eligible).toBe(seeded.authorised);
      }
      expect((await directory.findPerson('asmith'))?.unit).toBe('IT-CS');
    });

    it('answers null for a login it does not know', async () => {
      expect(await directory.findPerson('nobody')).toBeNull();
      expect(await directory.findPerson('')).toBeNull();
    });

    it('finds every person a legacy number is listed under', async () => {
      expect(await directory.findPeopleByNumber('72003')).toEqual(['cgarcia', 'dkim']);
      expect(await directory.findPeopleByNumber('72001')).toEqual(['asmith']);
      expect(await directory.findPeopleByNumber('79999')).toEqual([]);
    });
  });

  describe('e-groups', () => {
    it('lists members and memberships', async () => {
      for (const group of Object.values(D.groups))
        expect(await directory.groupMembers(group.cn)).toEqual([...group.members].sort());
      expect(await directory.groupMembers('phone-mngr-99999')).toBeNull();
      expect(await directory.groupsOf('asmith')).toEqual(['it-cs', 'phone-mngr-65001']);
      expect(await directory.groupsOf('hnguyen')).toEqual(['it-cs', 'phone-service-desk']);
      expect(await directory.groupsOf('nobody')).toEqual([]);
    });

    it('creates, updates and deletes a managers e-group, idempotently', async () => {
      const name = 'phone-mngr-65002';
      const group = {
        name,
        description: 'Managers of 65002',
        ownerLogin: 'cgarcia',
        members: ['dkim', 'cgarcia'],
      };
      expect(await directory.createGroup(group)).toBe('applied');
      expect(await directory.createGroup(group)).toBe('unchanged');
      expect(await directory.groupMembers(name)).toEqual(['cgarcia', 'dkim']);
      expect(await directory.groupsOf('dkim')).toContain(name);
      const { searchEntries } = await admin.search(`cn=${name},${D.groupsDn}`, { scope: 'base' });
      expect(searchEntries[0]).toMatchObject({
        owner: D.people.cgarcia.dn,
        description: 'Managers of 65002',
      });

      expect(await directory.setGroupMembers(name, ['dkim'])).toBe('applied');
      expect(await directory.setGroupMembers(name, ['dkim'])).toBe('unchanged');
      expect(await directory.groupMembers(name)).toEqual(['dkim']);
      // groupOfNames needs a member: an emptied group keeps itself as placeholder, invisible here.
      expect(await directory.setGroupMembers(name, [])).toBe('applied');
      expect(await directory.groupMembers(name)).toEqual([]);
      expect(await directory.setGroupMembers(name, [])).toBe('unchanged');

      // A change of owner moves the group's owner attribute to the new person's entry.
      expect(await directory.setGroupOwner(name, 'dkim')).toBe('applied');
      expect(await directory.setGroupOwner(name, 'dkim')).toBe('unchanged');
      const afterOwner = await admin.search(`cn=${name},${D.groupsDn}`, { scope: 'base' });
      expect(afterOwner.searchEntries[0]).toMatchObject({ owner: D.people.dkim.dn });
      const unknownOwner = await systemFailure(directory.setGroupOwner(name, 'ghost'));
      expect(unknownOwner).toMatchObject({ transient: false, message: expect.stringContaining('no person') });

      expect(await directory.deleteGroup(name)).toBe('applied');
      expect(await directory.deleteGroup(name)).toBe('unchanged');
      expect(await directory.groupMembers(name)).toBeNull();
    });

    it('refuses members the directory does not know, and changes nothing', async () => {
      const before = await snapshot(admin);
      const created = await systemFailure(
        directory.createGroup({
          name: 'phone-mngr-65003',
          description: '',
          ownerLogin: 'asmith',
          members: ['ghost'],
        }),
      );
      expect(created.transient).toBe(false);
      const updated = await systemFailure(directory.setGroupMembers('phone-mngr-65001', ['asmith', 'ghost']));
      expect(updated.transient).toBe(false);
      const missing = await systemFailure(directory.setGroupMembers('phone-mngr-99999', ['asmith']));
      expect(missing).toMatchObject({ transient: false, message: expect.stringContaining('does not exist') });
      expect(await snapshot(admin)).toEqual(before);
    });
  });

  describe('the phonebook', () => {
    it('publishes and unpublishes a personal number on the person, idempotently', async () => {
      expect(await directory.publishPersonalNumber('bwong', '70123')).toBe('applied');
      expect(await directory.publishPersonalNumber('bwong', '70123')).toBe('unchanged');
      expect((await directory.findPerson('bwong'))?.phoneNumbers.sort()).toEqual(['70123', '72002']);
      expect(await directory.findPeopleByNumber('70123')).toEqual(['bwong']);

      expect(await directory.unpublishPersonalNumber('bwong', '70123')).toBe('applied');
      expect(await directory.unpublishPersonalNumber('bwong', '70123')).toBe('unchanged');
      expect((await directory.findPerson('bwong'))?.phoneNumbers).toEqual(['72002']);
      expect(await directory.unpublishPersonalNumber('nobody', '70123')).toBe('unchanged');
    });

    it('refuses to publish under a person it does not know (permanent)', async () => {
      const error = await systemFailure(directory.publishPersonalNumber('nobody', '70124'));
      expect(error).toMatchObject({ transient: false, system: 'directory' });
    });

    it('creates, updates and removes a shared number entry carrying its description', async () => {
      const entry = {
        number: '65002',
        description: 'Lab 4 bench',
        ownerLogin: 'cgarcia',
        managersGroup: 'phone-mngr-65002',
      };
      expect(await directory.publishSharedNumber(entry)).toBe('applied');
      expect(await directory.publishSharedNumber(entry)).toBe('unchanged');
      const read = async () =>
        (await admin.search(`cn=65002,${D.phonebookDn}`, { scope: 'base' })).searchEntries[0];
      expect(await read()).toMatchObject({
        objectClass: 'organizationalRole',
        cn: '65002',
        telephoneNumber: '65002',
        description: 'Lab 4 bench',
        roleOccupant: D.people.cgarcia.dn,
        seeAlso: `cn=phone-mngr-65002,${D.groupsDn}`,
      });

      expect(await directory.publishSharedNumber({ ...entry, description: 'Lab 4, bench (new)' })).toBe(
        'applied',
      );
      expect(await read()).toMatchObject({
        description: 'Lab 4, bench (new)',
        roleOccupant: D.people.cgarcia.dn,
      });
      expect(
        await directory.publishSharedNumber({
          ...entry,
          ownerLogin: 'dkim',
          description: 'Lab 4, bench (new)',
        }),
      ).toBe('applied');
      expect(await read()).toMatchObject({ roleOccupant: D.people.dkim.dn });

      expect(await directory.unpublishSharedNumber('65002')).toBe('applied');
      expect(await directory.unpublishSharedNumber('65002')).toBe('unchanged');
      expect(await read().catch(() => undefined)).toBeUndefined();
    });

    it('reads the seeded shared number as already published', async () => {
      const seeded = D.phonebook.shared65001;
      expect(
        await directory.publishSharedNumber({
          number: seeded.number,
          description: seeded.description,
          ownerLogin: seeded.owner,
          managersGroup: seeded.managersGroup,
        }),
      ).toBe('unchanged');
    });
  });

  describe('LDAP injection', () => {
    const payloads = [
      '*)(uid=*',
      '\\00',
      'asmith\u0000',
      ')(|(objectClass=*)',
      '*',
      'asmith)(|(uid=*',
      `uid=asmith,${D.peopleDn}`,
      'a,b+c=d',
      ' #leading and trailing ',
      '\\2a',
    ];

    it.each(payloads)(
      'matches nothing and changes nothing with %j in a login, group or number',
      async (payload) => {
        const before = await snapshot(admin);
        expect(await directory.findPerson(payload)).toBeNull();
        expect(await directory.findPeopleByNumber(payload)).toEqual([]);
        expect(await directory.groupMembers(payload)).toBeNull();
        expect(await directory.groupsOf(payload)).toEqual([]);
        expect(await directory.unpublishPersonalNumber(payload, '72001')).toBe('unchanged');
        expect(await directory.unpublishPersonalNumber('asmith', payload)).toBe('unchanged');
        expect(await directory.unpublishSharedNumber(payload)).toBe('unchanged');
        expect(await directory.deleteGroup(payload)).toBe('unchanged');
        expect((await systemFailure(directory.publishPersonalNumber(payload, '70999'))).transient).toBe(
          false,
        );
        expect((await systemFailure(directory.setGroupMembers(payload, ['asmith']))).transient).toBe(false);
        expect(
          (await systemFailure(directory.setGroupMembers('phone-mngr-65001', [payload]))).transient,
        ).toBe(false);
        const owner = await systemFailure(
          directory.publishSharedNumber({
            number: '65009',
            description: 'x',
            ownerLogin: payload,
            managersGroup: 'g',
          }),
        );
        expect(owner.transient).toBe(false);
        expect(await snapshot(admin)).toEqual(before);
      },
    );

    it.each(payloads)(
      'names exactly one new e-group %j, under the groups branch, when a DN is built from it',
      async (payload) => {
        const before = await snapshot(admin);
        const group = `phone-mngr-${payload}`;
        const definition = { name: group, description: payload, ownerLogin: 'asmith', members: ['asmith'] };
        expect(await directory.createGroup(definition)).toBe('applied');
        expect(await directory.createGroup(definition)).toBe('unchanged');

        const added = (await snapshot(admin)).filter((line) => !before.includes(line));
        expect(added).toHaveLength(1);
        const { searchEntries } = await admin.search(D.groupsDn, {
          scope: 'one',
          attributes: ['cn', 'description'],
        });
        expect(searchEntries.filter((e) => e.cn === group)).toEqual([
          expect.objectContaining({ cn: group, description: payload }),
        ]);
        expect(await directory.groupMembers(group)).toEqual(['asmith']);
        expect(await directory.groupsOf('asmith')).toContain(group);

        expect(await directory.deleteGroup(group)).toBe('applied');
        expect(await snapshot(admin)).toEqual(before);
      },
    );

    // A shared number's entry is named after the number; telephoneNumber only takes PrintableString
    // (RFC 4517), so slapd refuses most payloads there: permanently, and with nothing written.
    const printable = (text: string) => /^[A-Za-z0-9'()+,\-./:?= ]+$/.test(text);

    it.each(payloads)(
      'writes the phonebook entry %j literally or refuses it, and nothing else',
      async (payload) => {
        const before = await snapshot(admin);
        const entry = {
          number: payload,
          description: payload,
          ownerLogin: 'asmith',
          managersGroup: 'phone-mngr-65001',
        };
        if (!printable(payload)) {
          expect((await systemFailure(directory.publishSharedNumber(entry))).transient).toBe(false);
          expect(await snapshot(admin)).toEqual(before);
          return;
        }
        expect(await directory.publishSharedNumber(entry)).toBe('applied');
        expect(await directory.publishSharedNumber(entry)).toBe('unchanged');
        const added = (await snapshot(admin)).filter((line) => !before.includes(line));
        expect(added).toHaveLength(1);
        const { searchEntries } = await admin.search(D.phonebookDn, {
          scope: 'one',
          attributes: ['cn', 'telephoneNumber'],
        });
        expect(searchEntries.filter((e) => e.cn === payload)).toEqual([
          expect.objectContaining({ telephoneNumber: payload }),
        ]);
        expect(await directory.unpublishSharedNumber(payload)).toBe('applied');
        expect(await snapshot(admin)).toEqual(before);
      },
    );
  });

  describe('the connection', () => {
    it('reuses one connection for many operations', async () => {
      const fresh = driverFor(slapd.url);
      try {
        const before = acceptedConnections(slapd);
        for (let i = 0; i < 10; i += 1) await fresh.findPerson('asmith');
        await fresh.groupsOf('asmith');
        expect(acceptedConnections(slapd) - before).toBe(1);
        expect(fresh.connections).toBe(1);
      } finally {
        await fresh.close();
      }
      expect(fresh.isConnected).toBe(false);
    });

    it('reconnects and binds again after the server restarts mid-session', async () => {
      expect(await directory.findPerson('asmith')).not.toBeNull();
      const binds = directory.connections;
      await slapd.restart();
      // The old socket is dead; the next calls reconnect once between them, even when concurrent.
      const logins = await Promise.all(
        ['asmith', 'bwong', 'cgarcia', 'dkim'].map((l) => directory.findPerson(l)),
      );
      expect(logins.map((p) => p?.login)).toEqual(['asmith', 'bwong', 'cgarcia', 'dkim']);
      expect(directory.connections).toBe(binds + 1);
      // Writes need the bind (anonymous may only read): proves the new connection is authenticated.
      expect(await directory.publishPersonalNumber('gpetit', '70777')).toBe('applied');
      expect(await directory.unpublishPersonalNumber('gpetit', '70777')).toBe('applied');
      await admin.unbind().catch(() => undefined);
      admin = new Client({ url: slapd.url, timeout: 5_000 });
      await admin.bind(D.adminDn, D.adminPassword);
    });

    it('classifies calls as transient while the server is down, and recovers when it is back', async () => {
      const second = await startSlapd();
      const port = second.port;
      const driver = driverFor(second.url);
      let third: SlapdHandle | undefined;
      try {
        expect(await driver.findPerson('asmith')).not.toBeNull();
        await second.stop();
        for (const call of [
          () => driver.findPerson('asmith'),
          () => driver.publishPersonalNumber('asmith', '70888'),
          () => driver.groupsOf('asmith'),
        ]) {
          const error = await systemFailure(call());
          expect(error).toMatchObject({ transient: true, system: 'directory' });
          expect(error.message).toMatch(/ECONNREFUSED|connect/i);
        }
        third = await startSlapd({ port });
        expect((await driver.findPerson('asmith'))?.login).toBe('asmith');
      } finally {
        await driver.close();
        await third?.stop();
      }
    });

    it('classifies a server that never answers as transient (timeout)', async () => {
      const sockets = new Set<Socket>();
      const silent: Server = createServer((socket) => {
        sockets.add(socket);
      });
      const port = await freePort();
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
      const driver = driverFor(`ldap://127.0.0.1:${port}`, { LDAP_TIMEOUT_MS: '300' });
      try {
        const error = await systemFailure(driver.findPerson('asmith'));
        expect(error).toMatchObject({ transient: true });
        expect(error.message).toMatch(/timed out/i);
      } finally {
        await driver.close();
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('classifies a wrong bind password as transient (a configuration problem to park for a person)', async () => {
      const driver = driverFor(slapd.url, { LDAP_BIND_PASSWORD: 'wrong' });
      try {
        const error = await systemFailure(driver.findPerson('asmith'));
        expect(error).toMatchObject({ transient: true });
        expect(error.message).toMatch(/Invalid credentials|0x31/i);
      } finally {
        await driver.close();
      }
    });
  });
});
