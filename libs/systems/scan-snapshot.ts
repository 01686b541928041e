/**
 * Key-ordered pages over a system that cannot page in key order itself: LDAP without a server-side
 * sort, LanDB whose search answers every match at once. The system is read whole when a scan starts
 * (the first page, `after` undefined) with its own bulk read, kept sorted in memory, and later pages
 * are sliced from it: one bulk read per scan instead of one per page. The cursor is a key, not a
 * position, so a process that has no snapshot (another worker, a restart, a snapshot older than
 * `maxAgeMs`) reads the system again and carries on after the same key.
 */
export class ScanSnapshot<T> {
  private readonly taken = new Map<string, { at: number; keys: string[]; items: T[] }>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly maxAgeMs = 10 * 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Up to `limit` items with keys after `after`, in key order, and the key to continue from when
   * more follow. `scope` names what was read (a name prefix), so two kinds of scan never mix.
   */
  async page(
    scope: string,
    page: { after?: string; limit: number },
    load: () => Promise<T[]>,
  ): Promise<{ items: T[]; next?: string }> {
    const snapshot = await this.snapshot(scope, page.after === undefined, load);
    const start = page.after === undefined ? 0 : firstAfter(snapshot.keys, page.after);
    const items = snapshot.items.slice(start, start + page.limit);
    const more = start + items.length < snapshot.items.length;
    return more && items.length > 0 ? { items, next: snapshot.keys[start + items.length - 1] } : { items };
  }

  private async snapshot(scope: string, fresh: boolean, load: () => Promise<T[]>) {
    const kept = this.taken.get(scope);
    if (!fresh && kept && this.now() - kept.at <= this.maxAgeMs) return kept;
    const at = this.now();
    const keyed = (await load()).map((item) => ({ key: this.keyOf(item), item }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const snapshot = { at, keys: keyed.map((k) => k.key), items: keyed.map((k) => k.item) };
    this.taken.set(scope, snapshot);
    return snapshot;
  }
}

/** Index of the first key strictly greater than `after` in sorted `keys` (binary search). */
export function firstAfter(keys: readonly string[], after: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid] <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
