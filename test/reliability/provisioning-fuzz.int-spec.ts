import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  startProvisioningServer,
  type RunningProvisioningServer,
} from '../../apps/provisioning/src/provisioning-app';
import { DHCP_PORT, type DhcpPort } from '../../libs/systems/dhcp/dhcp.port';
import { bootPath, phoneRequest } from '../provisioning/support/phone-http';
import { seedPerson } from '../support/factories';
import {
  configRow,
  requestPhoneRegistration,
  seedActiveNumber,
  waitForPhone,
} from '../support/phone-fixtures';
import { World } from '../support/world';
import { reliabilityScale } from './support/reliability-scale';
import { report } from './support/report';
import { reliabilitySeed } from './support/seeded-random';

const UPLOAD_MAX = 4096;

interface Phone {
  mac: string;
  base: string;
  password: string;
}

/**
 * Fuzzing the provisioning server over HTTP: paths assembled from real and hostile pieces (the
 * phones' own secrets and MACs, each other's, traversal, encodings, random text), every method, and
 * uploads of any size. The server must never fail (no 5xx), never hand a SIP password to any request
 * but the phone's own file, never record a fetch for another request, and keep only uploads named
 * for the phone that sent them, within the size limit.
 */
describe('reliability: fuzzing the provisioning server (fast-check over HTTP)', () => {
  const runs = reliabilityScale.fuzzProvisioningRuns;
  const seed = reliabilitySeed();
  let world: World;
  let server: RunningProvisioningServer;
  let uploadDir: string;
  let phones: [Phone, Phone];

  async function registeredPhone(mac: string): Promise<Phone> {
    const owner = (await seedPerson(world.sandbox)).login;
    const number = await seedActiveNumber(world, { owner });
    const password = await world.deps.credentials.getOrCreate(number);
    const { phoneId } = await requestPhoneRegistration(world, {
      requester: owner,
      number,
      mac,
      firstBootTimeoutMs: 600_000,
      firstBootPollMs: 60_000,
    });
    await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
    const reservation = await world.app.get<DhcpPort>(DHCP_PORT).findReservation(mac);
    return { mac, base: bootPath(reservation!.bootUrl), password };
  }

  beforeAll(async () => {
    report(`provisioning fuzzing: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${runs} requests`);
    uploadDir = mkdtempSync(join(tmpdir(), 'switchboard-fuzz-uploads-'));
    world = await World.start({
      PROVISIONING_UPLOAD_DIR: uploadDir,
      PROVISIONING_UPLOAD_MAX_BYTES: String(UPLOAD_MAX),
    });
    await world.startWorker();
    phones = [await registeredPhone('0004f2f10001'), await registeredPhone('0004f2f10002')];
    server = await startProvisioningServer(world.config, {
      dataSource: world.dataSource,
      port: 0,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await world?.stop();
    if (uploadDir) rmSync(uploadDir, { recursive: true, force: true });
  });

  it('answers every request without a 5xx, and gives a SIP password only to the phone’s own file', async () => {
    const [ada, grace] = phones;
    const secretOf = (phone: Phone) => phone.base.split('/')[2];
    const segment = fc.oneof(
      fc.constantFrom(
        'p',
        secretOf(ada),
        secretOf(grace),
        secretOf(ada).slice(0, 11),
        `${secretOf(ada)}x`,
        '..',
        '.',
        '',
        '%2e%2e',
        '%2F',
        '%00',
        '000000000000.cfg',
        `${ada.mac}.cfg`,
        `phone${ada.mac}.cfg`,
        `phone${ada.mac.toUpperCase()}.cfg`,
        `phone${grace.mac}.cfg`,
        `${ada.mac}-phone.cfg`,
        `${ada.mac}-web.cfg`,
        `${ada.mac}-app.log`,
        `${grace.mac}-phone.cfg`,
        '00:04:f2:f1:00:01.cfg',
        'ffffffffffff.cfg',
      ),
      fc.stringMatching(/^(phone)?[0-9a-f]{12}(\.cfg|-phone\.cfg|\.log)?$/),
      fc.string({ maxLength: 40 }).map((text) => encodeURIComponent(text)),
    );
    const path = fc.oneof(
      {
        weight: 1,
        arbitrary: fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
      },
      // Mostly well-formed: a real boot path with a fuzzed file name.
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(ada.base, grace.base), segment)
          .map(([base, file]) => `${base}${file}`),
      },
    );
    const method = fc.oneof(
      { weight: 4, arbitrary: fc.constant('GET') },
      { weight: 3, arbitrary: fc.constant('PUT') },
      { weight: 1, arbitrary: fc.constantFrom('HEAD', 'POST', 'DELETE', 'OPTIONS', 'PATCH') },
    );
    const bodySize = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: UPLOAD_MAX - 8, max: UPLOAD_MAX * 3 }),
    );

    const ownFile = (phone: Phone, requestPath: string) =>
      requestPath.toLowerCase() === `${phone.base}phone${phone.mac}.cfg`.toLowerCase();
    const fetches = async () =>
      Promise.all(
        phones.map(async (phone) => (await configRow(world, phone.mac))?.lastFetchAt?.getTime() ?? null),
      );
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(path, method, bodySize, async (requestPath, verb, size) => {
        const before = await fetches();
        const withBody = verb === 'PUT' || verb === 'POST' || verb === 'PATCH';
        const answer = await phoneRequest(server.url, requestPath, {
          method: verb,
          body: withBody ? Buffer.alloc(size, 0x61) : undefined,
        }).catch((error: Error) => ({ status: 0, body: `connection failed: ${error.message}`, headers: {} }));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);

        // A refusal early in an upload may close the connection before the body is sent: that is a
        // refusal too (the client sees no answer, nothing is stored), never a server failure.
        if (answer.status !== 0) {
          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(500);
        }
        for (const phone of phones) {
          const mayRead = verb === 'GET' && ownFile(phone, requestPath);
          if (!mayRead) expect(answer.body).not.toContain(phone.password);
        }
        const after = await fetches();
        phones.forEach((phone, i) => {
          if (!(verb === 'GET' && ownFile(phone, requestPath))) expect(after[i]).toBe(before[i]);
        });
        if (answer.status >= 200 && answer.status < 300 && withBody) {
          // Stored only under the sender's own secret, with a name for the sender's MAC, within the limit.
          const owner = phones.find((phone) => requestPath.startsWith(phone.base));
          expect(owner).toBeDefined();
          expect(requestPath.slice(owner!.base.length).toLowerCase().startsWith(owner!.mac)).toBe(true);
          expect(size).toBeLessThanOrEqual(UPLOAD_MAX);
        }
      }),
      { numRuns: runs, seed },
    );

    for (const name of readdirSync(uploadDir, { recursive: true }).map(String))
      expect(phones.some((phone) => name.toLowerCase().includes(phone.mac))).toBe(true);
    report(
      `provisioning fuzzing: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    // The fuzzing reached the server's real paths, not only its refusals.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(404)).toBeGreaterThan(0);
  }, 900_000);
});
