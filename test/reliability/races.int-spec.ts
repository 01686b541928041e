import { PhoneActivation } from '../../libs/domain/phone-activation';
import { IpPhoneEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import type { GraphqlResponse } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { GQL } from '../support/number-api';
import { PHONE_GQL, colon } from '../support/phone-api';
import { randomMac } from '../support/phone-fixtures';
import { reconciliationFindings } from './support/invariant';
import { reliabilityScale } from './support/reliability-scale';
import { report } from './support/report';
import { seedPublishedPersonalNumber, seedPublishedSharedNumber, settle } from './support/request-mix';

type Response = GraphqlResponse<Record<string, unknown>>;

/** Splits the race's responses into winners and losers, and checks every loser got a clear refusal. */
function judge(responses: Response[], allowedCodes: string[]) {
  const winners = responses.filter((r) => !r.errors && r.data);
  const losers = responses.filter((r) => r.errors);
  const unclear = losers.filter((r) => {
    const error = r.errors![0];
    return (
      r.status >= 500 || !allowedCodes.includes(error.extensions?.code ?? '') || error.message.length < 10
    );
  });
  const codes = new Map<string, number>();
  for (const r of losers)
    codes.set(r.errors![0].extensions!.code!, (codes.get(r.errors![0].extensions!.code!) ?? 0) + 1);
  return { winners, losers, unclear, codes: Object.fromEntries(codes) };
}

const idOf = (response: Response) => (Object.values(response.data!)[0] as { id: string }).id;

/**
 * Races: many people (or one person many times) asking for the same resource at the same moment,
 * over HTTP through the GraphQL API. Exactly one request may win; every other gets a clear error
 * with a code; nothing is left half-provisioned.
 */
describe('reliability: races (concurrent requests on one resource, API over HTTP)', () => {
  const n = reliabilityScale.raceRequests;
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start({ SANDBOX_PHONE_AUTOBOOT_MS: '300', DATABASE_POOL_SIZE: '8' });
    await api.world.startWorker();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  it(`${n} requests for the same person's personal number: one number, one SIP account`, async () => {
    const person = await seedPerson(api.world.sandbox);
    const responses = await Promise.all(
      Array.from({ length: n }, () => api.graphql(GQL.requestPersonalNumber, { user: person.login })),
    );
    const { winners, unclear, codes } = judge(responses, [
      'ALREADY_HAS_PERSONAL_NUMBER',
      'REQUEST_IN_PROGRESS',
    ]);
    report(`races: personal number of one person: ${winners.length} won, refusals ${JSON.stringify(codes)}`);
    expect(unclear).toEqual([]);
    expect(winners).toHaveLength(1);

    const done = await settle(api, person.login, idOf(winners[0]), 60_000, ['COMPLETED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    const owned = await api.world.dataSource
      .getRepository(PhoneNumberEntity)
      .findBy({ ownerLogin: person.login, type: 'PERSONAL' });
    expect(owned.map((row) => [row.number, row.state])).toEqual([[done.number, 'ACTIVE']]);
    const sipAccountsCreated = (await api.world.sandbox.effects('pbx')).filter(
      (e) => e.operation === 'createSipAccount' && e.key === done.number,
    );
    expect(sipAccountsCreated).toHaveLength(1);
    expect(await reconciliationFindings(api.world)).toEqual([]);
  }, 180_000);

  it(`${n} registrations of the same MAC on ${n} numbers: one phone`, async () => {
    const people = await Promise.all(Array.from({ length: n }, () => seedPerson(api.world.sandbox)));
    const numbers = await Promise.all(people.map((p) => seedPublishedPersonalNumber(api.world, p.login)));
    const mac = randomMac();
    // The winner's network step is held until every request has its answer, so the race is not won
    // by finishing early, however slowly the others arrive.
    const hold = await api.world.faults.inject({
      system: 'network',
      operation: 'registerDevice',
      kind: 'hold',
      times: 1,
    });
    const responses = await Promise.all(
      people.map((p, i) =>
        api.graphql(PHONE_GQL.registerPhone, {
          user: p.login,
          // The same MAC in the spellings people type.
          variables: {
            modelId: 'polycom-vvx-450',
            number: numbers[i],
            mac: i % 2 ? colon(mac) : mac.toUpperCase(),
            office: '513/R-024',
          },
        }),
      ),
    );
    await api.world.faults.release(hold);
    const { winners, unclear, codes } = judge(responses, ['MAC_IN_USE', 'REQUEST_IN_PROGRESS']);
    report(`races: one MAC: ${winners.length} won, refusals ${JSON.stringify(codes)}`);
    expect(unclear).toEqual([]);
    expect(winners).toHaveLength(1);
    const winner = people[responses.indexOf(winners[0])];

    const done = await settle(api, winner.login, idOf(winners[0]), 60_000, ['COMPLETED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    const phones = await api.world.dataSource.getRepository(IpPhoneEntity).findBy({ mac });
    expect(phones.map((p) => [p.ownerLogin, p.activation])).toEqual([[winner.login, PhoneActivation.ACTIVE]]);
    expect((await api.world.sandbox.effects('dhcp', mac)).map((e) => e.operation)).toEqual(['reserveHost']);
    expect(await reconciliationFindings(api.world)).toEqual([]);
  }, 180_000);

  it(`${n} different changes to the same number at once: one runs, the number ends consistent`, async () => {
    const owner = await seedPerson(api.world.sandbox);
    const number = await seedPublishedSharedNumber(api.world, owner.login, 'Lab 1 bench');
    // Hold the winner's workflow (and only it: the API never calls these) until every other request
    // has its answer, so they all arrive while it holds the number; whichever change wins, one of
    // these is on its way.
    const holds = [
      ...(await Promise.all(
        ['setDisplayName', 'removeSipAccount'].map((operation) =>
          api.world.faults.inject({ system: 'pbx', operation, kind: 'hold', times: 1 }),
        ),
      )),
      await api.world.faults.inject({
        system: 'directory',
        operation: 'unpublishSharedNumber',
        kind: 'hold',
        times: 1,
      }),
    ];
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) => {
        const [document, variables] =
          i % 3 === 0
            ? [GQL.changeDescription, { number, description: `Lab 1 bench v${i}` }]
            : i % 3 === 1
              ? [GQL.setPhonebookListing, { number, listed: false }]
              : [GQL.deleteNumber, { number }];
        return api.graphql(document, { user: owner.login, variables });
      }),
    );
    for (const hold of holds) await api.world.faults.release(hold);
    const { winners, unclear, codes } = judge(responses, ['REQUEST_IN_PROGRESS']);
    report(`races: one number, mixed changes: ${winners.length} won, refusals ${JSON.stringify(codes)}`);
    expect(unclear).toEqual([]);
    expect(winners).toHaveLength(1);

    const done = await settle(api, owner.login, idOf(winners[0]), 60_000, ['COMPLETED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    expect(await reconciliationFindings(api.world)).toEqual([]);
  }, 180_000);
});
