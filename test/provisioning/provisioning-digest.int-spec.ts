import type { RunningProvisioningServer } from '../../apps/provisioning/src/provisioning-app';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { phoneRow, randomMac, requestPhoneUnregistration, waitForPhone } from '../support/phone-fixtures';
import { resultOf } from '../support/workflow-helpers';
import type { World } from '../support/world';
import { startDigestWorld, type DigestWorld } from './support/digest-world';
import { curl, overCurlDigest } from './support/curl-digest';
import { phoneRequest } from './support/phone-http';
import { bootPolycom, firstBootOnShippedFiles } from './support/polycom-phone';
import { overHttp, registerWaitingPhone, type WaitingPhone } from './support/waiting-phone';

// Per-device HTTP digest on the provisioning server, for a phone registered through the workflow:
// the migration of a phone in the field (served on its secret until its line file has given it its
// credentials, then a grace), then the whole Polycom boot sequence performed with digest by curl.

describe('per-device HTTP digest on the provisioning server', () => {
  let world: World;
  /** Digest on with an hour's grace, as by default. */
  let lenient: RunningProvisioningServer;
  /** The same data with no grace: what a phone sees once its grace is over. */
  let strict: RunningProvisioningServer;
  let phone: WaitingPhone;
  let mac: string;
  let number: string;
  let base: string;
  let phoneId: string;
  let password: string;

  const plain = (server: RunningProvisioningServer) => overHttp(server.url, phone);
  const withDigest = (server: RunningProvisioningServer, user: string, secret: string) =>
    overCurlDigest(server.url, base, user, secret);
  const digestRow = async () => {
    const row = await phoneRow(world, phoneId);
    return { delivered: row?.provisioningDigestDeliveredAt, verified: row?.provisioningDigestVerifiedAt };
  };

  let servers: DigestWorld;

  beforeAll(async () => {
    servers = await startDigestWorld();
    ({ world, lenient, strict } = servers);
    phone = await registerWaitingPhone(world);
    ({ mac, number, base, phoneId } = phone);
  });

  afterAll(() => servers?.stop());

  it('serves a phone not yet given its credentials on its secret alone, even with no grace', async () => {
    expect(await digestRow()).toEqual({ delivered: null, verified: null });
    expect((await phoneRequest(strict.url, `${base}${mac}.cfg`)).status).toBe(200);
  });

  it('gives the phone its credentials in its line file, and starts its grace', async () => {
    const boot = await bootPolycom(mac, plain(lenient));
    expect(boot.requests.every((r) => r.status !== 401)).toBe(true);
    expect(boot.parameters).toMatchObject({
      'device.set': '1',
      'device.prov.user': mac,
      'device.prov.user.set': '1',
      'device.prov.password.set': '1',
    });
    password = boot.parameters['device.prov.password'];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await digestRow()).delivered).toBeInstanceOf(Date);
    // Its line registers, and the registration completes.
    await waitForPhone(world, phoneId, (p) => p.activation === 'CONFIG_FETCHED');
    await new SandboxPbxDriver(world.sandbox, world.config.sip.domain).simulateRegistration(number);
    expect((await resultOf(world.client, phone.request)).status).toBe('COMPLETED');
    // Within the grace it may still come without them (it reboots to apply them).
    expect((await phoneRequest(lenient.url, `${base}phone${mac}.cfg`)).status).toBe(200);
  });

  it('after the grace, challenges a request without digest, with nothing secret in the answer', async () => {
    const answer = await phoneRequest(strict.url, `${base}phone${mac}.cfg`);
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(
      /^Digest realm="switchboard-provisioning", nonce="[^"]+", qop="auth"$/,
    );
    expect(answer.body).not.toContain(password);
    expect(answer.body).not.toContain((await world.deps.credentials.reveal(number))!);
    expect(
      (await phoneRequest(strict.url, `${base}${mac}-app.log`, { method: 'PUT', body: 'x' })).status,
    ).toBe(401);
  });

  it('lets the whole boot sequence through when the client performs digest with the phone’s credentials', async () => {
    const boot = await bootPolycom(mac, withDigest(strict, mac, password));
    expect(boot.requests).toEqual(firstBootOnShippedFiles(mac));
    expect(boot.parameters['reg.1.auth.password']).toBe(await world.deps.credentials.reveal(number));
    expect((await digestRow()).verified).toBeInstanceOf(Date);
  });

  it('refuses a wrong password, another phone’s name, and no digest once the phone has used it', async () => {
    const file = `${base}phone${mac}.cfg`;
    expect(
      (await curl(`${strict.url}${file}`, { method: 'GET', user: mac, password: 'guessed' })).status,
    ).toBe(401);
    const other = `0004f2${randomMac().slice(6)}`;
    expect((await curl(`${strict.url}${file}`, { method: 'GET', user: other, password })).status).toBe(401);
    // Having once authenticated, it gets no grace any more, even on the lenient server.
    expect((await phoneRequest(lenient.url, file)).status).toBe(401);
    expect((await curl(`${lenient.url}${file}`, { method: 'GET', user: mac, password })).status).toBe(200);
  });

  it('starts anew after unregistering: the secret and the digest state go together', async () => {
    const unregistering = await requestPhoneUnregistration(world, {
      requester: phone.owner,
      phoneId,
      mac,
      number,
    });
    expect((await resultOf(world.client, unregistering)).status).toBe('COMPLETED');
    expect(await digestRow()).toEqual({ delivered: null, verified: null });
    expect(
      (await curl(`${strict.url}${base}phone${mac}.cfg`, { method: 'GET', user: mac, password })).status,
    ).toBe(404);
  });
});
