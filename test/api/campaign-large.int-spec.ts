import { Client } from 'pg';
import { seedLegacyUnit, benchLogin } from '../../bench/support/seed';
import { addDays, todayUtc } from '../../libs/legacy/campaign-scheduler';
import { CampaignItemEntity } from '../../libs/persistence/entities';
import { ApiWorld } from '../support/api-world';

/** More items than one INSERT can carry: 13 columns × 6,000 rows is over PostgreSQL's 65,535 parameters. */
const ITEMS = 6_000;
const UNIT = 'LARGE';

/**
 * A campaign over a unit of thousands of people, scheduled through the API. No worker runs: the
 * test is about what the API writes, and the workflow is terminated with the world.
 */
describe('a campaign of thousands of numbers over HTTP (API + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start({ CAMPAIGN_DAY_MS: '60000' });
    const { database } = api.world.config;
    if (database.type !== 'postgres') throw new Error('this test seeds PostgreSQL in bulk');
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    try {
      // The benchmarks' bulk seeding: people bench000001… of the unit, each with a legacy Skype number.
      await seedLegacyUnit(pg, ITEMS, UNIT);
    } finally {
      await pg.end();
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it(`schedules ${ITEMS} items, every one recorded`, async () => {
    const response = await api.graphql<{ scheduleCampaign: { id: string; summary: { total: number } } }>(
      `mutation($unit: String!, $date: String!, $maxDate: String!) {
        scheduleCampaign(unit: $unit, date: $date, maxDate: $maxDate, ratePerMinute: 1200) { id summary { total } }
      }`,
      {
        user: benchLogin(1),
        variables: { unit: UNIT, date: addDays(todayUtc(), 1), maxDate: addDays(todayUtc(), 30) },
      },
    );
    expect(response.errors).toBeUndefined();
    const campaign = response.data!.scheduleCampaign;
    expect(campaign.summary.total).toBe(ITEMS);
    const items = api.world.dataSource.getRepository(CampaignItemEntity);
    expect(await items.countBy({ campaignId: campaign.id, status: 'PENDING' })).toBe(ITEMS);
    expect(await items.countBy({ campaignId: campaign.id, number: '10000' })).toBe(1);
    expect(await items.countBy({ campaignId: campaign.id, number: String(9999 + ITEMS) })).toBe(1);
  }, 120_000);
});
