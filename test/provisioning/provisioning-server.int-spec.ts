import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startProvisioningServer,
  type RunningProvisioningServer,
} from '../../apps/provisioning/src/provisioning-app';
import type { ProvisioningEvent } from '../../apps/provisioning/src/provisioning-server';
import { IpPhoneEntity, type RequestEntity } from '../../libs/persistence/entities';
import { DHCP_PORT, type DhcpPort } from '../../libs/systems/dhcp/dhcp.port';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import {
  configRow,
  phoneRow,
  requestPhoneRegistration,
  requestPhoneUnregistration,
  seedActiveNumber,
  waitForPhone,
} from '../support/phone-fixtures';
import { seedPerson } from '../support/factories';
import { resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';
import { bootPath, phoneRequest, polycomAttributes } from './support/phone-http';

// The provisioning server on a World's PostgreSQL database, serving phones whose registrations ran
// through the real register-phone workflow (sandbox DHCP, network and PBX).

interface Phone {
  phoneId: string;
  mac: string;
  number: string;
  /** `/p/<secret>/` from the phone's DHCP reservation. */
  base: string;
  request: RequestEntity;
}

describe('provisioning server (HTTP) on the inventory database', () => {
  let world: World;
  let server: RunningProvisioningServer;
  let checking: RunningProvisioningServer;
  let uploadDir: string;
  const events: ProvisioningEvent[] = [];
  let ada: Phone;
  let grace: Phone;

  async function registerPhone(owner: string, mac: string): Promise<Phone> {
    const number = await seedActiveNumber(world, { owner });
    // The vault holds the line's password, as after the new-number workflow's PBX step.
    await world.deps.credentials.getOrCreate(number);
    const { request, phoneId } = await requestPhoneRegistration(world, {
      requester: owner,
      number,
      mac,
      firstBootTimeoutMs: 60_000,
      firstBootPollMs: 100,
    });
    await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    const reservation = await world.app.get<DhcpPort>(DHCP_PORT).findReservation(mac);
    return {
      phoneId,
      mac,
      number,
      base: bootPath(reservation!.bootUrl),
      request,
    };
  }

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-'));
    world = await World.start({ PROVISIONING_UPLOAD_DIR: uploadDir, PROVISIONING_UPLOAD_MAX_BYTES: '4096' });
    await world.startWorker();
    const adaLogin = (await seedPerson(world.sandbox)).login;
    const graceLogin = (await seedPerson(world.sandbox)).login;
    server = await startProvisioningServer(world.config, {
      dataSource: world.dataSource,
      port: 0,
      log: (e) => events.push(e),
    });
    const withSourceCheck = {
      ...world.config,
      provisioning: { ...world.config.provisioning, checkSourceAddress: true },
    };
    checking = await startProvisioningServer(withSourceCheck, { dataSource: world.dataSource, port: 0 });
    ada = await registerPhone(adaLogin, '0004f2a10001');
    grace = await registerPhone(graceLogin, '0004f2a10002');
  });

  afterAll(async () => {
    await server?.stop();
    await checking?.stop();
    await world?.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const get = (path: string, options: Parameters<typeof phoneRequest>[2] = {}) =>
    phoneRequest(server.url, path, options);

  it('serves the master file by MAC and the fallback master under the phone’s boot URL, both listing its line file', async () => {
    for (const name of [`${ada.mac}.cfg`, '000000000000.cfg']) {
      const master = await get(`${ada.base}${name}`);
      expect(master.status).toBe(200);
      expect(master.headers['cache-control']).toBe('no-store');
      expect(polycomAttributes(master.body).CONFIG_FILES).toBe(`phone${ada.mac}.cfg`);
      expect(master.body).not.toContain('reg.1');
    }
    // A master file is no fetch of the configuration.
    expect((await configRow(world, ada.mac))?.lastFetchAt).toBeNull();
  });

  it('serves the phone’s line file with its line and SIP password, which moves it to CONFIG_FETCHED', async () => {
    const file = await get(`${ada.base}phone${ada.mac.toUpperCase()}.cfg`);
    expect(file.status).toBe(200);
    const reg = polycomAttributes(file.body);
    expect(reg).toMatchObject({
      'reg.1.address': `${ada.number}@${world.config.sip.domain}`,
      'reg.1.label': ada.number,
      'reg.1.auth.userId': ada.number,
      'reg.1.auth.password': (await world.deps.credentials.reveal(ada.number))!,
      'reg.1.server.1.address': world.config.sip.domain,
    });
    expect(reg['reg.1.displayName']).toBeTruthy();
    expect((await configRow(world, ada.mac))?.lastFetchAt).toBeInstanceOf(Date);
    await waitForPhone(world, ada.phoneId, (p) => p.activation === 'CONFIG_FETCHED');

    // Once its line registers, the workflow activates it.
    await new SandboxPbxDriver(world.sandbox, world.config.sip.domain).simulateRegistration(ada.number);
    const progress = await resultOf(world.client, ada.request);
    expect(progress.status).toBe('COMPLETED');
    expect((await phoneRow(world, ada.phoneId))?.activation).toBe('ACTIVE');
  });

  it('records every fetch of the phone’s file, but not a HEAD', async () => {
    const before = (await configRow(world, ada.mac))!.lastFetchAt!;
    await new Promise((r) => setTimeout(r, 20));
    expect((await get(`${ada.base}phone${ada.mac}.cfg`, { method: 'HEAD' })).status).toBe(200);
    expect((await configRow(world, ada.mac))!.lastFetchAt).toEqual(before);
    expect((await get(`${ada.base}phone${ada.mac}.cfg`)).status).toBe(200);
    const after = (await configRow(world, ada.mac))!;
    expect(after.lastFetchAt!.getTime()).toBeGreaterThan(before.getTime());
    expect(after.lastFetchedRevision).toBe(after.revision);
  });

  describe('refuses, with no secret in the answer', () => {
    let adaPassword: string;
    let gracePassword: string;
    beforeAll(async () => {
      adaPassword = (await world.deps.credentials.reveal(ada.number))!;
      gracePassword = (await world.deps.credentials.reveal(grace.number))!;
    });
    const secretOf = (phone: Phone) => phone.base.split('/')[2];

    async function expectRefused(
      path: string,
      status: number,
      options: Parameters<typeof phoneRequest>[2] = {},
    ) {
      const answer = await phoneRequest(options.localAddress ? checking.url : server.url, path, options);
      expect({ path, status: answer.status }).toEqual({ path, status });
      for (const secret of [adaPassword, gracePassword, secretOf(ada), secretOf(grace)])
        expect(answer.body).not.toContain(secret);
      return answer;
    }

    it('another phone’s file with my secret: 404, and the same body as an unknown secret', async () => {
      const crossed = await expectRefused(`${ada.base}phone${grace.mac}.cfg`, 404);
      const unknown = await expectRefused(`/p/${'A'.repeat(43)}/phone${grace.mac}.cfg`, 404);
      expect(crossed.body).toBe(unknown.body);
      expect(crossed.headers['content-length']).toBe(unknown.headers['content-length']);
      await expectRefused(`${grace.base}phone${ada.mac}.cfg`, 404);
      await expectRefused(`${ada.base}${grace.mac}-phone.cfg`, 404);
    });

    it('a secret that differs in one character, or is cut short: 404', async () => {
      const secret = secretOf(grace);
      const flipped = `${secret.slice(0, 42)}${secret.endsWith('A') ? 'B' : 'A'}`;
      await expectRefused(`/p/${flipped}/phone${grace.mac}.cfg`, 404);
      await expectRefused(`/p/${flipped}/000000000000.cfg`, 404);
      await expectRefused(`/p/${secret.slice(0, 42)}/phone${grace.mac}.cfg`, 404);
      await expectRefused(`/p/${secret.slice(0, 11)}/phone${grace.mac}.cfg`, 404);
      await expectRefused(`/phone${grace.mac}.cfg`, 404);
      await expectRefused('/000000000000.cfg', 404);
    });

    it.each([
      ['traversal out of the boot URL', (b: string) => `${b}../../etc/passwd`],
      ['encoded traversal', (b: string) => `${b}..%2f..%2fetc%2fpasswd`],
      ['a hidden file', (b: string) => `${b}.env`],
      ['a sub-folder', (b: string) => `${b}x/${'0'.repeat(12)}.cfg`],
      ['an odd MAC (11 digits)', (b: string) => `${b}0004f2a1000.cfg`],
      ['an odd MAC (not hex)', (b: string) => `${b}0004f2a1000g.cfg`],
      ['a MAC with separators', (b: string) => `${b}00-04-f2-a1-00-01.cfg`],
      ['firmware we do not serve', (b: string) => `${b}sip.ld`],
      ['the all-zero MAC as a phone file', (b: string) => `${b}000000000000-phone.cfg`],
    ])('%s: 404', async (_name, path) => {
      await expectRefused(path(grace.base), 404);
    });

    it('the right secret from an address that is not the reservation’s: 403 (when the check is on)', async () => {
      await expectRefused(`${grace.base}phone${grace.mac}.cfg`, 403, { localAddress: '127.0.0.1' });
      // From the reserved address it is served (loopback stands in for the phone's address).
      await world.dataSource
        .getRepository(IpPhoneEntity)
        .update({ id: grace.phoneId }, { ipAddress: '127.0.0.9' });
      const ok = await phoneRequest(checking.url, `${grace.base}000000000000.cfg`, {
        localAddress: '127.0.0.9',
      });
      expect(ok.status).toBe(200);
      await expectRefused(`${grace.base}000000000000.cfg`, 403, { localAddress: '127.0.0.10' });
    });

    it('another method: 405', async () => {
      const answer = await expectRefused(`${grace.base}phone${grace.mac}.cfg`, 405, {
        method: 'POST',
        body: 'x',
      });
      expect(answer.headers.allow).toBe('GET, HEAD, PUT');
      await expectRefused(`${grace.base}phone${grace.mac}.cfg`, 405, { method: 'PUT', body: 'x' });
    });

    it('logs the reason for itself only', () => {
      expect(events).toContainEqual(
        expect.objectContaining({
          status: 404,
          mac: ada.mac,
          reason: `the secret of ${ada.mac} asked for a file of ${grace.mac}`,
        }),
      );
      const logged = JSON.stringify(events);
      for (const secret of [adaPassword, gracePassword, secretOf(ada), secretOf(grace)])
        expect(logged).not.toContain(secret);
    });
  });

  describe('uploads', () => {
    it('stores the phone’s overrides and logs, and serves its overrides back to it only', async () => {
      const overrides = '<PHONE_CONFIG><OVERRIDES up.backlight.idleIntensity="1"/></PHONE_CONFIG>';
      expect((await get(`${ada.base}${ada.mac}-phone.cfg`, { method: 'PUT', body: overrides })).status).toBe(
        201,
      );
      expect(
        (await get(`${ada.base}${ada.mac.toUpperCase()}-web.cfg`, { method: 'PUT', body: '<x/>' })).status,
      ).toBe(201);
      expect((await get(`${ada.base}${ada.mac}-app.log`, { method: 'PUT', body: 'boot ok\n' })).status).toBe(
        201,
      );
      const back = await get(`${ada.base}${ada.mac}-phone.cfg`);
      expect(back).toMatchObject({ status: 200, body: overrides });
      expect((await get(`${grace.base}${grace.mac}-phone.cfg`)).status).toBe(404);
      expect((await get(`${grace.base}${ada.mac}-phone.cfg`)).status).toBe(404);
      expect((await get(`${grace.base}${ada.mac}-phone.cfg`, { method: 'PUT', body: 'evil' })).status).toBe(
        404,
      );
      expect((await get(`${ada.base}${ada.mac}-phone.cfg`)).body).toBe(overrides);
    });

    it('refuses an upload over the limit with 413, whether announced or streamed, and keeps the old file', async () => {
      const path = `${ada.base}${ada.mac}-phone.cfg`;
      const announced = await get(path, { method: 'PUT', body: 'x'.repeat(16), contentLength: 5000 }).catch(
        (error: Error) => error,
      );
      // The server answers 413 without reading the body; the client sees that answer, or a reset
      // when the server closed the socket while the body was still going out.
      if (announced instanceof Error) expect(announced.message).toMatch(/ECONNRESET|EPIPE|socket hang up/);
      else expect(announced.status).toBe(413);
      const streamed = await get(path, { method: 'PUT', body: 'y'.repeat(4097) });
      expect(streamed.status).toBe(413);
      expect((await get(path)).body).toContain('OVERRIDES');
      expect(
        (await get(`${ada.base}${ada.mac}-big.log`, { method: 'PUT', body: 'z'.repeat(4096) })).status,
      ).toBe(201);
    });
  });

  it('answers 503 (no secret, no stack) while a line has no SIP password in the vault', async () => {
    await world.deps.credentials.destroy(grace.number);
    const answer = await get(`${grace.base}phone${grace.mac}.cfg`);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('30');
    expect(answer.body).not.toContain(grace.number);
    await world.deps.credentials.getOrCreate(grace.number);
    expect((await get(`${grace.base}phone${grace.mac}.cfg`)).status).toBe(200);
  });

  it('speaks HTTPS when given a certificate and its key, with the same checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-tls-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'ignore' }); // prettier-ignore
    const tlsConfig = {
      ...world.config,
      provisioning: { ...world.config.provisioning, tls: { certFile: cert, keyFile: key } },
    };
    const secure = await startProvisioningServer(tlsConfig, { dataSource: world.dataSource, port: 0 });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(cert);
      const fetchTls = (path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          httpsGet(`${secure.url}${path}`, { ca }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          }).on('error', reject);
        });
      const file = await fetchTls(`${grace.base}phone${grace.mac}.cfg`);
      expect(file.status).toBe(200);
      expect(polycomAttributes(file.body)['reg.1.auth.userId']).toBe(grace.number);
      expect((await fetchTls(`${grace.base}phone${ada.mac}.cfg`)).status).toBe(404);
      // Plain HTTP on the HTTPS port gets no file: the TLS server drops the connection.
      await expect(
        phoneRequest(secure.url.replace('https', 'http'), `${grace.base}phone${grace.mac}.cfg`),
      ).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      await secure.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 404 for every file once the phone is unregistered', async () => {
    const request = await requestPhoneUnregistration(world, {
      requester: ada.request.requester,
      phoneId: ada.phoneId,
      mac: ada.mac,
      number: ada.number,
    });
    expect((await resultOf(world.client, request)).status).toBe('COMPLETED');
    for (const file of ['000000000000.cfg', `${ada.mac}.cfg`, `phone${ada.mac}.cfg`, `${ada.mac}-phone.cfg`])
      expect((await get(`${ada.base}${file}`)).status).toBe(404);
    // The other phone is untouched.
    expect((await get(`${grace.base}000000000000.cfg`)).status).toBe(200);
  });
});
