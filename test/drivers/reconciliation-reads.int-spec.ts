import { Client as PgClient } from 'pg';
import { loadConfig } from '../../libs/config/app-config';
import { KeaDhcpDriver } from '../../libs/systems/dhcp/kea-dhcp.driver';
import type { PublishedNumber } from '../../libs/systems/directory/directory.port';
import { LdapDirectoryDriver } from '../../libs/systems/directory/ldap-directory.driver';
import { LandbNetworkDatabaseDriver } from '../../libs/systems/network/landb-network-database.driver';
import { officeLocation } from '../../libs/systems/network/office-location';
import { KamailioPbxDriver } from '../../libs/systems/pbx/kamailio-pbx.driver';
import { startKamailio, type KamailioHandle } from '../servers/kamailio';
import { createKeaHostsDatabase, type KeaHostsDatabase } from '../servers/kea-hosts-database';
import { startLandbSoap, type LandbHandle } from '../servers/landb-soap';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import { keaConfigFrom, keaEnv, landbConfigFrom, landbEnv } from '../support/network-drivers';
import { kamailioEnv, ldapEnv } from '../support/real-drivers';

// The reconciliation reads of the real drivers against the real servers: key-ordered pages that
// follow each other without gaps or repeats, and bulk lookups that answer only what exists.

/** Every page of a scan, following `next` (or a full page's last key) until a short page. */
async function scanAll<T>(
  read: (after: string | undefined) => Promise<{ items: T[]; next?: string }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string | undefined;
  do {
    const { items, next } = await read(after);
    pages.push(items);
    after = next;
  } while (after !== undefined && pages.length < 100);
  return pages;
}

const keyed = <T>(items: T[], key: (item: T) => string, limit: number) => ({
  items,
  next: items.length === limit ? key(items[items.length - 1]) : undefined,
});

describe('reconciliation reads of the real drivers', () => {
  describe('Kamailio: subscriber rows of the domain', () => {
    let kamailio: KamailioHandle;
    let pbx: KamailioPbxDriver;

    beforeAll(async () => {
      kamailio = await startKamailio();
      const config = loadConfig(kamailioEnv(kamailio));
      pbx = new KamailioPbxDriver(config.kamailio!, config.sip.domain);
    });
    afterAll(async () => {
      await pbx?.close();
      await kamailio?.stop();
    });

    it('lists accounts in extension order, page by page, with display names, and finds some in bulk', async () => {
      for (const n of ['70005', '70001', '70003', '70002', '70004']) {
        await pbx.createSipAccount({ extension: n, displayName: `Line ${n}`, password: 'pw' });
      }
      // Another domain's subscriber is not this PBX's.
      const sql = new PgClient({ connectionString: kamailio.databaseUrl });
      await sql.connect();
      await sql.query(
        "INSERT INTO subscriber (username, domain, ha1, ha1b) VALUES ('70000', 'elsewhere.test', 'x', 'y')",
      );
      await sql.end();

      const pages = await scanAll(async (after) =>
        keyed(await pbx.listSipAccounts({ after, limit: 2 }), (a) => a.extension, 2),
      );
      expect(pages.map((p) => p.map((a) => a.extension))).toEqual([
        ['70001', '70002'],
        ['70003', '70004'],
        ['70005'],
      ]);
      expect(pages[0][0]).toEqual({ extension: '70001', displayName: 'Line 70001' });
      expect(await pbx.findSipAccounts(['70004', '79999', '70001', '70000'])).toEqual([
        { extension: '70001', displayName: 'Line 70001' },
        { extension: '70004', displayName: 'Line 70004' },
      ]);
      expect(await pbx.findSipAccounts([])).toEqual([]);
    });
  });

  describe('Kea: reservations of the subnet in the host backend', () => {
    let database: KeaHostsDatabase;
    let dhcp: KeaDhcpDriver;

    beforeAll(async () => {
      database = await createKeaHostsDatabase();
      // Only the host database is read and written here: no kea-dhcp4 needed.
      dhcp = new KeaDhcpDriver(
        keaConfigFrom(
          keaEnv(database, { subnetId: 1, reservedRange: { first: '10.99.0.10', last: '10.99.0.99' } }),
        ),
      );
    });
    afterAll(async () => {
      await dhcp?.onApplicationShutdown();
      await database?.drop();
    });

    it('lists reservations in MAC order with hostname and boot URL, and finds some in bulk', async () => {
      const macs = ['0004f2000005', '0004f2000001', '0004f2000004', '0004f2000002', '0004f2000003'];
      for (const [i, mac] of macs.entries()) {
        await dhcp.reserveHost({ mac, hostname: `TELEPHONE-7000${i}`, bootUrl: `http://prov/${i}/` });
      }
      // Another subnet's host is not Switchboard's.
      const sql = new PgClient({ connectionString: database.url });
      await sql.connect();
      await sql.query(
        "INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address, hostname) VALUES ('\\x0004f2000000', 0, 2, 1, 'x')",
      );
      await sql.end();

      const pages = await scanAll(async (after) =>
        keyed(await dhcp.listReservations({ after, limit: 2 }), (r) => r.mac, 2),
      );
      expect(pages.map((p) => p.map((r) => r.mac))).toEqual([
        ['0004f2000001', '0004f2000002'],
        ['0004f2000003', '0004f2000004'],
        ['0004f2000005'],
      ]);
      expect(pages[0][0]).toEqual({
        mac: '0004f2000001',
        hostname: 'TELEPHONE-70001',
        ipAddress: '10.99.0.11',
        bootUrl: 'http://prov/1/',
      });
      const found = await dhcp.findReservations(['0004f2000004', '0004f20000ff', '00:04:F2:00:00:01']);
      expect(found.map((r) => [r.mac, r.hostname])).toEqual([
        ['0004f2000001', 'TELEPHONE-70001'],
        ['0004f2000004', 'TELEPHONE-70002'],
      ]);
    });
  });

  describe('LanDB: searchDevice once per scan, getDeviceInfoArray per page', () => {
    let landb: LandbHandle;
    let network: LandbNetworkDatabaseDriver;

    beforeAll(async () => {
      landb = await startLandbSoap();
      network = new LandbNetworkDatabaseDriver(landbConfigFrom(landbEnv(landb)));
    });
    afterAll(async () => {
      await landb?.stop();
    });

    it('lists phones in name order, skips one removed mid-scan, and finds by names and by MAC', async () => {
      for (const n of [5, 1, 3, 2, 4, 6]) {
        await network.registerDevice({
          name: `TELEPHONE-7000${n}`,
          location: officeLocation('513/R-024'),
          manufacturer: 'POLYCOM',
          model: 'VVX 450',
          responsible: 'asmith',
          user: 'asmith',
          mac: `0004f200000${n}`,
        });
      }
      const before = landb.calls.length;
      const first = await network.listDevices({ namePrefix: 'TELEPHONE-', limit: 2 });
      // Removed after the search: the next page is still full, filled from the names after it.
      await network.removeDevice('TELEPHONE-70003');
      const second = await network.listDevices({ namePrefix: 'TELEPHONE-', after: first[1].name, limit: 2 });
      const third = await network.listDevices({ namePrefix: 'TELEPHONE-', after: second[1].name, limit: 2 });
      expect([first, second, third].map((p) => p.map((d) => d.name))).toEqual([
        ['TELEPHONE-70001', 'TELEPHONE-70002'],
        ['TELEPHONE-70004', 'TELEPHONE-70005'],
        ['TELEPHONE-70006'],
      ]);
      expect(first[0]).toMatchObject({ mac: '0004f2000001', responsible: 'asmith', model: 'VVX 450' });
      const operations = landb.calls.slice(before).map((c) => c.operation);
      expect(operations.filter((o) => o === 'searchDevice')).toHaveLength(1);
      expect(operations.filter((o) => o === 'getDeviceInfo')).toHaveLength(0);

      expect(
        (await network.findDevices(['TELEPHONE-70006', 'TELEPHONE-79999', 'TELEPHONE-70001'])).map(
          (d) => d.name,
        ),
      ).toEqual(['TELEPHONE-70006', 'TELEPHONE-70001']);
      expect(await network.findDeviceByMac('0004f2000004')).toMatchObject({ name: 'TELEPHONE-70004' });
      expect(await network.findDeviceByMac('0004f20000ff')).toBeNull();
    });
  });

  describe('LDAP: paged read of people and phonebook entries, escaped OR filters', () => {
    let slapd: SlapdHandle;
    let directory: LdapDirectoryDriver;

    beforeAll(async () => {
      slapd = await startSlapd();
      directory = new LdapDirectoryDriver(loadConfig(ldapEnv(slapd)).ldap!);
    });
    afterAll(async () => {
      await directory?.close();
      await slapd?.stop();
    });

    const where = (l: PublishedNumber) => `${l.number} ${l.kind === 'PERSON' ? l.login : 'shared'}`;

    it('pages through every listing in number order and agrees with the bulk lookup', async () => {
      await directory.publishPersonalNumber('asmith', '70001');
      const pages = await scanAll((after) =>
        directory
          .listPublishedNumbers({ after, limit: 3 })
          .then((p) => ({ items: p.listings, next: p.next })),
      );
      const all = pages.flat();
      expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
      const expected = [
        ...Object.values(SEEDED_DIRECTORY.people).flatMap((p) =>
          p.telephoneNumbers.map((n) => `${n} ${p.uid}`),
        ),
        '70001 asmith',
        '65001 shared',
        '72010 shared',
      ].sort();
      expect(all.map(where)).toEqual(expected);
      expect(all.find((l) => l.number === '65001')).toEqual({
        number: '65001',
        kind: 'SHARED',
        entry: {
          number: '65001',
          description: 'IT help line',
          ownerLogin: 'asmith',
          managersGroup: 'phone-mngr-65001',
        },
      });

      const found = await directory.findListings({
        logins: ['asmith', 'dkim'],
        sharedNumbers: ['65001', '69999'],
      });
      expect(found.map(where).sort()).toEqual(
        all
          .filter(
            (l) => (l.kind === 'PERSON' && ['asmith', 'dkim'].includes(l.login)) || l.number === '65001',
          )
          .map(where)
          .sort(),
      );
    });

    it('matches logins and numbers literally: filter syntax in a value finds nothing', async () => {
      expect(await directory.findListings({ logins: ['*', '*)(uid=*'], sharedNumbers: ['*'] })).toEqual([]);
    });
  });
});
