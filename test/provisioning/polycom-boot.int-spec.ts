import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultTemplatesDir,
  startProvisioningServer,
  type RunningProvisioningServer,
} from '../../apps/provisioning/src/provisioning-app';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { configRow, phoneRow, waitForPhone } from '../support/phone-fixtures';
import { resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';
import { phoneRequest } from './support/phone-http';
import { bootPolycom, firstBootOnShippedFiles, PolycomBootError } from './support/polycom-phone';
import { overHttp, registerWaitingPhone, type WaitingPhone } from './support/waiting-phone';

// A Polycom phone's documented boot sequence (test/provisioning/support/polycom-phone.ts) played
// against the provisioning server on the shipped templates, for a phone registered through the
// register-phone workflow; then the same phone against a site folder without `<mac>.cfg` (the
// fallback master) and against the layout an earlier rule book asked for (which a VVX cannot boot).

describe('a Polycom phone boots on the shipped files, in the order UC Software asks for them', () => {
  let world: World;
  let server: RunningProvisioningServer;
  let uploadDir: string;
  const dirs: string[] = [];
  let phone: WaitingPhone;
  let mac: string;
  let number: string;
  let base: string;

  const transport = (url: string) => overHttp(url, phone);

  /** A copy of the shipped templates, changed by `edit`, served by a second server on the same data. */
  async function serverWithTemplates(edit: (polycomDir: string) => void): Promise<RunningProvisioningServer> {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-templates-'));
    dirs.push(dir);
    cpSync(defaultTemplatesDir(), dir, { recursive: true });
    edit(join(dir, 'polycom'));
    const config = { ...world.config, provisioning: { ...world.config.provisioning, templatesDir: dir } };
    return startProvisioningServer(config, { dataSource: world.dataSource, port: 0 });
  }

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-'));
    world = await World.start({ PROVISIONING_UPLOAD_DIR: uploadDir });
    await world.startWorker();
    server = await startProvisioningServer(world.config, { dataSource: world.dataSource, port: 0 });
    phone = await registerWaitingPhone(world);
    ({ mac, number, base } = phone);
  });

  afterAll(async () => {
    await server?.stop();
    await world?.stop();
    for (const dir of [uploadDir, ...dirs]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes <mac>.cfg as its master, then loads the line file it lists, then uploads its logs', async () => {
    const boot = await bootPolycom(mac, transport(server.url));
    expect(boot.requests).toEqual(firstBootOnShippedFiles(mac));
    expect(boot.master).toBe(`${mac}.cfg`);
    expect(boot.parameters).toMatchObject({
      'reg.1.address': `${number}@${world.config.sip.domain}`,
      'reg.1.label': number,
      'reg.1.auth.userId': number,
      'reg.1.auth.password': (await world.deps.credentials.reveal(number))!,
      'reg.1.server.1.address': world.config.sip.domain,
    });
    expect(boot.parameters['reg.1.displayName']).toBeTruthy();
    // The line file is the fetch the workflow waits for; its line registers, and the phone is ACTIVE.
    await waitForPhone(world, phone.phoneId, (p) => p.activation === 'CONFIG_FETCHED');
    await new SandboxPbxDriver(world.sandbox, world.config.sip.domain).simulateRegistration(number);
    expect((await resultOf(world.client, phone.request)).status).toBe('COMPLETED');
    expect((await phoneRow(world, phone.phoneId))?.activation).toBe('ACTIVE');
  });

  it('counts only the line file as a fetch of its configuration, not the master', async () => {
    const before = (await configRow(world, mac))!.lastFetchAt;
    expect((await phoneRequest(server.url, `${base}${mac}.cfg`)).status).toBe(200);
    expect((await phoneRequest(server.url, `${base}000000000000.cfg`)).status).toBe(200);
    expect((await configRow(world, mac))!.lastFetchAt).toEqual(before);
  });

  it('reads back at the next boot the overrides it uploaded', async () => {
    const overrides = '<PHONE_CONFIG><OVERRIDES up.backlight.idleIntensity="1"/></PHONE_CONFIG>';
    expect((await transport(server.url)('PUT', `${mac}-phone.cfg`, overrides)).status).toBe(201);
    const boot = await bootPolycom(mac, transport(server.url));
    expect(boot.requests[2]).toEqual({ method: 'GET', file: `${mac}-phone.cfg`, status: 200 });
  });

  it('falls back to 000000000000.cfg when a site’s folder has no <mac>.cfg, and still gets its line', async () => {
    const fallback = await serverWithTemplates((polycom) => rmSync(join(polycom, '{mac}.cfg')));
    try {
      const boot = await bootPolycom(mac, transport(fallback.url));
      expect(boot.requests.slice(0, 2)).toEqual([
        { method: 'GET', file: `${mac}.cfg`, status: 404 },
        { method: 'GET', file: '000000000000.cfg', status: 200 },
      ]);
      expect(boot.configFiles).toEqual([`phone${mac}.cfg`]);
      expect(boot.parameters['reg.1.auth.userId']).toBe(number);
    } finally {
      await fallback.stop();
    }
  });

  it('cannot boot on the earlier layout, where <mac>.cfg held the line itself', async () => {
    const earlier = await serverWithTemplates((polycom) => {
      rmSync(join(polycom, 'phone{mac}.cfg'));
      writeFileSync(
        join(polycom, '{mac}.cfg'),
        '<?xml version="1.0"?>\n<polycomConfig>{{#lines}}<reg reg.{{index}}.auth.userId="{{authUserId}}" />{{/lines}}</polycomConfig>\n',
      );
    });
    try {
      await expect(bootPolycom(mac, transport(earlier.url))).rejects.toThrow(PolycomBootError);
      await expect(bootPolycom(mac, transport(earlier.url))).rejects.toThrow('is not a master file');
    } finally {
      await earlier.stop();
    }
  });
});
