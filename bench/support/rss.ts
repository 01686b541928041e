import { readFileSync } from 'node:fs';

/**
 * Peak resident memory of processes the benchmark started. The kernel keeps the high-water mark
 * itself (VmHWM), so one read just before a process stops gives its peak; we also sample VmRSS
 * every 250 ms in case the process dies before that last read.
 */
export class RssWatch {
  private readonly peaks = new Map<string, number>();
  private readonly pids = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  watch(name: string, pid: number): void {
    this.pids.set(name, pid);
  }

  /** Reads VmHWM now (call before stopping the process). */
  sample(): void {
    for (const [name, pid] of this.pids) {
      const kib = readStatusKib(pid, 'VmHWM') ?? readStatusKib(pid, 'VmRSS');
      if (kib !== undefined) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, kib));
    }
  }

  /** Peak MiB per process name. */
  report(): Record<string, number> {
    this.sample();
    return Object.fromEntries([...this.peaks].map(([name, kib]) => [name, kib / 1024]));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function readStatusKib(pid: number, field: string): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
