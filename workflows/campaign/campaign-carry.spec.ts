import type { CampaignItemProgress } from '../../libs/contracts/campaigns';
import { packItem, progressOf, unpackItem, type CampaignCarry } from './campaign-carry';

const finished: CampaignItemProgress = {
  number: '61234',
  login: 'ada',
  service: 'SKYPE',
  movesPhone: true,
  date: '2026-12-01',
  status: 'FAILED',
  as: 'SHARED',
  requestId: '0d8f3a52-5b1e-4c43-9a4e-2f1f0a6c1b7e',
  attempts: 2,
  outcome: 'legacy: line is locked',
  remindedFor: '2026-12-01',
  startedAt: '2026-12-01T08:00:01.250Z',
  finishedAt: '2026-12-01T08:03:00.000Z',
};

describe('campaign carry (the book handed to the next run on continue-as-new)', () => {
  it('unpacks every item as it was, absent fields staying absent', () => {
    const pending: CampaignItemProgress = {
      number: '61235',
      login: 'grace',
      service: 'ANALOGUE',
      movesPhone: false,
      date: '2026-12-02',
      status: 'PENDING',
      attempts: 0,
    };
    const movedAfterReminder = { ...pending, remindedFor: '2026-12-01', date: '2026-12-04' };
    for (const item of [finished, pending, movedAfterReminder])
      expect(unpackItem(JSON.parse(JSON.stringify(packItem(item))))).toEqual(item);
  });

  it('rebuilds the progress the query answers', () => {
    const carry: CampaignCarry = {
      runs: 1,
      status: 'PAUSED',
      startedAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:05:00.000Z',
      items: [packItem(finished)],
      unrecorded: [],
      pausedBefore: 'RUNNING',
      cancelled: false,
      started: true,
      retryDeadline: null,
      buckets: [['legacy', 0.5, 1000]],
    };
    expect(progressOf('c1', 'IT', carry)).toEqual({
      campaignId: 'c1',
      unit: 'IT',
      status: 'PAUSED',
      startedAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:05:00.000Z',
      items: [finished],
    });
  });

  it('keeps a campaign of 10,000 finished items under Temporal’s 2 MB input limit', () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      packItem({ ...finished, number: String(60000 + i), login: `user${i}abcdef`, outcome: undefined }),
    );
    const bytes = Buffer.byteLength(JSON.stringify(items));
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
  });
});
