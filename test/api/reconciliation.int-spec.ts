import { createHash, randomUUID } from 'node:crypto';
import { IpPhoneEntity, PhoneNumberEntity, ResourceLockEntity } from '../../libs/persistence/entities';
import { SandboxDhcpDriver } from '../../libs/systems/dhcp/sandbox-dhcp.driver';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { SandboxNetworkDatabaseDriver } from '../../libs/systems/network/sandbox-network-database.driver';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { SipCredentialVault } from '../../libs/systems/pbx/sip-credentials';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import {
  RECONCILIATION_GQL,
  type ReconciliationReport,
  type RepairRequestView,
} from '../support/reconciliation-api';

const { start: START, report: REPORT, repair: REPAIR, request: REQUEST } = RECONCILIATION_GQL;
const REQUEST_PERSONAL_NUMBER = `mutation { requestPersonalNumber { id } }`;
type Report = ReconciliationReport;
type RequestView = RepairRequestView;

const mac = (n: number) => `0004f2ee${String(n).padStart(4, '0')}`;

describe('reconciliation and repair (API + worker + PostgreSQL + Temporal, sandbox systems)', () => {
  let api: ApiWorld;
  let desk: string;
  let pbx: SandboxPbxDriver;
  let directory: SandboxDirectoryDriver;
  let network: SandboxNetworkDatabaseDriver;
  let dhcp: SandboxDhcpDriver;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
    const { sandbox } = api.world;
    pbx = new SandboxPbxDriver(sandbox, api.world.config.sip.domain);
    directory = new SandboxDirectoryDriver(sandbox);
    network = new SandboxNetworkDatabaseDriver(sandbox);
    dhcp = new SandboxDhcpDriver(sandbox);
    desk = (await seedPerson(sandbox)).login;
    await directory.createGroup({
      name: 'phone-service-desk',
      description: 'desk',
      ownerLogin: desk,
      members: [desk],
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, user = desk) => {
    const response = await api.graphql<T>(query, { user, variables });
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 120_000;
    let last: T | undefined;
    while (Date.now() < deadline) {
      last = await read();
      if (done(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${what} never finished: ${JSON.stringify(last)}`);
  }

  /** Runs a reconciliation to its end and returns every drift item (all pages). */
  async function reconcile(pageSize = 500): Promise<Report> {
    const { startReconciliation } = await gql<{ startReconciliation: { id: string } }>(START, { pageSize });
    const finished = await poll(
      async () =>
        (await gql<{ reconciliationReport: Report }>(REPORT, { id: startReconciliation.id, first: 1000 }))
          .reconciliationReport,
      (r) => r.run.status !== 'RUNNING',
      'reconciliation',
    );
    const items = [...finished.items];
    let page = finished;
    while (page.pageInfo.hasNextPage) {
      page = (
        await gql<{ reconciliationReport: Report }>(REPORT, {
          id: finished.run.id,
          first: 1000,
          after: page.pageInfo.endCursor,
        })
      ).reconciliationReport;
      items.push(...page.items);
    }
    return { ...finished, items };
  }

  const waitForRequest = (id: string) =>
    poll(
      async () => (await gql<{ request: RequestView }>(REQUEST, { id })).request,
      (r) => ['COMPLETED', 'FAILED', 'CANCELLED', 'NEEDS_ATTENTION'].includes(r.status),
      `request ${id}`,
    );

  async function personalNumberOf(): Promise<{ login: string; number: string }> {
    const person = await seedPerson(api.world.sandbox);
    const { requestPersonalNumber } = await gql<{ requestPersonalNumber: { id: string } }>(
      REQUEST_PERSONAL_NUMBER,
      {},
      person.login,
    );
    await waitForRequest(requestPersonalNumber.id);
    const row = await api.world.dataSource
      .getRepository(PhoneNumberEntity)
      .findOneByOrFail({ ownerLogin: person.login });
    expect(row.state).toBe('ACTIVE');
    return { login: person.login, number: row.number };
  }

  async function activePhone(number: string, owner: string, phoneMac: string): Promise<void> {
    await api.world.dataSource.getRepository(IpPhoneEntity).insert({
      id: randomUUID(),
      mac: phoneMac,
      number,
      name: `TELEPHONE-${number}`,
      modelId: 'polycom-vvx-450',
      office: '513/R-024',
      ownerLogin: owner,
      activation: 'ACTIVE',
      requestId: null,
      ipAddress: null,
      provisioningSecret: 'secret-1',
      lastFetchAt: null,
      activatedAt: new Date(),
    });
  }

  const key = (i: { system: string; resource: string; kind: string }) =>
    `${i.system}:${i.resource}:${i.kind}`;

  it('finds drift seeded in each system, per resource, and repairs it so that a second run finds none', async () => {
    const [a, b, c] = [await personalNumberOf(), await personalNumberOf(), await personalNumberOf()];
    const numbers = api.world.dataSource.getRepository(PhoneNumberEntity);

    // A consistent shared number and a consistent phone: no drift expected from them.
    await numbers.update(
      { number: '65000' },
      {
        type: 'SHARED',
        state: 'ACTIVE',
        ownerLogin: b.login,
        description: 'Lab 2',
        managersGroup: 'phone-mngr-65000',
      },
    );
    await pbx.createSipAccount({ extension: '65000', displayName: 'Lab 2', password: 'x' });
    await directory.publishSharedNumber({
      number: '65000',
      description: 'Lab 2',
      ownerLogin: b.login,
      managersGroup: 'phone-mngr-65000',
    });
    await activePhone(b.number, b.login, mac(2));
    await network.registerDevice({
      name: `TELEPHONE-${b.number}`,
      mac: mac(2),
      location: null,
      manufacturer: 'Polycom',
      model: 'VVX 450',
      responsible: b.login,
      user: b.login,
    });
    await dhcp.reserveHost({ mac: mac(2), hostname: `TELEPHONE-${b.number}`, bootUrl: 'http://prov/' });
    // Numbers a request is working on are not judged: one being provisioned, one locked.
    await numbers.update(
      { number: '70090' },
      { state: 'PROVISIONING', ownerLogin: 'someone', type: 'PERSONAL', requestId: randomUUID() },
    );
    await numbers.update(
      { number: '70091' },
      { state: 'ACTIVE', ownerLogin: 'someoneelse', type: 'PERSONAL' },
    );
    await api.world.dataSource.getRepository(ResourceLockEntity).insert({
      resource: 'number:70091',
      requestId: randomUUID(),
      workflowId: 'number-70091',
      acquiredAt: new Date(),
    });

    // The drift, seeded straight into the sandbox systems.
    await api.world.sandbox.delete('pbx', a.number, 'test: lost SIP account');
    await pbx.createSipAccount({ extension: '70099', displayName: 'Forgotten', password: 'x' });
    await pbx.createSipAccount({ extension: '80001', displayName: 'Not ours', password: 'x' });
    await directory.publishPersonalNumber(b.login, '70098');
    await directory.unpublishPersonalNumber(c.login, c.number);
    await activePhone(a.number, a.login, mac(1));
    await network.registerDevice({
      name: `TELEPHONE-${a.number}`,
      mac: mac(1),
      location: null,
      manufacturer: 'Polycom',
      model: 'VVX 450',
      responsible: a.login,
      user: a.login,
    });
    await network.registerDevice({
      name: 'TELEPHONE-70097',
      mac: mac(97),
      location: null,
      manufacturer: 'Polycom',
      model: 'VVX 250',
      responsible: 'x',
      user: 'x',
    });
    await dhcp.reserveHost({ mac: mac(96), hostname: 'TELEPHONE-70096', bootUrl: 'http://prov/' });

    const report = await reconcile();

    expect(report.run).toMatchObject({ status: 'COMPLETED', startedBy: desk });
    const systems = Object.fromEntries(report.run.systems.map((s) => [s.system, s]));
    expect(systems.PBX).toMatchObject({ status: 'DONE', drift: 3 });
    // Every inventory number was read, in pages, plus each system's own items.
    expect(systems.PBX.checked).toBeGreaterThan(11_000);
    expect(systems.DIRECTORY).toMatchObject({ status: 'DONE', drift: 2 });
    expect(systems.NETWORK).toMatchObject({ status: 'DONE', drift: 1 });
    expect(systems.DHCP).toMatchObject({ status: 'DONE', drift: 2 });
    expect(report.items.map(key).sort()).toEqual(
      [
        `PBX:${a.number}:MISSING`,
        'PBX:70099:ORPHAN',
        'PBX:80001:ORPHAN',
        'DIRECTORY:70098:ORPHAN',
        `DIRECTORY:${c.number}:MISSING`,
        `NETWORK:${mac(97)}:ORPHAN`,
        `DHCP:${mac(1)}:MISSING`,
        `DHCP:${mac(96)}:ORPHAN`,
      ].sort(),
    );
    const message = (k: string) => report.items.find((i) => key(i) === k)?.message;
    expect(message(`PBX:${a.number}:MISSING`)).toBe(
      `number ${a.number}: ACTIVE in inventory, no SIP account on the PBX`,
    );
    expect(message('PBX:70099:ORPHAN')).toBe('SIP account 70099 exists but the number is AVAILABLE');
    expect(message('DIRECTORY:70098:ORPHAN')).toBe(
      `number 70098 is listed under ${b.login} in the phonebook but it is AVAILABLE`,
    );
    expect(message(`DIRECTORY:${c.number}:MISSING`)).toBe(
      `number ${c.number}: ACTIVE in inventory, not listed under ${c.login} in the phonebook`,
    );
    expect(message(`NETWORK:${mac(97)}:ORPHAN`)).toBe(
      `device TELEPHONE-70097 (MAC ${mac(97)}) exists but no active phone has that MAC`,
    );

    // Repair every drifted resource; each repair is a request of the desk's. Numbers first: a phone's
    // repair waits for no request to hold its number (the phone on ${a.number} drifted too).
    const resources = [...new Set(report.items.map((i) => i.resource))].sort((x, y) => x.length - y.length);
    const repairAll = async (batch: string[]) => {
      const started = await Promise.all(
        batch.map(
          async (resource) =>
            (
              await gql<{ repairDrift: { id: string; requester: string; actor: string; subject: string } }>(
                REPAIR,
                {
                  resource,
                },
              )
            ).repairDrift,
        ),
      );
      const outcomes = await Promise.all(started.map((r) => waitForRequest(r.id)));
      expect(outcomes.map((o) => [o.status, o.failureReason])).toEqual(batch.map(() => ['COMPLETED', null]));
      return started;
    };
    const repairs = [
      ...(await repairAll(resources.filter((r) => r.length === 5))),
      ...(await repairAll(resources.filter((r) => r.length === 12))),
    ];
    expect(repairs.every((r) => r.requester === desk && r.actor === desk)).toBe(true);
    expect(repairs.map((r) => r.subject)).toEqual(resources);

    // Each system now agrees with the inventory.
    const password = await api.world.app.get(SipCredentialVault).reveal(a.number);
    const ha1 = createHash('md5')
      .update(`${a.number}:${api.world.config.sip.domain}:${password}`)
      .digest('hex');
    expect(await api.world.sandbox.get('pbx', a.number)).toMatchObject({ extension: a.number, ha1 });
    expect(await pbx.getSipAccount('70099')).toBeNull();
    expect(await pbx.getSipAccount('80001')).toBeNull();
    expect((await directory.findPerson(b.login))?.phoneNumbers).toEqual([b.number]);
    expect((await directory.findPerson(c.login))?.phoneNumbers).toEqual([c.number]);
    expect(await network.findDevice('TELEPHONE-70097')).toBeNull();
    expect(await dhcp.findReservation(mac(1))).toMatchObject({
      hostname: `TELEPHONE-${a.number}`,
      bootUrl: 'http://127.0.0.1:3001/p/secret-1/',
    });
    expect(await dhcp.findReservation(mac(96))).toBeNull();
    // What was consistent, or in flight, was not touched.
    expect(await pbx.getSipAccount('65000')).toMatchObject({ displayName: 'Lab 2' });
    expect(await dhcp.findReservation(mac(2))).toMatchObject({ bootUrl: 'http://prov/' });

    const marked = (await gql<{ reconciliationReport: Report }>(REPORT, { id: report.run.id, first: 100 }))
      .reconciliationReport.items;
    for (const item of marked) {
      expect(item.repairRequestId).toBe(repairs[resources.indexOf(item.resource)].id);
    }

    const again = await reconcile(1000);
    expect(again.run.status).toBe('COMPLETED');
    expect(again.items).toEqual([]);
  });

  it('undoes what a repair changed when a later step of it fails', async () => {
    const d = await personalNumberOf();
    await api.world.sandbox.delete('pbx', d.number, 'test: lost SIP account');
    await directory.unpublishPersonalNumber(d.login, d.number);
    await api.world.faults.inject({
      system: 'directory',
      operation: 'publishPersonalNumber',
      kind: 'permanent',
      message: 'phonebook is read-only today',
    });
    const since = await api.world.sandbox.lastEffectId();

    const { repairDrift } = await gql<{ repairDrift: { id: string } }>(REPAIR, { resource: d.number });
    const failed = await waitForRequest(repairDrift.id);

    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toBe(
      'Bring the phonebook listing in line with the inventory failed: directory: phonebook is read-only today',
    );
    expect(failed.steps.map((s) => [s.id, s.status, s.undo])).toEqual([
      ['read-inventory', 'SUCCEEDED', 'NONE'],
      ['look-up-owner', 'SUCCEEDED', 'NONE'],
      ['converge-sip-account', 'SUCCEEDED', 'DONE'],
      ['converge-phonebook', 'FAILED', 'NONE'],
    ]);
    // The account it had re-created is gone again: the repair left things as it found them.
    expect(await api.world.sandbox.effects('pbx', d.number, since)).toEqual([
      { operation: 'createSipAccount', key: d.number },
      { operation: 'removeSipAccount', key: d.number },
    ]);
    expect(await pbx.getSipAccount(d.number)).toBeNull();

    await api.world.faults.clear();
    const retried = await waitForRequest(
      (await gql<{ repairDrift: { id: string } }>(REPAIR, { resource: d.number })).repairDrift.id,
    );
    expect(retried.status).toBe('COMPLETED');
    expect(await pbx.getSipAccount(d.number)).not.toBeNull();
    expect((await directory.findPerson(d.login))?.phoneNumbers).toEqual([d.number]);
    // Nothing left to do: a third repair changes nothing.
    const noop = await waitForRequest(
      (await gql<{ repairDrift: { id: string } }>(REPAIR, { resource: d.number })).repairDrift.id,
    );
    expect(noop.steps.find((s) => s.id === 'converge-sip-account')).toMatchObject({
      status: 'SUCCEEDED',
      note: 'already in place',
    });
  });

  it('refuses to repair a number a request is working on', async () => {
    await api.world.dataSource
      .getRepository(PhoneNumberEntity)
      .update(
        { number: '70080' },
        { state: 'PROVISIONING', ownerLogin: 'busy', type: 'PERSONAL', requestId: randomUUID() },
      );
    const { repairDrift } = await gql<{ repairDrift: { id: string } }>(REPAIR, { resource: '70080' });
    const failed = await waitForRequest(repairDrift.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/Another request is working on number 70080 right now/);
  });

  it('reports a system it cannot read as FAILED and still scans the others (PARTIAL)', async () => {
    await api.world.faults.inject({
      system: 'pbx',
      operation: 'listSipAccounts',
      kind: 'permanent',
      message: 'PBX database refused the query',
    });
    const report = await reconcile(2000);
    expect(report.run.status).toBe('PARTIAL');
    const systems = Object.fromEntries(report.run.systems.map((s) => [s.system, s]));
    expect(systems.PBX).toMatchObject({ status: 'FAILED', error: 'pbx: PBX database refused the query' });
    expect(systems.DIRECTORY.status).toBe('DONE');
    expect(systems.NETWORK.status).toBe('DONE');
    expect(systems.DHCP.status).toBe('DONE');
  });

  it('runs one reconciliation at a time, and only for the service desk', async () => {
    const first = await api.graphql<{ startReconciliation: { id: string } }>(START, {
      user: desk,
      variables: { pageSize: 100 },
    });
    const second = await api.graphql(START, { user: desk });
    expect(errorCodes(second)).toEqual(['REQUEST_IN_PROGRESS']);
    expect(second.errors![0].message).toContain(first.data!.startReconciliation.id);
    await poll(
      async () =>
        (await gql<{ reconciliationReport: Report }>(REPORT, { id: first.data!.startReconciliation.id }))
          .reconciliationReport,
      (r) => r.run.status !== 'RUNNING',
      'reconciliation',
    );

    const user = await seedPerson(api.world.sandbox);
    expect(errorCodes(await api.graphql(START, { user: user.login }))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await api.graphql(REPAIR, { user: user.login, variables: { resource: '70000' } })),
    ).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.graphql(REPAIR, { user: desk, variables: { resource: '7001' } }))).toEqual([
      'INVALID_INPUT',
    ]);
    expect(
      errorCodes(await api.graphql(REPAIR, { user: desk, variables: { resource: 'not-a-mac' } })),
    ).toEqual(['INVALID_MAC']);
  });
});
