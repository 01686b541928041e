import type { SystemName } from '../../libs/contracts/systems';
import { ApiWorld } from '../support/api-world';
import { reconciliationFindings } from './support/invariant';
import { reliabilityScale } from './support/reliability-scale';
import { report } from './support/report';
import {
  inPool,
  prepareRequest,
  sendRequest,
  settle,
  type PreparedRequest,
  type RequestKind,
  type SettledRequestView,
} from './support/request-mix';
import { reliabilitySeed, SeededRandom } from './support/seeded-random';
import { WorkerProcess } from './support/worker-process';

/** Requests in flight at once. */
const IN_FLIGHT = 8;

/** Settings shared by the in-process API and the worker process (the worker reads them from its environment). */
const SETTINGS = {
  SANDBOX_PHONE_AUTOBOOT_MS: '300',
  RETRY_MAX_ATTEMPTS: '10',
  RETRY_INITIAL_INTERVAL_MS: '200',
  RETRY_MAX_INTERVAL_MS: '1000',
  RETRY_BACKOFF: '2',
  // A killed worker's activity is retried elsewhere only once this runs out.
  ACTIVITY_TIMEOUT_MS: '5000',
  PARK_TIMEOUT_MS: String(24 * 3600 * 1000),
  DATABASE_POOL_SIZE: '4',
};

/**
 * Crashes: the worker runs as its own process and is killed with SIGKILL at random moments while
 * requests run, then started again. Every request completes, and no side effect is applied twice
 * (the sandbox systems log each applied effect; an idempotent retry logs nothing). Mail is the
 * exception, at least once: see below.
 */
describe('reliability: crashes (SIGKILL of the worker process during requests)', () => {
  const { crashRequests, crashKills } = reliabilityScale;
  const seed = reliabilitySeed();
  const random = new SeededRandom(seed);
  let api: ApiWorld;
  let worker: WorkerProcess;

  beforeAll(async () => {
    report(
      `crashes: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${crashRequests} requests, ${crashKills} kills`,
    );
    api = await ApiWorld.start(SETTINGS);
    worker = new WorkerProcess(api.world.config, SETTINGS);
    await worker.start();
  }, 180_000);

  afterAll(async () => {
    await worker?.kill();
    await api?.stop();
  });

  it(`completes ${crashRequests} requests across ${crashKills} worker kills, no side effect twice`, async () => {
    const kinds: RequestKind[] = [
      'NEW_PERSONAL_NUMBER',
      'NEW_SHARED_NUMBER',
      'REGISTER_PHONE',
      'DELETE_NUMBER',
      'CHANGE_DESCRIPTION',
    ];
    const requests: PreparedRequest[] = [];
    for (let i = 0; i < crashRequests; i++)
      requests.push(await prepareRequest(api, random.pick(kinds), i, random));
    const effectsBefore = await api.world.sandbox.lastEffectId();
    const killDelays = Array.from({ length: crashKills }, () => random.int(300, 4000));

    const started = Date.now();
    const views: SettledRequestView[] = [];
    const killer = (async () => {
      for (const delay of killDelays) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        await worker.kill();
        await worker.start();
      }
    })();
    await inPool(requests, IN_FLIGHT, async (request) => {
      const sent = await sendRequest(api, request);
      if (!sent.accepted) throw new Error(`refused: ${JSON.stringify(sent.response.errors)}`);
      views.push(await settle(api, request.login, sent.id, 600_000, ['COMPLETED', 'FAILED', 'CANCELLED']));
    });
    await killer;
    report(
      `crashes: seed ${seed}, ${views.length} requests, worker killed ${worker.kills}×, ` +
        `all settled in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        JSON.stringify(
          views.reduce<Record<string, number>>((t, v) => ({ ...t, [v.status]: (t[v.status] ?? 0) + 1 }), {}),
        ),
    );
    expect(worker.kills).toBe(crashKills);
    expect(
      views.filter((v) => v.status !== 'COMPLETED').map((v) => [v.kind, v.status, v.failureReason]),
    ).toEqual([]);

    // Each effect (system, operation, key) applied once: a retry after a crash found it done.
    const count = async (systems: readonly SystemName[]) => {
      const effects = new Map<string, number>();
      for (const system of systems)
        for (const e of await api.world.sandbox.effects(system, undefined, effectsBefore)) {
          const key = `${system}.${e.operation} ${e.key}`;
          effects.set(key, (effects.get(key) ?? 0) + 1);
        }
      return { distinct: effects.size, twice: [...effects].filter(([, n]) => n > 1) };
    };
    const systems = await count(['pbx', 'directory', 'network', 'dhcp']);
    // Mail is at least once across a crash: the activity records a receipt after SMTP accepted the
    // message, and a kill between the two sends it again on retry (same idempotency key, so a
    // receiving side can drop it). Counted and bounded by the mails in flight at each kill.
    const mail = await count(['mail']);
    report(
      `crashes: ${systems.distinct} distinct side effects on pbx/directory/network/dhcp, ${systems.twice.length} applied twice; ` +
        `${mail.distinct} mails, ${mail.twice.length} sent twice`,
    );
    expect(systems.twice).toEqual([]);
    expect(mail.twice.length).toBeLessThanOrEqual(crashKills * IN_FLIGHT);
    expect(await reconciliationFindings(api.world)).toEqual([]);
  }, 3_600_000);
});
