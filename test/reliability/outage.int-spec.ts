import { ApiWorld } from '../support/api-world';
import { reconciliationFindings } from './support/invariant';
import { reliabilityScale } from './support/reliability-scale';
import { report } from './support/report';
import {
  prepareRequest,
  sendRequest,
  settle,
  type PreparedRequest,
  type RequestKind,
  type SettledRequestView,
} from './support/request-mix';
import { SeededRandom } from './support/seeded-random';

const RETRY_MAX_INTERVAL_MS = 2000;

/**
 * Outage: the PBX is down (every call fails as unavailable) for a while. Requests that need it wait
 * and retry under the PBX's retry policy, which is sized from the configuration to outlast the
 * outage; when the PBX returns they all complete, none lost, none parked, nothing done twice.
 */
describe('reliability: outage (the PBX down for a while, API over HTTP)', () => {
  const { outageMs, outageRequests } = reliabilityScale;
  // The PBX's retry budget must cover the outage: attempts × the longest interval, with margin.
  const pbxAttempts = Math.ceil(outageMs / RETRY_MAX_INTERVAL_MS) + 10;
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start({
      SANDBOX_PHONE_AUTOBOOT_MS: '300',
      RETRY_INITIAL_INTERVAL_MS: '200',
      RETRY_MAX_INTERVAL_MS: String(RETRY_MAX_INTERVAL_MS),
      RETRY_MAX_ATTEMPTS_PBX: String(pbxAttempts),
      ACTIVITY_TIMEOUT_MS: '10000',
    });
    await api.world.startWorker();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it(`${outageRequests} requests during a ${outageMs / 1000} s PBX outage wait, then all complete`, async () => {
    expect(api.world.config.workflow.retries.pbx.maximumAttempts).toBe(pbxAttempts);
    const kinds: RequestKind[] = ['NEW_PERSONAL_NUMBER', 'NEW_SHARED_NUMBER', 'REGISTER_PHONE'];
    const random = new SeededRandom(1);
    const requests: PreparedRequest[] = [];
    for (let i = 0; i < outageRequests; i++)
      requests.push(await prepareRequest(api, kinds[i % 3], i, random));

    await api.world.faults.inject({ system: 'pbx', kind: 'transient', message: 'PBX unreachable (outage)' });
    const downSince = Date.now();
    const ids: string[] = [];
    for (const request of requests) {
      const sent = await sendRequest(api, request);
      if (!sent.accepted)
        throw new Error(`refused during the outage: ${JSON.stringify(sent.response.errors)}`);
      ids.push(sent.id);
    }

    // While it is down: nothing completes, nothing parks, every request is retrying its PBX step.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageMs - (Date.now() - downSince))));
    const during = await Promise.all(
      requests.map((r, i) => settle(api, r.login, ids[i], 10_000, ['RUNNING'])),
    );
    const waiting = (v: SettledRequestView) =>
      v.steps.some((s) =>
        s.id === 'create-sip-account' || s.id === 'bind-line' ? s.status === 'RUNNING' : false,
      );
    expect(during.filter((v) => !waiting(v)).map((v) => [v.kind, v.status])).toEqual([]);

    await api.world.faults.clear('pbx');
    const back = Date.now();
    const after = await Promise.all(requests.map((r, i) => settle(api, r.login, ids[i], 120_000)));
    report(
      `outage: PBX down ${((back - downSince) / 1000).toFixed(1)} s with ${requests.length} requests waiting; ` +
        `all settled ${((Date.now() - back) / 1000).toFixed(1)} s after it came back: ` +
        JSON.stringify(
          after.reduce<Record<string, number>>((t, v) => ({ ...t, [v.status]: (t[v.status] ?? 0) + 1 }), {}),
        ),
    );
    expect(after.map((v) => v.status)).toEqual(requests.map(() => 'COMPLETED'));

    // None done twice: one SIP account creation per new number, one binding per phone.
    const effects = await api.world.sandbox.effects('pbx');
    for (const [i, view] of after.entries()) {
      const key = requests[i].number ?? view.number;
      const operation = requests[i].kind === 'REGISTER_PHONE' ? 'bindDevice' : 'createSipAccount';
      expect([key, effects.filter((e) => e.key === key && e.operation === operation).length]).toEqual([
        key,
        1,
      ]);
    }
    expect(await reconciliationFindings(api.world)).toEqual([]);
  }, 3_600_000);
});
