import type { CampaignInput } from '../../libs/contracts/campaigns';
import { CampaignBook, daysBetween, isDate, systemsOf } from './campaign-book';

const input = (overrides: Partial<CampaignInput> = {}): CampaignInput => ({
  campaignId: 'c1',
  unit: 'IT',
  admin: 'marie',
  scheduledFor: '2026-12-01',
  maxDate: '2026-12-10',
  startsAt: '2026-12-01T08:00:00.000Z',
  dayMs: 86_400_000,
  reminderDaysBefore: 3,
  ratePerMinute: 10,
  systemRates: {},
  retryWindowMs: 1000,
  items: [
    { number: '61234', login: 'ada', service: 'SKYPE', movesPhone: true },
    { number: '61235', login: 'grace', service: 'ANALOGUE', movesPhone: false },
  ],
  settings: {} as CampaignInput['settings'],
  firstBootTimeoutMs: 1000,
  ...overrides,
});

const at = (iso: string) => () => new Date(iso);

describe('CampaignBook', () => {
  it('turns dates into times from the campaign start and the length of a day', () => {
    const book = new CampaignBook(input(), at('2026-11-20T00:00:00Z'));
    expect(new Date(book.timeOf('2026-12-03')).toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(new Date(book.remindAt(book.item('61234')!)).toISOString()).toBe('2026-11-28T08:00:00.000Z');
    const shrunk = new CampaignBook(
      input({ dayMs: 1000, startsAt: '2026-11-20T00:00:10.000Z' }),
      at('2026-11-20T00:00:00Z'),
    );
    expect(shrunk.timeOf('2026-12-03') - shrunk.timeOf('2026-12-01')).toBe(2000);
  });

  it('lists due items earliest first and counts outcomes', () => {
    const book = new CampaignBook(input(), at('2026-11-20T00:00:00Z'));
    book.update(book.item('61234')!, { date: '2026-12-02' });
    expect(book.due(Date.parse('2026-12-01T09:00:00Z')).map((i) => i.number)).toEqual(['61235']);
    expect(book.due(Date.parse('2026-12-02T09:00:00Z')).map((i) => i.number)).toEqual(['61235', '61234']);
    book.update(book.item('61235')!, { status: 'FAILED', outcome: 'PBX down' });
    expect(book.counts()).toMatchObject({ total: 2, failed: 1, pending: 1 });
    expect(book.allFinished()).toBe(false);
    expect(book.takeChanges().campaign.items.map((i) => i.number)).toEqual(['61234', '61235']);
    expect(book.takeChanges().campaign.items).toEqual([]);
  });

  it('finds the next moment a pending item falls due or is reminded, after now', () => {
    const book = new CampaignBook(input(), at('2026-11-20T00:00:00Z'));
    const next = (iso: string) => {
      const time = book.nextItemEventAfter(Date.parse(iso));
      return time === undefined ? undefined : new Date(time).toISOString();
    };
    // Reminders three days before the date come first, then the date itself.
    expect(next('2026-11-20T00:00:00Z')).toBe('2026-11-28T08:00:00.000Z');
    book.progress.items.forEach((item) => (item.remindedFor = item.date));
    expect(next('2026-11-20T00:00:00Z')).toBe('2026-12-01T08:00:00.000Z');
    book.update(book.item('61235')!, { date: '2026-12-04' });
    // Moved to the 4th: a new reminder on the 1st (not after now), the date itself on the 4th.
    expect(next('2026-12-01T08:00:00Z')).toBe('2026-12-04T08:00:00.000Z');
    book.update(book.item('61234')!, { status: 'SUCCEEDED' });
    book.update(book.item('61235')!, { status: 'CANCELLED' });
    expect(next('2026-11-20T00:00:00Z')).toBeUndefined();
  });

  it('validates moves: a pending item, a real date, not past the maximum, not already begun', () => {
    const book = new CampaignBook(input(), at('2026-11-20T00:00:00Z'));
    expect(() => book.validateMove('61234', '2026-12-05')).not.toThrow();
    expect(() => book.validateMove('61234', '2026-12-11')).toThrow(
      /latest date for this campaign is 2026-12-10/,
    );
    expect(() => book.validateMove('61234', '2026-02-30')).toThrow(/not a date/);
    expect(() => book.validateMove('61234', '2026-11-19')).toThrow(/already begun/);
    expect(() => book.validateMove('99999', '2026-12-05')).toThrow(/not part of this campaign/);
    book.update(book.item('61234')!, { status: 'RUNNING' });
    expect(() => book.validateMove('61234', '2026-12-05')).toThrow(/RUNNING and cannot be moved/);
    expect(() => book.validateMigrateNow('61234')).toThrow(/cannot be started again/);
  });

  it('validates pause, resume, cancel and retry against the campaign state', () => {
    const book = new CampaignBook(input(), at('2026-11-20T00:00:00Z'));
    expect(() => book.validateResume()).toThrow(/not paused/);
    book.setStatus('PAUSED');
    expect(() => book.validatePause()).toThrow(/cannot be paused/);
    expect(() => book.validateCancel('')).toThrow(/a reason is required/);
    expect(() => book.validateRetry('61234')).toThrow(/only a failed item can be retried/);
    book.setStatus('CANCELLED');
    expect(() => book.validateCancel('again')).toThrow(/already CANCELLED/);
  });

  it('knows which systems a migration touches', () => {
    expect(systemsOf({ movesPhone: false })).toEqual(['inventory', 'legacy', 'pbx', 'directory', 'mail']);
    expect(systemsOf({ movesPhone: true })).toContain('dhcp');
    expect(daysBetween('2026-12-31', '2027-01-02')).toBe(2);
    expect(isDate('2026-13-01')).toBe(false);
  });
});
