import { addDays, todayUtc } from '../../libs/legacy/campaign-scheduler';
import { AuditEntryEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import type { DirectoryPerson } from '../../libs/systems/directory/directory.port';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { errorCodes, type GraphqlResponse } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedLegacyNumber, seedUnitPerson, uniqueUnit } from '../support/legacy-factories';

const CAMPAIGN_FIELDS = `id unit status scheduledFor maxDate ratePerMinute systemRates { system perMinute }
  reminderDaysBefore createdBy startsAt summary { total succeeded failed skipped cancelled pending running }
  items { number login service migrateAs scheduledFor status requestId attempts outcome }`;
const SCHEDULE = `mutation($unit: String!, $date: String!, $rate: Int!, $maxDate: String!, $reminder: Int, $rates: [SystemRateInput!]) {
  scheduleCampaign(unit: $unit, date: $date, ratePerMinute: $rate, maxDate: $maxDate, reminderDaysBefore: $reminder, systemRates: $rates) { ${CAMPAIGN_FIELDS} } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
const MY_CAMPAIGNS = `{ myCampaigns { id unit status } }`;
const PAUSE = `mutation($id: ID!, $reason: String) { pauseCampaign(id: $id, reason: $reason) { id status } }`;
const RESUME = `mutation($id: ID!) { resumeCampaign(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelCampaign(id: $id, reason: $reason) { id status items { status } } }`;
const RETRY = `mutation($id: ID!, $number: String!) { retryCampaignItem(id: $id, number: $number) { id status } }`;
const MY_SCHEDULE = `{ myMigrationSchedule { campaignId unit number service status scheduledFor campaignDate earliestDate maxDate canChange requestId } }`;
const MOVE = `mutation($number: String!, $date: String!) { moveMyMigration(number: $number, date: $date) { number scheduledFor canChange } }`;
const NOW = `mutation($number: String!) { migrateNow(number: $number) { id kind status requester actor subject } }`;
const REQUEST = `query($id: ID!) { request(id: $id) { status } }`;

interface Campaign {
  id: string;
  unit: string;
  status: string;
  scheduledFor: string;
  createdBy: string;
  systemRates: Array<{ system: string; perMinute: number }>;
  summary: Record<string, number>;
  items: Array<{ number: string; login: string; status: string; requestId: string | null }>;
}

const DAY = addDays(todayUtc(), 2);
const MAX = addDays(todayUtc(), 6);

describe('migration campaigns over HTTP (API + worker + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    // A minute per day: campaigns scheduled in these tests never reach their date while they run.
    api = await ApiWorld.start({ CAMPAIGN_DAY_MS: '60000' });
    await api.world.startWorker();
    desk = (await seedUnitPerson(api.world.dataSource, api.world.sandbox, 'DESK')).login;
    await new SandboxDirectoryDriver(api.world.sandbox).createGroup({
      name: 'phone-service-desk',
      description: 'desk',
      ownerLogin: desk,
      members: [desk],
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  const directory = () => new SandboxDirectoryDriver(api.world.sandbox);
  const gql = <T>(
    query: string,
    user: string | undefined,
    variables = {},
    headers: Record<string, string> = {},
  ) => api.graphql<T>(query, { user, variables, headers });

  /** A unit with its admin, two people with legacy numbers, and someone ineligible. */
  async function arrangeUnit(options: { ineligible?: boolean } = {}) {
    const unit = uniqueUnit();
    const seed = (overrides: Partial<DirectoryPerson> = {}) =>
      seedUnitPerson(api.world.dataSource, api.world.sandbox, unit, overrides);
    const admin = await seed();
    await directory().createGroup({
      name: `phone-admins-${unit.toLowerCase()}`,
      description: `Phone admins of ${unit}`,
      ownerLogin: admin.login,
      members: [admin.login],
    });
    const ada = await seed();
    const grace = await seed();
    const legacy = (listedUnder: string[]) =>
      seedLegacyNumber(api.world.dataSource, api.world.sandbox, { service: 'ANALOGUE', listedUnder });
    const adaNumber = await legacy([ada.login]);
    const graceNumber = await legacy([grace.login]);
    const retired = options.ineligible ? await seed({ personnelClass: 'RETR' }) : undefined;
    const retiredNumber = retired ? await legacy([retired.login]) : undefined;
    return { unit, admin, ada, grace, adaNumber, graceNumber, retired, retiredNumber };
  }

  async function schedule(
    unit: string,
    admin: string,
    extra: Record<string, unknown> = {},
  ): Promise<Campaign> {
    const response = await gql<{ scheduleCampaign: Campaign }>(SCHEDULE, admin, {
      unit,
      date: DAY,
      rate: 30,
      maxDate: MAX,
      ...extra,
    });
    expect(response.errors).toBeUndefined();
    return response.data!.scheduleCampaign;
  }

  const cancelQuietly = (campaign: Campaign) =>
    gql(CANCEL, desk, { id: campaign.id, reason: 'test clean-up' });

  describe('scheduleCampaign and campaign(id)', () => {
    it('schedules a campaign covering the unit’s legacy numbers and shows it to its admins', async () => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit.toLowerCase(), u.admin.login, {
        reminder: 2,
        rates: [{ system: 'legacy', perMinute: 5 }],
      });
      expect(campaign).toMatchObject({
        unit: u.unit,
        status: 'SCHEDULED',
        scheduledFor: DAY,
        createdBy: u.admin.login,
        systemRates: [{ system: 'legacy', perMinute: 5 }],
        summary: { total: 2, pending: 2, succeeded: 0 },
      });
      expect(campaign.items.map((i) => [i.number, i.login, i.status]).sort()).toEqual(
        [
          [u.adaNumber, u.ada.login, 'PENDING'],
          [u.graceNumber, u.grace.login, 'PENDING'],
        ].sort(),
      );
      const read = await gql<{ campaign: Campaign }>(CAMPAIGN, u.admin.login, { id: campaign.id });
      expect(read.data?.campaign.id).toBe(campaign.id);
      const mine = await gql<{ myCampaigns: Campaign[] }>(MY_CAMPAIGNS, u.admin.login);
      expect(mine.data?.myCampaigns.map((c) => c.id)).toEqual([campaign.id]);
      const deskView = await gql<{ myCampaigns: Campaign[] }>(MY_CAMPAIGNS, desk);
      expect(deskView.data?.myCampaigns.map((c) => c.id)).toContain(campaign.id);
      expect((await gql<{ myCampaigns: Campaign[] }>(MY_CAMPAIGNS, u.ada.login)).data?.myCampaigns).toEqual(
        [],
      );
      // The scheduled mails go out to each person.
      const deadline = Date.now() + 20_000;
      let keys: string[] = [];
      while (keys.length < 2 && Date.now() < deadline) {
        keys = (await api.world.sandbox.list('mail'))
          .map((m) => m.key)
          .filter((k) => k.startsWith(`c:${campaign.id}:sch:`));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(keys.sort()).toEqual(
        [`c:${campaign.id}:sch:${u.ada.login}`, `c:${campaign.id}:sch:${u.grace.login}`].sort(),
      );
      await cancelQuietly(campaign);
    });

    it.each([
      ['a date that is not a date', { date: '2026-02-30' }, 'INVALID_INPUT', /not a date/],
      ['a date today', { date: todayUtc() }, 'INVALID_INPUT', /tomorrow/],
      ['a maximum date before the date', { maxDate: addDays(todayUtc(), 1) }, 'INVALID_INPUT', /on or after/],
      ['a rate of zero', { rate: 0 }, 'INVALID_INPUT', /from 1 to 1200/],
      ['a rate too high', { rate: 1201 }, 'INVALID_INPUT', /from 1 to 1200/],
      [
        'a rate for a system that does not exist',
        { rates: [{ system: 'fax', perMinute: 1 }] },
        'INVALID_INPUT',
        /not a system/,
      ],
      ['a unit name with odd characters', { unit: 'IT; DROP' }, 'INVALID_INPUT', /not a unit name/],
      ['a negative reminder', { reminder: -1 }, 'INVALID_INPUT', /between 0 and 60/],
    ])('refuses %s and schedules nothing', async (_label, variables, code, message) => {
      const u = await arrangeUnit();
      const response = await gql(SCHEDULE, u.admin.login, {
        unit: u.unit,
        date: DAY,
        rate: 30,
        maxDate: MAX,
        ...variables,
      });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.errors![0].message).toMatch(message);
      expect((await gql<{ myCampaigns: Campaign[] }>(MY_CAMPAIGNS, u.admin.login)).data?.myCampaigns).toEqual(
        [],
      );
    });

    it('refuses a second campaign for the same unit (CONFLICT) and a unit with nothing to migrate (NOT_FOUND)', async () => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit, u.admin.login);
      const second = await gql(SCHEDULE, u.admin.login, { unit: u.unit, date: DAY, rate: 30, maxDate: MAX });
      expect(errorCodes(second)).toEqual(['CONFLICT']);
      const empty = uniqueUnit();
      const response = await gql(SCHEDULE, desk, { unit: empty, date: DAY, rate: 30, maxDate: MAX });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
      await cancelQuietly(campaign);
    });
  });

  describe('pause, resume, cancel and retry', () => {
    it('steers a campaign and refuses what does not fit its state', async () => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit, u.admin.login);
      const id = campaign.id;
      const paused = await gql<{ pauseCampaign: Campaign }>(PAUSE, u.admin.login, {
        id,
        reason: 'network works',
      });
      expect(paused.data?.pauseCampaign.status).toBe('PAUSED');
      const again = await gql(PAUSE, u.admin.login, { id });
      expect(errorCodes(again)).toEqual(['INVALID_STATE']);
      expect(again.errors![0].message).toMatch(/cannot be paused/);
      expect(
        (await gql<{ resumeCampaign: Campaign }>(RESUME, u.admin.login, { id })).data?.resumeCampaign.status,
      ).toBe('SCHEDULED');
      expect(errorCodes(await gql(RESUME, u.admin.login, { id }))).toEqual(['INVALID_STATE']);
      const retry = await gql(RETRY, u.admin.login, { id, number: u.adaNumber });
      expect(errorCodes(retry)).toEqual(['INVALID_STATE']);
      expect(retry.errors![0].message).toMatch(/only a failed item can be retried/);
      expect(errorCodes(await gql(RETRY, u.admin.login, { id, number: 'abc' }))).toEqual(['INVALID_INPUT']);
      expect(errorCodes(await gql(CANCEL, u.admin.login, { id, reason: '  ' }))).toEqual(['INVALID_INPUT']);
      const cancelled = await gql<{ cancelCampaign: Campaign }>(CANCEL, u.admin.login, {
        id,
        reason: 'postponed',
      });
      expect(cancelled.data?.cancelCampaign).toMatchObject({
        status: 'CANCELLED',
        items: [{ status: 'CANCELLED' }, { status: 'CANCELLED' }],
      });
      expect(errorCodes(await gql(CANCEL, u.admin.login, { id, reason: 'twice' }))).toEqual([
        'INVALID_STATE',
      ]);
      const audit = await api.world.dataSource.getRepository(AuditEntryEntity).findBy({ target: id });
      expect(audit.map((a) => [a.action, a.actor, a.reason])).toEqual([
        ['SCHEDULE_CAMPAIGN', u.admin.login, `unit ${u.unit} on ${DAY}`],
        ['PAUSE_CAMPAIGN', u.admin.login, 'network works'],
        ['RESUME_CAMPAIGN', u.admin.login, null],
        ['CANCEL_CAMPAIGN', u.admin.login, 'postponed'],
      ]);
      expect(errorCodes(await gql(CAMPAIGN, u.admin.login, { id: 'not-a-uuid' }))).toEqual(['NOT_FOUND']);
    });
  });

  describe('who may run a campaign', () => {
    const actions = (id: string, unit: string): Array<[string, string, Record<string, unknown>]> => [
      ['scheduleCampaign', SCHEDULE, { unit, date: DAY, rate: 30, maxDate: MAX }],
      ['campaign', CAMPAIGN, { id }],
      ['pauseCampaign', PAUSE, { id }],
      ['resumeCampaign', RESUME, { id }],
      ['retryCampaignItem', RETRY, { id, number: '65000' }],
      ['cancelCampaign', CANCEL, { id, reason: 'not yours' }],
    ];

    it.each([
      ['a person whose number is in it', 'person', 'FORBIDDEN'],
      ['another user', 'stranger', 'FORBIDDEN'],
      ['the admin of another unit', 'otherAdmin', 'FORBIDDEN'],
      ['an ineligible admin of the unit', 'retiredAdmin', 'NOT_ELIGIBLE'],
      ['an anonymous caller', 'anonymous', 'UNAUTHENTICATED'],
    ])('%s may not schedule, see or steer it', async (_label, who, code) => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit, u.admin.login);
      const other = await arrangeUnit();
      const retiredAdmin = await seedUnitPerson(api.world.dataSource, api.world.sandbox, u.unit, {
        personnelClass: 'RETR',
      });
      await directory().setGroupMembers(`phone-admins-${u.unit.toLowerCase()}`, [
        u.admin.login,
        retiredAdmin.login,
      ]);
      const stranger = await seedUnitPerson(api.world.dataSource, api.world.sandbox, uniqueUnit());
      const user = {
        person: u.ada.login,
        stranger: stranger.login,
        otherAdmin: other.admin.login,
        retiredAdmin: retiredAdmin.login,
        anonymous: undefined,
      }[who];
      for (const [name, query, variables] of actions(campaign.id, u.unit)) {
        const response = await gql(query, user, variables);
        expect([name, errorCodes(response)]).toEqual([name, [code]]);
      }
      const read = await gql<{ campaign: Campaign }>(CAMPAIGN, u.admin.login, { id: campaign.id });
      expect(read.data?.campaign.status).toBe('SCHEDULED');
      await cancelQuietly(campaign);
    });

    it('the unit admin and the service desk may; desk actions are audited', async () => {
      const u = await arrangeUnit();
      const byDesk = await schedule(u.unit, desk);
      expect(byDesk.createdBy).toBe(desk);
      for (const user of [u.admin.login, desk]) {
        expect(
          (await gql<{ pauseCampaign: Campaign }>(PAUSE, user, { id: byDesk.id })).data?.pauseCampaign.status,
        ).toBe('PAUSED');
        expect(
          (await gql<{ resumeCampaign: Campaign }>(RESUME, user, { id: byDesk.id })).errors,
        ).toBeUndefined();
      }
      const audit = await api.world.dataSource.getRepository(AuditEntryEntity).findBy({ target: byDesk.id });
      expect(audit.filter((a) => a.actor === desk).map((a) => a.action)).toEqual([
        'SCHEDULE_CAMPAIGN',
        'PAUSE_CAMPAIGN',
        'RESUME_CAMPAIGN',
      ]);
      await cancelQuietly(byDesk);
    });
  });

  describe('myMigrationSchedule, moveMyMigration and migrateNow', () => {
    it('shows a person their date and lets them move it within the allowed days', async () => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit, u.admin.login);
      const schedule0 = await gql<{ myMigrationSchedule: Array<Record<string, unknown>> }>(
        MY_SCHEDULE,
        u.ada.login,
      );
      expect(schedule0.data?.myMigrationSchedule).toEqual([
        {
          campaignId: campaign.id,
          unit: u.unit,
          number: u.adaNumber,
          service: 'ANALOGUE',
          status: 'PENDING',
          scheduledFor: DAY,
          campaignDate: DAY,
          earliestDate: addDays(todayUtc(), 1),
          maxDate: MAX,
          canChange: true,
          requestId: null,
        },
      ]);
      const later = addDays(todayUtc(), 5);
      const moved = await gql<{ moveMyMigration: Record<string, unknown> }>(MOVE, u.ada.login, {
        number: u.adaNumber,
        date: later,
      });
      expect(moved.errors).toBeUndefined();
      expect(moved.data?.moveMyMigration).toEqual({
        number: u.adaNumber,
        scheduledFor: later,
        canChange: true,
      });

      for (const [date, message] of [
        [todayUtc(), /choose a day from/],
        [addDays(MAX, 1), /choose a day from/],
        ['05/03/2026', /not a date/],
      ] as const) {
        const response = await gql(MOVE, u.ada.login, { number: u.adaNumber, date });
        expect(errorCodes(response)).toEqual(['INVALID_INPUT']);
        expect(response.errors![0].message).toMatch(message);
      }
      expect(errorCodes(await gql(MOVE, u.ada.login, { number: '6x', date: later }))).toEqual([
        'INVALID_INPUT',
      ]);
      expect(errorCodes(await gql(MOVE, u.ada.login, { number: '65999', date: later }))).toEqual([
        'NOT_FOUND',
      ]);
      await cancelQuietly(campaign);
      // Once cancelled, nothing can be changed.
      expect(errorCodes(await gql(MOVE, u.ada.login, { number: u.adaNumber, date: later }))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it('migrates a number now, outside the campaign date', async () => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit, u.admin.login);
      const response = await gql<{
        migrateNow: { id: string; kind: string; requester: string; actor: string };
      }>(NOW, u.grace.login, { number: u.graceNumber });
      expect(response.errors).toBeUndefined();
      expect(response.data?.migrateNow).toMatchObject({
        kind: 'MIGRATE_ANALOGUE_PERSONAL',
        requester: u.grace.login,
        actor: u.admin.login,
      });
      const id = response.data!.migrateNow.id;
      const deadline = Date.now() + 60_000;
      let status: string | undefined;
      while (status !== 'COMPLETED' && Date.now() < deadline) {
        status = (await gql<{ request: { status: string } }>(REQUEST, u.grace.login, { id })).data?.request
          .status;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe('COMPLETED');
      expect(
        await api.world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number: u.graceNumber }),
      ).toMatchObject({ state: 'ACTIVE', ownerLogin: u.grace.login });
      const again = await gql(NOW, u.grace.login, { number: u.graceNumber });
      expect(errorCodes(again)).toEqual(['INVALID_STATE']);
      const move = await gql(MOVE, u.grace.login, { number: u.graceNumber, date: addDays(todayUtc(), 3) });
      expect(errorCodes(move)).toEqual(['INVALID_STATE']);
      await cancelQuietly(campaign);
    });

    it.each([
      ['another user', 'stranger', 'NOT_OWNER'],
      ['the unit admin', 'admin', 'NOT_OWNER'],
      ['an ineligible person whose number is in it', 'retired', 'NOT_ELIGIBLE'],
      ['an anonymous caller', 'anonymous', 'UNAUTHENTICATED'],
    ])('%s may not move or hasten a migration', async (_label, who, code) => {
      const u = await arrangeUnit({ ineligible: true });
      const campaign = await schedule(u.unit, u.admin.login);
      const stranger = await seedUnitPerson(api.world.dataSource, api.world.sandbox, uniqueUnit());
      const user = {
        stranger: stranger.login,
        admin: u.admin.login,
        retired: u.retired!.login,
        anonymous: undefined,
      }[who];
      const number = who === 'retired' ? u.retiredNumber! : u.adaNumber;
      const responses: Array<GraphqlResponse<unknown>> = [
        await gql(MOVE, user, { number, date: addDays(todayUtc(), 3) }),
        await gql(NOW, user, { number }),
      ];
      expect(responses.map(errorCodes)).toEqual([[code], [code]]);
      if (who === 'stranger') {
        expect(
          (await gql<{ myMigrationSchedule: unknown[] }>(MY_SCHEDULE, user)).data?.myMigrationSchedule,
        ).toEqual([]);
      }
      const read = await gql<{ campaign: Campaign }>(CAMPAIGN, u.admin.login, { id: campaign.id });
      expect(read.data?.campaign.items.every((i) => i.status === 'PENDING')).toBe(true);
      await cancelQuietly(campaign);
    });

    it('the service desk may move a person’s date on their behalf, and it is audited', async () => {
      const u = await arrangeUnit();
      const campaign = await schedule(u.unit, u.admin.login);
      const later = addDays(todayUtc(), 4);
      const onBehalf = { 'x-switchboard-on-behalf-of': u.ada.login };
      const moved = await gql<{ moveMyMigration: { scheduledFor: string } }>(
        MOVE,
        desk,
        { number: u.adaNumber, date: later },
        onBehalf,
      );
      expect(moved.data?.moveMyMigration.scheduledFor).toBe(later);
      const schedule1 = await gql<{ myMigrationSchedule: Array<{ number: string }> }>(
        MY_SCHEDULE,
        desk,
        {},
        onBehalf,
      );
      expect(schedule1.data?.myMigrationSchedule.map((s) => s.number)).toEqual([u.adaNumber]);
      const audit = await api.world.dataSource
        .getRepository(AuditEntryEntity)
        .findBy({ actor: desk, onBehalfOf: u.ada.login, action: 'MOVE_MIGRATION' });
      expect(audit).toEqual([expect.objectContaining({ target: u.adaNumber, reason: `moved to ${later}` })]);
      await cancelQuietly(campaign);
    });
  });
});
