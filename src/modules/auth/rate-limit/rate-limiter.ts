import { rateWindow, RATE_WINDOW_MS } from '../../../domain/access';

export interface RateDecision {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window closes. */
  resetInMs: number;
}

/** Counts requests per bucket (a key id or an IP) in one-minute windows. */
export interface RateLimiter {
  consume(bucket: string, limit: number, nowMs: number): Promise<RateDecision>;
  close(): Promise<void>;
}

/** One process's counters: enough for a single instance (no REDIS_URL). */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { index: number; count: number }>();
  private lastSweep = 0;

  consume(bucket: string, limit: number, nowMs: number): Promise<RateDecision> {
    const { index, resetInMs } = rateWindow(nowMs);
    this.sweep(index);
    const current = this.windows.get(bucket);
    const window = current !== undefined && current.index === index ? current : { index, count: 0 };
    window.count += 1;
    this.windows.set(bucket, window);
    return Promise.resolve({ allowed: window.count <= limit, count: window.count, resetInMs });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Drops closed windows once per window, so memory follows the active buckets only. */
  private sweep(index: number): void {
    if (index === this.lastSweep) return;
    this.lastSweep = index;
    for (const [bucket, w] of this.windows) if (w.index < index) this.windows.delete(bucket);
  }
}

export { RATE_WINDOW_MS };
