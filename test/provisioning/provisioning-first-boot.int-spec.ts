import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startProvisioningServer,
  type RunningProvisioningServer,
} from '../../apps/provisioning/src/provisioning-app';
import { formatMacAddress } from '../../libs/domain/mac-address';
import type { RequestEntity } from '../../libs/persistence/entities';
import { DHCP_PORT, type DhcpPort } from '../../libs/systems/dhcp/dhcp.port';
import type { KamailioPbxDriver } from '../../libs/systems/pbx/kamailio-pbx.driver';
import { PBX_PORT } from '../../libs/systems/pbx/pbx.port';
import { REGISTER_PHONE_STEPS } from '../../workflows/register-phone.workflow';
import { createDhcpLab, dhcpExchange, type DhcpLab, type DhcpLease } from '../servers/dhcp-client';
import { locationContacts, startKamailio, type KamailioHandle } from '../servers/kamailio';
import { startKea, type KeaHandle } from '../servers/kea';
import { createKeaHostsDatabase, type KeaHostsDatabase } from '../servers/kea-hosts-database';
import { sippRegister } from '../servers/sipp';
import { seedPerson } from '../support/factories';
import { freePort } from '../support/free-port';
import { keaEnv } from '../support/network-drivers';
import {
  phoneRow,
  requestPhoneRegistration,
  requestPhoneUnregistration,
  seedActiveNumber,
  waitForPhone,
} from '../support/phone-fixtures';
import { kamailioEnv } from '../support/real-drivers';
import { resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';
import { addAddress, fetchFromNamespace } from './support/namespace-phone';
import { bootPolycom } from './support/polycom-phone';

// A desk phone's first boot over the real components of its network path; the network database,
// the directory and mail stay on sandbox drivers, and no real phone takes part. The register-phone
// workflow on Temporal writes the reservation into Kea's PostgreSQL host backend; a DHCP client in
// its own network namespace (the phone) gets that address and the boot URL in options 66/160; from
// that address it plays a Polycom's boot sequence on this provisioning server (source check on); sipp
// registers from the same address on Kamailio with the credentials read from the file; the
// request completes and the phone is ACTIVE. Then the phone is unregistered.
// Needs root (network namespaces), isc-dhcp-client, kea-dhcp4, kamailio and sipp, as CI has.

describe('first boot of a desk phone: Kea, DHCP client, provisioning server, Kamailio, sipp', () => {
  // A random third octet: labs in the root namespace must not install the same route twice.
  const prefix = `10.96.${1 + Math.floor(Math.random() * 254)}`;
  const serverAddress = `${prefix}.1`;
  const mac = `0004f2${randomBytes(3).toString('hex')}`;
  let lab: DhcpLab | undefined;
  let database: KeaHostsDatabase | undefined;
  let kea: KeaHandle | undefined;
  let kamailio: KamailioHandle | undefined;
  let world: World | undefined;
  let server: RunningProvisioningServer | undefined;
  let uploadDir: string;

  let requester: string;
  let requesterName: string;
  let number: string;
  let phoneId: string;
  let request: RequestEntity;
  let lease: DhcpLease;
  let bootUrl: string;
  let credentials: { server: string; user: string; password: string };

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-'));
    lab = await createDhcpLab({ serverAddress, serverSide: 'root' });
    database = await createKeaHostsDatabase();
    // No dynamic pool: a phone without a reservation gets no address at all.
    kea = await startKea({
      subnet: { subnet: `${prefix}.0/24`, pools: [] },
      interfaces: [lab.serverInterface],
      hostsDatabase: database.kea,
    });
    kamailio = await startKamailio({ host: serverAddress });
    const port = await freePort(serverAddress);
    world = await World.start({
      ...keaEnv(database, kea),
      ...kamailioEnv(kamailio),
      PROVISIONING_URL: `http://${serverAddress}:${port}`,
      PROVISIONING_CHECK_SOURCE: 'true',
      PROVISIONING_UPLOAD_DIR: uploadDir,
    });
    await world.startWorker();
    server = await startProvisioningServer(world.config, {
      dataSource: world.dataSource,
      host: serverAddress,
      port,
    });

    ({ login: requester, displayName: requesterName } = await seedPerson(world.sandbox));
    number = await seedActiveNumber(world, { owner: requester });
    // The line's SIP account on Kamailio, with the vault's password (as the new-number workflow does).
    await world.deps.pbx.createSipAccount({
      extension: number,
      displayName: `Line ${number}`,
      password: await world.deps.credentials.getOrCreate(number),
    });
  });

  afterAll(async () => {
    await server?.stop();
    await world?.stop();
    await kamailio?.stop();
    await kea?.stop();
    await lab?.destroy();
    await database?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  function running() {
    if (!lab || !kea || !kamailio || !world || !server) throw new Error('a server of the test did not start');
    return { lab, kea, kamailio, world, server };
  }

  /** A REGISTER from the phone's namespace and leased address, with the credentials it fetched. */
  function registerAsThePhone() {
    const { lab, kamailio } = running();
    return sippRegister({
      host: kamailio.host,
      port: kamailio.sipPort,
      domain: credentials.server,
      user: credentials.user,
      password: credentials.password,
      netns: lab.clientNetns,
      localIp: lease.address,
    });
  }

  it('registers the phone: the workflow reserves its address in Kea and waits for its first boot', async () => {
    const { world } = running();
    ({ request, phoneId } = await requestPhoneRegistration(world, {
      requester,
      number,
      mac,
      firstBootTimeoutMs: 120_000,
      firstBootPollMs: 200,
    }));
    const waiting = await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    const reservation = await world.app.get<DhcpPort>(DHCP_PORT).findReservation(mac);
    expect(reservation).toMatchObject({ mac, hostname: `TELEPHONE-${number}`, ipAddress: waiting.ipAddress });
    bootUrl = reservation!.bootUrl;
    expect(bootUrl).toMatch(
      new RegExp(`^http://${serverAddress.replace(/\./g, '\\.')}:\\d+/p/[A-Za-z0-9_-]{43}/$`),
    );
  });

  it('gets the reserved address, its host name and the boot URL in options 66 and 160 by real DHCP', async () => {
    const { lab, world } = running();
    const got = await dhcpExchange({ lab, mac: formatMacAddress(mac, 'colon') });
    expect(got).toBeDefined();
    lease = got!;
    expect(lease.address).toBe((await phoneRow(world, phoneId))?.ipAddress);
    expect(lease.hostname?.toLowerCase()).toBe(`telephone-${number}`);
    expect(lease.options).toEqual({ 66: bootUrl, 160: bootUrl });
    await addAddress(lab.clientNetns, lab.clientInterface, lease.address, lab.prefixLength);
  });

  it('boots as a Polycom does from its address: master <mac>.cfg, the line file it lists, log uploads', async () => {
    const { lab, world } = running();
    const boot = await bootPolycom(mac, (method, file, body) =>
      fetchFromNamespace(lab.clientNetns, `${bootUrl}${file}`, { method, body }),
    );
    expect(boot.master).toBe(`${mac}.cfg`);
    expect(boot.configFiles).toEqual([`phone${mac}.cfg`]);
    expect(boot.requests.filter((r) => r.status >= 400).map((r) => r.file)).toEqual([
      'sip.ld',
      `${mac}-phone.cfg`,
    ]);
    const reg = boot.parameters;
    expect(reg).toMatchObject({
      'reg.1.address': `${number}@${world.config.sip.domain}`,
      'reg.1.label': number,
      // A personal line shows its owner's name from the directory.
      'reg.1.displayName': requesterName,
      'reg.1.auth.userId': number,
    });
    credentials = {
      server: reg['reg.1.server.1.address'],
      user: reg['reg.1.auth.userId'],
      password: reg['reg.1.auth.password'],
    };
    expect(credentials.password).toMatch(/^[A-Za-z0-9]{20}$/);
    await waitForPhone(world, phoneId, (p) => p.activation === 'CONFIG_FETCHED');
  });

  it('refuses the same URL from any other address, even inside the phone’s network', async () => {
    const { lab } = running();
    const other = `${prefix}.250`;
    await addAddress(lab.clientNetns, lab.clientInterface, other, lab.prefixLength);
    const fromOther = await fetchFromNamespace(lab.clientNetns, `${bootUrl}phone${mac}.cfg`, {
      localAddress: other,
    });
    expect(fromOther.status).toBe(403);
    expect(fromOther.body).not.toContain(credentials.password);
    // From the root namespace (the server's own network side).
    const fromHost = await fetch(`${bootUrl}phone${mac}.cfg`);
    expect(fromHost.status).toBe(403);
    expect(await fromHost.text()).not.toContain(credentials.password);
  });

  it('registers on Kamailio with those credentials from its address, and the request completes ACTIVE', async () => {
    const { kamailio, world } = running();
    const registered = await registerAsThePhone();
    expect(registered.status).toBe(200);
    expect(registered.responses).toEqual([401, 200]);
    const contacts = await locationContacts(kamailio.databaseUrl, number, kamailio.domain);
    expect(contacts[0]?.contact).toContain(`@${lease.address}:`);

    const progress = await resultOf(world.client, request);
    expect(progress.status).toBe('COMPLETED');
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual(
      REGISTER_PHONE_STEPS.map((s) => [s.id, s.id === 'notify-no-boot' ? 'NOT_RUN' : 'SUCCEEDED']),
    );
    expect((await phoneRow(world, phoneId))?.activation).toBe('ACTIVE');
  });

  it('unregistering: the files answer 404, the reservation is gone from Kea and DHCP, REGISTER is refused', async () => {
    const { lab, kamailio, world } = running();
    const unregistering = await requestPhoneUnregistration(world, { requester, phoneId, mac, number });
    expect((await resultOf(world.client, unregistering)).status).toBe('COMPLETED');

    for (const file of ['000000000000.cfg', `${mac}.cfg`, `phone${mac}.cfg`]) {
      const answer = await fetchFromNamespace(lab.clientNetns, `${bootUrl}${file}`, {
        localAddress: lease.address,
      });
      expect({ file, status: answer.status }).toEqual({ file, status: 404 });
      expect(answer.body).not.toContain(credentials.password);
    }
    expect(await world.app.get<DhcpPort>(DHCP_PORT).findReservation(mac)).toBeNull();
    expect(
      await dhcpExchange({ lab, mac: formatMacAddress(mac, 'colon'), timeoutMs: 4_000 }),
    ).toBeUndefined();
    const pbx = world.app.get<KamailioPbxDriver>(PBX_PORT);
    expect(await pbx.boundDevices(number)).toEqual([]);
    // The departed phone still knows the password it downloaded: the line got a new one when the
    // phone was unbound, so its REGISTER is refused.
    const refused = await registerAsThePhone();
    expect([401, 403]).toContain(refused.status);
    expect(await locationContacts(kamailio.databaseUrl, number, kamailio.domain)).toEqual([]);
  });
});
