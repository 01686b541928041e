import { firstAfter, ScanSnapshot } from './scan-snapshot';

describe('ScanSnapshot', () => {
  const names = [
    'TELEPHONE-70003',
    'TELEPHONE-70001',
    'TELEPHONE-70005',
    'TELEPHONE-70002',
    'TELEPHONE-70004',
  ];

  it('reads once per scan and serves key-ordered pages with a cursor', async () => {
    const snapshot = new ScanSnapshot<string>((n) => n);
    const load = jest.fn(() => Promise.resolve([...names]));
    const first = await snapshot.page('TELEPHONE-', { limit: 2 }, load);
    expect(first).toEqual({ items: ['TELEPHONE-70001', 'TELEPHONE-70002'], next: 'TELEPHONE-70002' });
    const second = await snapshot.page('TELEPHONE-', { after: first.next, limit: 2 }, load);
    expect(second).toEqual({ items: ['TELEPHONE-70003', 'TELEPHONE-70004'], next: 'TELEPHONE-70004' });
    const last = await snapshot.page('TELEPHONE-', { after: second.next, limit: 2 }, load);
    expect(last).toEqual({ items: ['TELEPHONE-70005'] });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads again when a scan starts over, when the snapshot is stale or belongs to another scope', async () => {
    let clock = 0;
    const snapshot = new ScanSnapshot<string>(
      (n) => n,
      1000,
      () => clock,
    );
    const load = jest.fn(() => Promise.resolve([...names]));
    await snapshot.page('a', { limit: 2 }, load);
    await snapshot.page('a', { limit: 2 }, load);
    expect(load).toHaveBeenCalledTimes(2);
    await snapshot.page('b', { after: 'TELEPHONE-70001', limit: 2 }, load);
    expect(load).toHaveBeenCalledTimes(3);
    clock = 1001;
    // Another process (or a stale snapshot) carries on after the same key, not the same position.
    const resumed = await snapshot.page('a', { after: 'TELEPHONE-70003', limit: 5 }, load);
    expect(resumed).toEqual({ items: ['TELEPHONE-70004', 'TELEPHONE-70005'] });
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('ends a scan whose cursor is past every key with an empty page', async () => {
    const snapshot = new ScanSnapshot<string>((n) => n);
    expect(
      await snapshot.page('x', { after: 'TELEPHONE-79999', limit: 3 }, () => Promise.resolve(names)),
    ).toEqual({
      items: [],
    });
    expect(await snapshot.page('y', { limit: 3 }, () => Promise.resolve([]))).toEqual({ items: [] });
  });

  it('finds the first key after a cursor, present or not', () => {
    const keys = ['b', 'd', 'f'];
    expect([
      firstAfter(keys, 'a'),
      firstAfter(keys, 'b'),
      firstAfter(keys, 'c'),
      firstAfter(keys, 'f'),
    ]).toEqual([0, 1, 1, 3]);
  });
});
