import { randomUUID } from 'node:crypto';
import { Attribute, Change, Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import { NumberState } from '../../libs/domain/number-state';
import { IpPhoneEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { expectedBootUrl } from '../../libs/reconciliation/expectations';
import { LandbNetworkDatabaseDriver } from '../../libs/systems/network/landb-network-database.driver';
import { startKamailio, type KamailioHandle } from '../servers/kamailio';
import { createKeaHostsDatabase, type KeaHostsDatabase } from '../servers/kea-hosts-database';
import { startLandbSoap, type LandbHandle } from '../servers/landb-soap';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import { ApiWorld } from '../support/api-world';
import { keaEnv, landbConfigFrom, landbEnv } from '../support/network-drivers';
import { kamailioEnv, ldapEnv } from '../support/real-drivers';
import { driftKey, reconciliationApi } from '../support/reconciliation-api';
import { requestPersonalNumber, resultOf } from '../support/workflow-helpers';

// Reconciliation and repair with every real driver it reads: the phonebook on slapd, the PBX on
// Kamailio's database, DHCP in Kea's PostgreSQL host backend and the network database on the LanDB
// endpoint. Numbers are provisioned by the real workflow; then each system is corrupted by hand, as
// an operator would, and the run must report exactly that drift, and none once it is repaired.

const D = SEEDED_DIRECTORY;
const DESK = D.logins.serviceDesk[0];
// MACs no other test file uses: workflow ids (phone-<mac>) are shared by every file on the run's Temporal server.
const PHONE_MACS = ['0004f2c10001', '0004f2c10002'];

describe('reconciliation and repair against slapd, Kamailio, Kea and LanDB', () => {
  let slapd: SlapdHandle;
  let kamailio: KamailioHandle;
  let keaDatabase: KeaHostsDatabase;
  let landb: LandbHandle;
  let api: ApiWorld;
  let desk: ReturnType<typeof reconciliationApi>;
  let kamailioSql: PgClient;
  let keaSql: PgClient;
  /** Owner login → the personal number the workflow gave them. */
  const numbers = new Map<string, string>();
  const owners = [D.logins.authorisedStaff, D.logins.authorisedFellow, D.logins.authorisedUser];

  beforeAll(async () => {
    [slapd, kamailio, keaDatabase, landb] = await Promise.all([
      startSlapd(),
      startKamailio(),
      createKeaHostsDatabase(),
      startLandbSoap(),
    ]);
    api = await ApiWorld.start({
      ...ldapEnv(slapd),
      ...kamailioEnv(kamailio),
      // The driver only reads and writes the host database: no kea-dhcp4 needed to judge it.
      ...keaEnv(keaDatabase, { subnetId: 1, reservedRange: { first: '10.99.0.10', last: '10.99.0.99' } }),
      ...landbEnv(landb),
    });
    await api.world.startWorker();
    desk = reconciliationApi(api, DESK);
    kamailioSql = new PgClient({ connectionString: kamailio.databaseUrl });
    keaSql = new PgClient({ connectionString: keaDatabase.url });
    await Promise.all([kamailioSql.connect(), keaSql.connect()]);
  });

  afterAll(async () => {
    await Promise.all([kamailioSql?.end(), keaSql?.end()]);
    await api?.stop();
    await Promise.all([slapd?.stop(), kamailio?.stop(), keaDatabase?.drop(), landb?.stop()]);
  });

  const numberOf = (login: string) => numbers.get(login)!;

  it('provisions numbers with the real workflow; with the phones put in place by repairs, nothing drifts', async () => {
    // The seeded phonebook lists legacy numbers inside the pools: the inventory knows them as LEGACY,
    // which reconciliation leaves to the old phonebook.
    const seededListings = [...Object.values(D.people).flatMap((p) => p.telephoneNumbers), '72010'];
    const inventory = api.world.dataSource.getRepository(PhoneNumberEntity);
    await inventory.update([...new Set(seededListings)], { state: NumberState.LEGACY });
    // The seeded shared number 65001 is active on the new system: its entry and its SIP account.
    await inventory.update('65001', {
      state: NumberState.ACTIVE,
      type: 'SHARED',
      ownerLogin: D.logins.authorisedStaff,
      description: 'IT help line',
      managersGroup: 'phone-mngr-65001',
    });
    await api.world.deps.pbx.createSipAccount({
      extension: '65001',
      displayName: 'IT help line',
      password: 'shared-line-secret',
    });

    for (const login of owners) {
      const progress = await resultOf(api.world.client, await requestPersonalNumber(api.world, login));
      expect(progress.status).toBe('COMPLETED');
      numbers.set(login, progress.result!.number);
    }

    // Two desk phones the inventory holds as active; nothing on the network side yet.
    for (const [i, mac] of PHONE_MACS.entries()) {
      const owner = owners[i];
      await api.world.dataSource.getRepository(IpPhoneEntity).insert({
        id: randomUUID(),
        mac,
        number: numberOf(owner),
        name: `TELEPHONE-${numberOf(owner)}`,
        modelId: 'polycom-vvx-450',
        office: '513/R-024',
        ownerLogin: owner,
        activation: 'ACTIVE',
        requestId: null,
        ipAddress: null,
        provisioningSecret: `secret-${i}`,
        lastFetchAt: null,
        activatedAt: new Date(),
      });
    }

    const first = await desk.reconcile(1000);
    expect(first.run.status).toBe('COMPLETED');
    expect(first.items.map(driftKey).sort()).toEqual(
      PHONE_MACS.flatMap((mac) => [`DHCP:${mac}:MISSING`, `NETWORK:${mac}:MISSING`]).sort(),
    );
    for (const mac of PHONE_MACS) expect((await desk.repair(mac)).status).toBe('COMPLETED');

    // The repairs wrote the real systems.
    expect([...landb.devices.keys()].sort()).toEqual(
      owners
        .slice(0, 2)
        .map((o) => `TELEPHONE-${numberOf(o)}`)
        .sort(),
    );
    const hosts = await keaSql.query<{ mac: string; hostname: string }>(
      "SELECT encode(dhcp_identifier, 'hex') AS mac, hostname FROM hosts ORDER BY 1",
    );
    expect(hosts.rows).toEqual(
      PHONE_MACS.map((mac, i) => ({ mac, hostname: `TELEPHONE-${numberOf(owners[i])}` })),
    );
    const bootUrls = await keaSql.query<{ value: string }>(
      'SELECT DISTINCT formatted_value AS value FROM dhcp4_options ORDER BY 1',
    );
    expect(bootUrls.rows.map((r) => r.value)).toEqual(
      PHONE_MACS.map((_, i) => expectedBootUrl(api.world.config.provisioningUrl, `secret-${i}`)).sort(),
    );

    const clean = await desk.reconcile(1000);
    expect(clean.run.status).toBe('COMPLETED');
    expect(clean.items).toEqual([]);
    const systems = Object.fromEntries(clean.run.systems.map((s) => [s.system, s]));
    // Every inventory number was read, plus each system's own items.
    expect(systems.PBX.checked).toBeGreaterThan(11_000);
    expect(systems.DHCP).toMatchObject({ status: 'DONE', checked: 2 * 2 });
  });

  it('reports exactly the drift made by hand in each system, repairs it, and then finds none', async () => {
    const [a, b, c] = owners;
    const [phoneA, phoneB] = PHONE_MACS;

    // PBX: a's subscriber row is deleted; a SIP account appears for a number nobody holds.
    await kamailioSql.query('DELETE FROM subscriber WHERE username = $1', [numberOf(a)]);
    await kamailioSql.query(
      "INSERT INTO subscriber (username, domain, ha1, ha1b) VALUES ('70999', $1, 'x', 'y')",
      [kamailio.domain],
    );
    // Phonebook: b's number is taken off b's entry; c's number is put on a's entry as well.
    const ldap = new LdapClient({ url: slapd.url });
    await ldap.bind(D.adminDn, D.adminPassword);
    const attr = (values: string[]) => new Attribute({ type: 'telephoneNumber', values });
    await ldap.modify(D.people[b].dn, new Change({ operation: 'delete', modification: attr([numberOf(b)]) }));
    await ldap.modify(D.people[a].dn, new Change({ operation: 'add', modification: attr([numberOf(c)]) }));
    // The shared number's entry gets another description.
    await ldap.modify(
      `cn=65001,${D.phonebookDn}`,
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'description', values: ['Old help line'] }),
      }),
    );
    await ldap.unbind();
    // DHCP: a's phone's reservation row is deleted; b's phone's is renamed.
    await keaSql.query("DELETE FROM hosts WHERE dhcp_identifier = decode($1, 'hex')", [phoneA]);
    await keaSql.query(
      "UPDATE hosts SET hostname = 'TELEPHONE-79999' WHERE dhcp_identifier = decode($1, 'hex')",
      [phoneB],
    );
    // Network database: b's phone's device is deleted in LanDB.
    const landbOperator = new LandbNetworkDatabaseDriver(landbConfigFrom(landbEnv(landb)));
    expect(await landbOperator.removeDevice(`TELEPHONE-${numberOf(b)}`)).toBe('applied');

    const report = await desk.reconcile(1000);
    expect(report.run.status).toBe('COMPLETED');
    expect(report.items.map(driftKey).sort()).toEqual(
      [
        `PBX:${numberOf(a)}:MISSING`,
        'PBX:70999:ORPHAN',
        `DIRECTORY:${numberOf(b)}:MISSING`,
        `DIRECTORY:${numberOf(c)}:ORPHAN`,
        'DIRECTORY:65001:MISMATCH',
        `DHCP:${phoneA}:MISSING`,
        `DHCP:${phoneB}:MISMATCH`,
        `NETWORK:${phoneB}:MISSING`,
      ].sort(),
    );
    const message = (key: string) => report.items.find((i) => driftKey(i) === key)?.message;
    expect(message(`PBX:${numberOf(a)}:MISSING`)).toBe(
      `number ${numberOf(a)}: ACTIVE in inventory, no SIP account on the PBX`,
    );
    expect(message(`DIRECTORY:${numberOf(b)}:MISSING`)).toBe(
      `number ${numberOf(b)}: ACTIVE in inventory, not listed under ${b} in the phonebook`,
    );
    expect(message(`DIRECTORY:${numberOf(c)}:ORPHAN`)).toBe(
      `number ${numberOf(c)} is listed under ${a} in the phonebook but belongs to ${c}`,
    );
    expect(message('DIRECTORY:65001:MISMATCH')).toBe(
      'phonebook entry of shared number 65001: description is "Old help line", not "IT help line"',
    );
    expect(message(`DHCP:${phoneB}:MISMATCH`)).toBe(
      `DHCP reservation for ${phoneB} names TELEPHONE-79999, not TELEPHONE-${numberOf(b)}`,
    );
    expect(message(`NETWORK:${phoneB}:MISSING`)).toBe(
      `phone ${phoneB} (TELEPHONE-${numberOf(b)}): ACTIVE in inventory, no device in the network database`,
    );

    const resources = [...new Set(report.items.map((i) => i.resource))].sort();
    for (const resource of resources) {
      const repaired = await desk.repair(resource);
      expect([resource, repaired.status, repaired.failureReason]).toEqual([resource, 'COMPLETED', null]);
    }

    // The real systems hold what the inventory says again.
    const subscribers = await kamailioSql.query<{ username: string }>(
      'SELECT username FROM subscriber ORDER BY username',
    );
    expect(subscribers.rows.map((r) => r.username)).toEqual(['65001', ...owners.map(numberOf)].sort());
    expect((await api.world.deps.directory.findPerson(a))?.phoneNumbers.sort()).toEqual(
      [numberOf(a), ...D.people[a].telephoneNumbers].sort(),
    );
    expect(await api.world.deps.directory.findPeopleByNumber(numberOf(b))).toEqual([b]);
    expect(await api.world.deps.directory.findPeopleByNumber(numberOf(c))).toEqual([c]);
    expect(await api.world.deps.directory.findListings!({ logins: [], sharedNumbers: ['65001'] })).toEqual([
      {
        number: '65001',
        kind: 'SHARED',
        entry: {
          number: '65001',
          description: 'IT help line',
          ownerLogin: a,
          managersGroup: 'phone-mngr-65001',
        },
      },
    ]);
    const hosts = await keaSql.query<{ mac: string; hostname: string }>(
      "SELECT encode(dhcp_identifier, 'hex') AS mac, hostname FROM hosts ORDER BY 1",
    );
    expect(hosts.rows).toEqual([
      { mac: phoneA, hostname: `TELEPHONE-${numberOf(a)}` },
      { mac: phoneB, hostname: `TELEPHONE-${numberOf(b)}` },
    ]);
    expect(landb.devices.get(`TELEPHONE-${numberOf(b)}`)?.NetworkInterfaceCards).toEqual([
      { HardwareAddress: '00-04-F2-C1-00-02', CardType: 'Ethernet' },
    ]);

    const again = await desk.reconcile(1000);
    expect(again.run.status).toBe('COMPLETED');
    expect(again.items).toEqual([]);
  });
});
