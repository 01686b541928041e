import type { RunningProvisioningServer } from '../../apps/provisioning/src/provisioning-app';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { configRow, phoneRow, waitForPhone } from '../support/phone-fixtures';
import { resultOf } from '../support/workflow-helpers';
import type { World } from '../support/world';
import { startDigestWorld, type DigestWorld } from './support/digest-world';
import { overCurlDigest } from './support/curl-digest';
import { phoneRequest } from './support/phone-http';
import { overHttp, registerWaitingPhone, type WaitingPhone } from './support/waiting-phone';
import { bootYealink } from './support/yealink-phone';

// The second vendor family: a Yealink phone registered through the register-phone workflow with a
// Yealink model from the catalogue boots on the shipped `yealink/` files in the order its firmware
// asks for them, reaches ACTIVE, and after its digest grace boots again with curl performing digest.

describe('a Yealink phone boots on the shipped files, in the order its firmware asks for them', () => {
  let world: World;
  let lenient: RunningProvisioningServer;
  let strict: RunningProvisioningServer;
  let phone: WaitingPhone;
  let mac: string;
  /** Its provisioning-server password, from its file. */
  let password: string;

  let servers: DigestWorld;

  beforeAll(async () => {
    servers = await startDigestWorld();
    ({ world, lenient, strict } = servers);
    // 80:5e:c0 is one of Yealink's OUIs.
    phone = await registerWaitingPhone(world, { modelId: 'yealink-t54w', macPrefix: '805ec0' });
    ({ mac } = phone);
  });

  afterAll(() => servers?.stop());

  it('publishes the phone’s configuration for the yealink family', async () => {
    expect((await configRow(world, mac))?.config).toMatchObject({
      family: 'yealink',
      modelId: 'yealink-t54w',
    });
  });

  it('boots: boot files 404, the common file, its own file with the line, its local file; ACTIVE', async () => {
    const boot = await bootYealink(mac, overHttp(lenient.url, phone), {
      changedOnPhone: 'phone_setting.backlight_time = 60',
    });
    expect(boot.requests).toEqual([
      { method: 'GET', file: `${mac}.boot`, status: 404 },
      { method: 'GET', file: 'y000000000000.boot', status: 404 },
      { method: 'GET', file: 'y000000000000.cfg', status: 200 },
      { method: 'GET', file: `${mac}.cfg`, status: 200 },
      { method: 'GET', file: `${mac}-local.cfg`, status: 404 },
      { method: 'PUT', file: `${mac}-local.cfg`, status: 201 },
    ]);
    expect(boot.parameters).toMatchObject({
      'account.1.enable': '1',
      'account.1.label': phone.number,
      'account.1.auth_name': phone.number,
      'account.1.user_name': phone.number,
      'account.1.password': (await world.deps.credentials.reveal(phone.number))!,
      'account.1.sip_server.1.address': world.config.sip.domain,
      'static.auto_provision.server.username': mac,
    });
    expect(boot.parameters['account.1.display_name']).toBeTruthy();
    expect(boot.parameters['static.auto_provision.server.password']).toMatch(/^[A-Za-z0-9_-]{24}$/);

    await waitForPhone(world, phone.phoneId, (p) => p.activation === 'CONFIG_FETCHED');
    await new SandboxPbxDriver(world.sandbox, world.config.sip.domain).simulateRegistration(phone.number);
    expect((await resultOf(world.client, phone.request)).status).toBe('COMPLETED');
    expect((await phoneRow(world, phone.phoneId))?.activation).toBe('ACTIVE');
  });

  it('after its grace, boots again with digest (curl) and reads back what it uploaded', async () => {
    expect((await phoneRequest(strict.url, `${phone.base}${mac}.cfg`)).status).toBe(401);
    // Still within its grace on the lenient server: its file gives the password it now uses.
    const first = await bootYealink(mac, overHttp(lenient.url, phone));
    password = first.parameters['static.auto_provision.server.password'];
    const boot = await bootYealink(mac, overCurlDigest(strict.url, phone.base, mac, password));
    expect(boot.requests.map((r) => [r.file, r.status])).toEqual([
      [`${mac}.boot`, 404],
      ['y000000000000.boot', 404],
      ['y000000000000.cfg', 200],
      [`${mac}.cfg`, 200],
      [`${mac}-local.cfg`, 200],
    ]);
    expect(boot.parameters['account.1.user_name']).toBe(phone.number);
  });

  it('is not served another vendor’s files, and no longer without digest anywhere', async () => {
    expect((await phoneRequest(lenient.url, `${phone.base}${mac}.cfg`)).status).toBe(401);
    const get = overCurlDigest(strict.url, phone.base, mac, password);
    for (const file of ['000000000000.cfg', `phone${mac}.cfg`])
      expect({ file, status: (await get('GET', file)).status }).toEqual({ file, status: 404 });
  });
});
