import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startProvisioningServer,
  type RunningProvisioningServer,
} from '../../apps/provisioning/src/provisioning-app';
import { DHCP_PORT, type DhcpPort } from '../../libs/systems/dhcp/dhcp.port';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { freePort } from '../support/free-port';
import { colon, PHONE_GQL, waitForMyPhone, waitForRequest, type AcceptedRequest } from '../support/phone-api';
import { configRow, randomMac, seedActiveNumber } from '../support/phone-fixtures';

// Long enough for the test to fetch a file by hand before the auto-boot would; short enough to wait for.
const AUTOBOOT_MS = 4000;

describe('sandbox auto-boot (SANDBOX_PHONE_AUTOBOOT_MS)', () => {
  let api: ApiWorld;
  let provisioning: RunningProvisioningServer;
  let uploadDir: string;

  beforeAll(async () => {
    const port = await freePort();
    uploadDir = mkdtempSync(join(tmpdir(), 'autoboot-uploads-'));
    api = await ApiWorld.start({
      SANDBOX_PHONE_AUTOBOOT_MS: String(AUTOBOOT_MS),
      PROVISIONING_URL: `http://127.0.0.1:${port}`,
      PROVISIONING_UPLOAD_DIR: uploadDir,
    });
    await api.world.startWorker();
    provisioning = await startProvisioningServer(api.world.config, {
      dataSource: api.world.dataSource,
      host: '127.0.0.1',
      port,
    });
  });

  afterAll(async () => {
    await provisioning?.stop();
    await api?.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  async function register(login: string, number: string, mac: string): Promise<string> {
    const accepted = await api.graphql<{ registerPhone: AcceptedRequest }>(PHONE_GQL.registerPhone, {
      user: login,
      variables: { modelId: 'polycom-vvx-250', number, mac, office: '40/4-C01' },
    });
    expect(accepted.errors).toBeUndefined();
    return accepted.data!.registerPhone.id;
  }

  it('boots a newly registered phone by itself, so the registration completes without a real phone', async () => {
    const person = await seedPerson(api.world.sandbox);
    const number = await seedActiveNumber(api.world, { owner: person.login });
    const mac = randomMac();
    const requestId = await register(person.login, number, mac);

    const done = await waitForRequest(api, person.login, requestId, ['COMPLETED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    const phone = await waitForMyPhone(api, person.login, colon(mac), (p) => p.activation === 'ACTIVE');
    expect(phone.lastConfigFetchAt).not.toBeNull();
  });

  it('also finishes a phone whose file was fetched by hand, as docs/provisioning.md shows', async () => {
    const person = await seedPerson(api.world.sandbox);
    const number = await seedActiveNumber(api.world, { owner: person.login });
    // The line's SIP password, which the new-number workflow keeps in the vault and the file carries.
    await api.world.deps.credentials.getOrCreate(number);
    const mac = randomMac();
    const requestId = await register(person.login, number, mac);

    // The boot URL from the phone's DHCP reservation, then its line file as curl would fetch it.
    const dhcp = api.world.app.get<DhcpPort>(DHCP_PORT);
    let fetched: Response | undefined;
    const deadline = Date.now() + 30_000;
    while (!fetched?.ok && Date.now() < deadline) {
      const reservation = await dhcp.findReservation(mac);
      if (reservation?.bootUrl) fetched = await fetch(`${reservation.bootUrl}phone${mac}.cfg`);
      if (!fetched?.ok) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fetched?.status).toBe(200);
    expect(await fetched!.text()).toContain(`reg.1.address="${number}`);
    // The case this test is about: fetched, and the line not registered yet (no auto-boot so far).
    expect((await configRow(api.world, mac))?.lastFetchAt).not.toBeNull();
    const pbx = new SandboxPbxDriver(api.world.sandbox, api.world.config.sip.domain);
    expect(await pbx.isRegistered(number)).toBe(false);

    const done = await waitForRequest(api, person.login, requestId, ['COMPLETED', 'FAILED']);
    expect([done.status, done.failureReason]).toEqual(['COMPLETED', null]);
    expect(await pbx.isRegistered(number)).toBe(true);
    await waitForMyPhone(api, person.login, colon(mac), (p) => p.activation === 'ACTIVE');
  });
});
