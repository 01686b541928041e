import { In, IsNull } from 'typeorm';
import type { SystemName } from '../../libs/contracts/systems';
import { RequestEntity } from '../../libs/persistence/entities';
import { freePort } from '../support/free-port';
import { World } from '../support/world';
import { ApiProcess } from './support/api-process';
import { CrashTolerantClient } from './support/crash-tolerant-client';
import { SimulatedPhones } from './support/simulated-phones';
import { reconciliationFindings } from './support/invariant';
import { reliabilityScale } from './support/reliability-scale';
import { report } from './support/report';
import {
  inPool,
  prepareRequest,
  settle,
  type PreparedRequest,
  type RequestKind,
  type SettledRequestView,
} from './support/request-mix';
import { reliabilitySeed, SeededRandom } from './support/seeded-random';
import { WorkerProcess } from './support/worker-process';

/** Requests in flight at once. */
const IN_FLIGHT = 8;

/** Settings of the world and of both processes (which read them from their environment). */
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

type KillTarget = 'worker' | 'API' | 'both';

/**
 * When to kill what: exactly `workerKills` kills of the worker and `apiKills` of the API, some of them
 * at the same moment, in a seeded random order, each after a random pause.
 */
function killPlan(random: SeededRandom, workerKills: number, apiKills: number, aimMs: number) {
  const both = random.int(0, Math.min(workerKills, apiKills));
  const targets: KillTarget[] = [
    ...Array<KillTarget>(workerKills - both).fill('worker'),
    ...Array<KillTarget>(apiKills - both).fill('API'),
    ...Array<KillTarget>(both).fill('both'),
  ];
  for (let i = targets.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [targets[i], targets[j]] = [targets[j], targets[i]];
  }
  return targets.map((target) => ({
    target,
    delayMs: random.int(300, 4000),
    /** Opt-in: kill the API this long after the next mutation call starts (see reliability-scale.ts). */
    aimMs: aimMs > 0 && target !== 'worker' ? random.int(0, aimMs) : undefined,
  }));
}

/**
 * Crashes: the worker and the API run as their own processes and are killed with SIGKILL at random
 * moments while requests run (one of them or both at once), then started again. Every request
 * completes, none is made twice (the client never re-sends blindly: see CrashTolerantClient), and no
 * side effect is applied twice (the sandbox systems log each applied effect; an idempotent retry logs
 * nothing). Mail is the exception, at least once: see below.
 */
describe('reliability: crashes (SIGKILL of the worker and API processes during requests)', () => {
  const { crashRequests, crashKills, crashApiKills, crashApiAimMs } = reliabilityScale;
  const seed = reliabilitySeed();
  const random = new SeededRandom(seed);
  let world: World;
  let worker: WorkerProcess;
  let api: ApiProcess;
  let phones: SimulatedPhones | undefined;
  /** The kill loop, and a flag that stops it, so no process is started again after the test. */
  let killer: Promise<void> | undefined;
  let stopKilling = false;

  beforeAll(async () => {
    report(
      `crashes: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${crashRequests} requests, ` +
        `${crashKills} worker kills, ${crashApiKills} API kills`,
    );
    world = await World.start({ API_PORT: String(await freePort()), ...SETTINGS });
    worker = new WorkerProcess(world.config, SETTINGS);
    // The simulated phones boot from this process (see SimulatedPhones), not from the API process.
    api = new ApiProcess(world.config, { ...SETTINGS, SANDBOX_PHONE_AUTOBOOT_MS: '0' });
    await Promise.all([worker.start(), api.start()]);
    phones = SimulatedPhones.start(world);
  }, 400_000);

  afterAll(async () => {
    stopKilling = true;
    await killer?.catch(() => undefined);
    await Promise.all([worker?.kill(), api?.kill()]);
    await phones?.stop();
    await world?.stop();
  });

  it(`completes ${crashRequests} requests across ${crashKills} worker and ${crashApiKills} API kills, nothing twice`, async () => {
    const kinds: RequestKind[] = [
      'NEW_PERSONAL_NUMBER',
      'NEW_SHARED_NUMBER',
      'REGISTER_PHONE',
      'DELETE_NUMBER',
      'CHANGE_DESCRIPTION',
    ];
    const requests: PreparedRequest[] = [];
    for (let i = 0; i < crashRequests; i++)
      requests.push(await prepareRequest({ world }, random.pick(kinds), i, random));
    const effectsBefore = await world.sandbox.lastEffectId();
    const plan = killPlan(random, crashKills, crashApiKills, crashApiAimMs);
    const client = new CrashTolerantClient(api.url);

    const started = Date.now();
    const views: SettledRequestView[] = [];
    const sentIds = new Map<string, string>();
    killer = (async () => {
      for (const { target, delayMs, aimMs } of plan) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (aimMs !== undefined) {
          await client.nextSend(5000);
          await new Promise((resolve) => setTimeout(resolve, aimMs));
        }
        if (stopKilling) return;
        const hit = target === 'both' ? [worker, api] : [target === 'API' ? api : worker];
        await Promise.all(hit.map((p) => p.kill()));
        await Promise.all(hit.map((p) => p.start()));
      }
    })();
    // Together: a restart that fails ends the test at once instead of leaving requests to time out.
    await Promise.all([
      inPool(requests, IN_FLIGHT, async (request) => {
        const id = await client.submit(request);
        sentIds.set(request.login, id);
        views.push(await settleOrExplain(client, world, request.login, id));
      }),
      killer,
    ]);
    const seconds = (ms: number[]) => (Math.max(...ms) / 1000).toFixed(1);
    report(
      `crashes: seed ${seed}, ${views.length} requests, worker killed ${worker.kills}×, API killed ${api.kills}× ` +
        `(${plan.filter((k) => k.target === 'both').length} times both at once), ` +
        `all settled in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        JSON.stringify(
          views.reduce<Record<string, number>>((t, v) => ({ ...t, [v.status]: (t[v.status] ?? 0) + 1 }), {}),
        ),
    );
    const { lost, foundAccepted, resent, waitedOnLocks } = client.lostSends;
    report(
      `crashes: ${lost} mutation calls lost to an API kill: ${foundAccepted} found accepted (not re-sent), ` +
        `${resent} re-sent after finding nothing, ${waitedOnLocks} waits on a lost call's locks; ` +
        `slowest start ${seconds(api.startMs)} s (API), ${seconds(worker.startMs)} s (worker)`,
    );
    expect([...worker.diedAlone, ...api.diedAlone]).toEqual([]);
    expect(worker.kills).toBe(crashKills);
    expect(api.kills).toBe(crashApiKills);
    expect(
      views.filter((v) => v.status !== 'COMPLETED').map((v) => [v.kind, v.status, v.failureReason]),
    ).toEqual([]);

    // One request per request sent: each person made one, and it is the one the client followed.
    const rows = await world.dataSource.getRepository(RequestEntity).findBy({
      requester: In(requests.map((r) => r.login)),
      parentId: IsNull(),
    });
    const made = new Map<string, string[]>();
    for (const row of rows) made.set(row.requester, [...(made.get(row.requester) ?? []), row.id]);
    expect(
      requests
        .map((r) => ({
          index: r.index,
          kind: r.kind,
          made: made.get(r.login) ?? [],
          followed: sentIds.get(r.login),
        }))
        .filter((r) => r.made.length !== 1 || r.made[0] !== r.followed),
    ).toEqual([]);
    report(`crashes: ${rows.length} request rows for ${requests.length} requests sent`);

    // Each effect (system, operation, key) applied once: a retry after a crash found it done.
    const count = async (systems: readonly SystemName[]) => {
      const effects = new Map<string, number>();
      for (const system of systems)
        for (const e of await world.sandbox.effects(system, undefined, effectsBefore)) {
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
    expect(await reconciliationFindings(world)).toEqual([]);
  }, 3_600_000);
});

/**
 * Follows the request to its end; if it never gets there, says what the database holds of it. A
 * request recorded with no run id and no progress was accepted by an API that died before it started
 * the workflow (RequestLauncher records the request, then starts the workflow).
 */
async function settleOrExplain(
  client: CrashTolerantClient,
  world: World,
  login: string,
  id: string,
): Promise<SettledRequestView> {
  try {
    return await settle(client, login, id, 600_000, ['COMPLETED', 'FAILED', 'CANCELLED']);
  } catch (error) {
    const row = await world.requests.find(id);
    const neverStarted = row?.status === 'ACCEPTED' && !row.runId && !row.progress;
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; in the database: ` +
        JSON.stringify({ status: row?.status, runId: row?.runId, progress: row?.progress?.status ?? null }) +
        (neverStarted ? ' (recorded, but its workflow never started: the API died in between?)' : ''),
    );
  }
}
