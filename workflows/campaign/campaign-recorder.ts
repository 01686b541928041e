import { bookkeeping } from '../kit/activity-proxies';
import type { CampaignBook } from './campaign-book';

/**
 * Writes the campaign's projection from its book. Writes are chained so the projection always ends
 * with the latest state. Since the `campaign-concurrent-starts` patch, a write not yet begun takes
 * every change made until it begins, so callers share it rather than queue one each.
 */
export class CampaignRecorder {
  private recording: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(
    private readonly book: CampaignBook,
    private readonly concurrent: boolean,
  ) {}

  /** The last write asked for: done once the projection holds every change made before it. */
  get latest(): Promise<void> {
    return this.recording;
  }

  record(): Promise<void> {
    if (!this.concurrent) {
      this.recording = this.recording.then(() => bookkeeping.recordCampaign(this.book.takeChanges()));
      return this.recording;
    }
    if (this.queued) return this.queued;
    const write = this.recording.then(() => {
      this.queued = undefined;
      return bookkeeping.recordCampaign(this.book.takeChanges());
    });
    this.queued = write;
    this.recording = write;
    return write;
  }
}
