import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import {
  InMemoryRateLimiter,
  InMemorySocketConnectionLimiter,
  RedisRateLimiter,
  RedisSocketConnectionLimiter,
  type RateLimiter,
  type SocketConnectionLimiter,
} from '../../src/modules/auth';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());
const namespace = () => `tb:test:${randomBytes(6).toString('hex')}:`;

const limiters: [string, () => RateLimiter][] = [
  ['memory', () => new InMemoryRateLimiter()],
  ['redis', () => new RedisRateLimiter(redis, namespace())],
];

describe.each(limiters)('the rate limiter (%s)', (_name, make) => {
  it('allows the limit per bucket and window, then refuses until the window closes', async () => {
    const limiter = make();
    const t = 1_700_000_050_000; // 10 s into a minute window (1_700_000_040_000 is a multiple of 60 s)
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('key:a', 3, t));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]?.resetInMs).toBe(50_000);
    expect((await limiter.consume('key:b', 3, t)).allowed).toBe(true);
    expect((await limiter.consume('key:a', 3, t + 50_000)).allowed).toBe(true);
  });
});

const sockets: [string, () => SocketConnectionLimiter][] = [
  ['memory', () => new InMemorySocketConnectionLimiter(2)],
  ['redis', () => new RedisSocketConnectionLimiter(redis, 2, namespace())],
];

describe.each(sockets)('the socket connection limiter (%s)', (_name, make) => {
  it('admits up to the limit per key, counts releases, and re-admits the same connection', async () => {
    const limiter = make();
    const now = Date.now();
    expect(await limiter.acquire('key_1', 'c1', now)).toBe(true);
    expect(await limiter.acquire('key_1', 'c2', now)).toBe(true);
    expect(await limiter.acquire('key_1', 'c3', now)).toBe(false);
    expect(await limiter.acquire('key_1', 'c2', now)).toBe(true);
    expect(await limiter.acquire('key_2', 'c1', now)).toBe(true);
    expect(await limiter.count('key_1', now)).toBe(2);
    await limiter.release('key_1', 'c1');
    expect(await limiter.acquire('key_1', 'c3', now)).toBe(true);
    await limiter.refresh('key_1', 'c3', now);
    expect(await limiter.count('key_1', now)).toBe(2);
  });
});

describe('the Redis socket limiter', () => {
  it('forgets connections whose lease ran out (an instance that died)', async () => {
    const limiter = new RedisSocketConnectionLimiter(redis, 1, namespace());
    const t = Date.now();
    expect(await limiter.acquire('key_1', 'lost', t)).toBe(true);
    expect(await limiter.acquire('key_1', 'new', t + 1_000)).toBe(false);
    expect(await limiter.acquire('key_1', 'new', t + 91_000)).toBe(true);
  });
});
