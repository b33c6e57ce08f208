import type Redis from 'ioredis';
import { rateWindow, RATE_WINDOW_MS } from '../../../domain/access';
import type { RateDecision, RateLimiter } from './rate-limiter';

/**
 * Counters shared by every instance: INCR on a key per bucket and window, expiring with the window.
 * One round trip (MULTI) per request.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly namespace = 'tb:rl:',
  ) {}

  async consume(bucket: string, limit: number, nowMs: number): Promise<RateDecision> {
    const { index, resetInMs } = rateWindow(nowMs);
    const key = `${this.namespace}${bucket}:${index}`;
    const results = await this.redis
      .multi()
      .incr(key)
      .pexpire(key, RATE_WINDOW_MS * 2)
      .exec();
    const [incr] = results ?? [];
    if (incr === undefined || incr[0] !== null) throw incr?.[0] ?? new Error('redis MULTI failed');
    const count = Number(incr[1]);
    return { allowed: count <= limit, count, resetInMs };
  }

  async close(): Promise<void> {
    // The shared client is closed by its owner (AuthModule).
  }
}
