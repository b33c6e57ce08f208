import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { Trade } from '../../../src/infrastructure/exchanges/market-data.types';
import {
  InMemoryRecentTradesRing,
  RedisRecentTradesRing,
  type RecentTradesRing,
  type RecentTradesRingLimits,
} from '../../../src/modules/market-data';
import { eventually } from '../../support/subscription-fixture';

const T0 = 1_700_000_000_000;
const trade = (n: number, at = T0 + n * 1000): Trade => ({
  id: `t${n}`,
  timestamp: at,
  datetime: new Date(at).toISOString(),
  symbol: 'BTC/USDT:USDT',
  side: n % 2 === 0 ? 'buy' : 'sell',
  price: 64000 + n,
  amount: 0.01,
  cost: (64000 + n) * 0.01,
});
const range = (from: number, to: number): Trade[] =>
  Array.from({ length: to - from + 1 }, (_, i) => trade(from + i));

type RingFactory = (limits: RecentTradesRingLimits, now: () => number) => RecentTradesRing;

const clients: Redis[] = [];
const implementations: [string, RingFactory][] = [
  ['memory', (limits, now) => new InMemoryRecentTradesRing(limits, now)],
];
const redisUrl = process.env.REDIS_URL;
if (redisUrl !== undefined && redisUrl !== '') {
  implementations.push([
    'redis',
    (limits, now) => {
      const client = new Redis(redisUrl);
      clients.push(client);
      return new RedisRecentTradesRing(client, limits, now, `tb:test:${randomBytes(4).toString('hex')}:`);
    },
  ]);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

describe.each(implementations)('recent-trades ring (%s)', (_name, make) => {
  let clock = T0 + 100_000;
  const now = () => clock;
  const roomy = { maxTrades: 1000, maxAgeMs: 3_600_000 };

  it('covers nothing before it is fed', async () => {
    const ring = make(roomy, now);
    expect(await ring.read('sim', 'BTC/USDT:USDT', T0)).toBeNull();
    expect(await ring.coverage('sim', 'BTC/USDT:USDT')).toBeNull();
  });

  it('answers windows from after its first trade, ascending, capped by limit; older windows are not covered', async () => {
    const ring = make(roomy, now);
    await ring.record('sim', 'BTC', range(1, 10));
    // The run starts after the first trade's millisecond (others of that ms may have been missed).
    expect(await ring.coverage('sim', 'BTC')).toEqual({
      continuousSince: T0 + 1001,
      newest: T0 + 10_000,
      count: 10,
    });
    expect(await ring.read('sim', 'BTC', T0 + 1000)).toBeNull();
    expect((await ring.read('sim', 'BTC', T0 + 3000, 4))?.map((t) => t.id)).toEqual(['t3', 't4', 't5', 't6']);
    expect(await ring.read('sim', 'BTC', T0 + 3000, 4)).toEqual(range(3, 6));
    // Without since: the latest `limit`, when the run holds that many.
    expect((await ring.read('sim', 'BTC', undefined, 2))?.map((t) => t.id)).toEqual(['t9', 't10']);
    expect(await ring.read('sim', 'BTC', undefined, 50)).toBeNull();
    // Topics are separate.
    expect(await ring.read('sim', 'ETH', T0 + 3000)).toBeNull();
  });

  it('holds a trade received twice once, in timestamp order', async () => {
    const ring = make(roomy, now);
    await ring.record('sim', 'DUP', range(1, 5));
    await ring.record('sim', 'DUP', [trade(4), trade(5), trade(6)]);
    expect((await ring.read('sim', 'DUP', T0 + 2000))?.map((t) => t.id)).toEqual([
      't2',
      't3',
      't4',
      't5',
      't6',
    ]);
  });

  it('after a gap, covers only from the next trades on', async () => {
    const ring = make(roomy, now);
    await ring.record('sim', 'GAP', range(1, 5));
    await ring.markGap('sim', 'GAP');
    expect(await ring.read('sim', 'GAP', T0 + 2000)).toBeNull();
    await ring.record('sim', 'GAP', range(8, 9));
    expect(await ring.read('sim', 'GAP', T0 + 2000)).toBeNull();
    expect((await ring.read('sim', 'GAP', T0 + 8001))?.map((t) => t.id)).toEqual(['t9']);
  });

  it('trims by count: the run then starts after the newest trade dropped', async () => {
    const ring = make({ maxTrades: 5, maxAgeMs: 3_600_000 }, now);
    await ring.record('sim', 'CAP', range(1, 8));
    expect(await ring.coverage('sim', 'CAP')).toEqual({
      continuousSince: T0 + 3001,
      newest: T0 + 8000,
      count: 5,
    });
    expect(await ring.read('sim', 'CAP', T0 + 3000)).toBeNull();
    expect((await ring.read('sim', 'CAP', T0 + 3001))?.map((t) => t.id)).toEqual([
      't4',
      't5',
      't6',
      't7',
      't8',
    ]);
  });

  it('trims by age', async () => {
    clock = T0 + 10_000;
    const ring = make({ maxTrades: 1000, maxAgeMs: 5_000 }, now);
    await ring.record('sim', 'AGE', range(1, 10));
    // Older than now - 5 s (before t5) are gone: covered from just after t4.
    expect(await ring.coverage('sim', 'AGE')).toEqual({
      continuousSince: T0 + 4001,
      newest: T0 + 10_000,
      count: 6,
    });
    expect(await ring.read('sim', 'AGE', T0 + 3000)).toBeNull();
    expect((await ring.read('sim', 'AGE', T0 + 5000))?.length).toBe(6);
  });
});

if (implementations.some(([name]) => name === 'redis')) {
  it('redis: instances share one ring', async () => {
    const namespace = `tb:test:${randomBytes(4).toString('hex')}:`;
    const a = new Redis(redisUrl as string);
    const b = new Redis(redisUrl as string);
    clients.push(a, b);
    const now = () => T0 + 100_000;
    const limits = { maxTrades: 100, maxAgeMs: 3_600_000 };
    await new RedisRecentTradesRing(a, limits, now, namespace).record('sim', 'BTC', range(1, 5));
    const other = new RedisRecentTradesRing(b, limits, now, namespace);
    expect(await other.read('sim', 'BTC', T0 + 2000)).toEqual(range(2, 5));
    await other.markGap('sim', 'BTC');
    expect(
      await new RedisRecentTradesRing(a, limits, now, namespace).read('sim', 'BTC', T0 + 2000),
    ).toBeNull();
  });

  it('redis: a new feeder does not inherit the run of one that stopped without a gap (a crash)', async () => {
    const namespace = `tb:test:${randomBytes(4).toString('hex')}:`;
    const a = new Redis(redisUrl as string);
    const b = new Redis(redisUrl as string);
    clients.push(a, b);
    const now = () => T0 + 100_000;
    const limits = { maxTrades: 100, maxAgeMs: 3_600_000 };
    // Instance A feeds 1..5 and dies: no markGap. Trades 6..19 are received by nobody.
    await new RedisRecentTradesRing(a, limits, now, namespace).record('sim', 'BTC', range(1, 5));
    const restarted = new RedisRecentTradesRing(b, limits, now, namespace);
    await restarted.record('sim', 'BTC', range(20, 22));
    expect(await restarted.read('sim', 'BTC', T0 + 2000)).toBeNull();
    expect((await restarted.coverage('sim', 'BTC'))?.continuousSince).toBe(T0 + 20_001);
    expect(await restarted.read('sim', 'BTC', T0 + 20_001)).toEqual(range(21, 22));
    // Its next records extend its own run.
    await restarted.record('sim', 'BTC', range(23, 24));
    expect(await restarted.read('sim', 'BTC', T0 + 20_001)).toEqual(range(21, 24));
  });

  it('redis: a run nobody keeps feeding (its instance died) stops being claimed after the liveness bound', async () => {
    const namespace = `tb:test:${randomBytes(4).toString('hex')}:`;
    const a = new Redis(redisUrl as string);
    const b = new Redis(redisUrl as string);
    clients.push(a, b);
    const now = () => T0 + 100_000;
    const limits = { maxTrades: 100, maxAgeMs: 3_600_000 };
    // The feeder renews its claim every livenessMs / 3: a bound of 2 s survives an event-loop stall of
    // over a second on a loaded machine, where 300 ms did not.
    const livenessMs = 2_000;
    const live = new RedisRecentTradesRing(a, limits, now, namespace, { livenessMs });
    const reader = new RedisRecentTradesRing(b, limits, now, namespace, { livenessMs });
    await live.record('sim', 'BTC', range(1, 5));
    // A quiet market: no trades for longer than the bound, but the feeder is alive.
    await new Promise((resolve) => setTimeout(resolve, livenessMs + 500));
    expect(await reader.read('sim', 'BTC', T0 + 2000)).toEqual(range(2, 5));
    // The feeder dies (no markGap): its trades stop being vouched for once the bound has passed.
    live.close();
    await eventually(
      () => reader.read('sim', 'BTC', T0 + 2000),
      (trades) => trades === null,
      livenessMs * 5, // expiry is Redis's: polled, with room for a slow machine
    );
    expect(await reader.read('sim', 'BTC', undefined, 2)).toBeNull();
  });
}
