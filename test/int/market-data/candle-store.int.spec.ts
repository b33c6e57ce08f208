import { AsyncLocalStorage } from 'node:async_hooks';
import { CANDLE_SETTLE_MS } from '../../../src/domain/market-data';
import type { OHLCV } from '../../../src/infrastructure/exchanges/market-data.types';
import { SimExchangeAdapter } from '../../../src/infrastructure/exchanges/sim/sim-exchange.adapter';
import { CandleRepository } from '../../../src/modules/market-data/candles/candle.repository';
import { CandleStore } from '../../../src/modules/market-data/candles/candle-store';
import { FinalCandleCache } from '../../../src/modules/market-data/candles/final-candle-cache';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../../support/test-databases';
import { CountingVenue, roomInMinute, someWindow } from './counting-venue';

const M = 60_000;
const PAGE = 1500; // the sim's ohlcvPageSize
const BTC = 'BTC/USDT:USDT';

describe.each(databaseTargets())('candle store (%s)', (target) => {
  let db: TestDatabase;
  // The store's clock is real time; the range under test lies well in the past, all closed.
  const base = Math.floor(Date.now() / M) * M - 20_000 * M;
  const series = (symbol = BTC, timeframe = '1m', stepMs = M) => ({
    exchange: 'sim',
    symbol,
    timeframe,
    stepMs,
  });

  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db.drop());

  /** A fresh store (empty cache) and venue over the same database, as after a restart. */
  function fresh(): { store: CandleStore; venue: CountingVenue; sim: SimExchangeAdapter } {
    const sim = new SimExchangeAdapter({ seed: 'candle-store' });
    return {
      store: new CandleStore(new CandleRepository(db.database.pool), new FinalCandleCache()),
      venue: new CountingVenue(sim),
      sim,
    };
  }
  const windowOf = (sinceMinute: number, limit: number, stepMs = M) =>
    someWindow({ since: base + sinceMinute * stepMs, limit, stepMs, now: Date.now() });

  it('an empty store: the venue pages of 1,500, then a fully covered range makes no call', async () => {
    const { store, venue, sim } = fresh();
    const rows = await store.fetch(venue, series(), windowOf(0, 4000), Date.now());
    // 4,000 candles = 1,500 + 1,500 + 1,000.
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([
      [base, PAGE],
      [base + PAGE * M, PAGE],
      [base + 2 * PAGE * M, 1000],
    ]);
    expect(rows).toHaveLength(4000);
    expect(rows).toEqual(
      await sim
        .fetchOHLCV(BTC, '1m', { since: base, limit: 1500 })
        .then(async (a) => [
          ...a,
          ...(await sim.fetchOHLCV(BTC, '1m', { since: base + 1500 * M, limit: 1500 })),
          ...(await sim.fetchOHLCV(BTC, '1m', { since: base + 3000 * M, limit: 1000 })),
        ]),
    );

    venue.reset();
    const again = fresh();
    const stored = await again.store.fetch(again.venue, series(), windowOf(100, 3000), Date.now());
    expect(again.venue.ohlcvCalls).toEqual([]);
    expect(stored).toEqual(rows.slice(100, 3100));
  });

  it('a half covered range: only the missing half is asked for, in one call', async () => {
    const { store, venue } = fresh();
    // Stored: minutes 0..3999. Asked: 3000..4999 -> missing 4000..4999.
    const rows = await store.fetch(venue, series(), windowOf(3000, 2000), Date.now());
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([[base + 4000 * M, 1000]]);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 2000 }, (_, i) => base + (3000 + i) * M));
  });

  it('gaps close to each other share one request; far ones get their own', async () => {
    const { store, venue } = fresh();
    // Stored so far: 0..4999. Fill two islands, leaving gaps 5000..5099, 5200..5299 and 9000..9099.
    await store.fetch(venue, series(), windowOf(5100, 100), Date.now());
    await store.fetch(venue, series(), windowOf(5300, 3700), Date.now());
    venue.reset();
    await store.fetch(venue, series(), windowOf(4000, 5100), Date.now());
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([
      [base + 5000 * M, 300], // 5000..5299 in one page: the 100 stored in between are re-read
      [base + 9000 * M, 100],
    ]);
  });

  it('a venue without some candles is not asked again for them', async () => {
    const { store, venue } = fresh();
    const s = series('ETH/USDT:USDT');
    venue.holes = (t) => t >= base + 10 * M && t < base + 20 * M;
    const first = await store.fetch(venue, s, windowOf(0, 100), Date.now());
    expect(first).toHaveLength(90);
    expect(venue.ohlcvCalls).toHaveLength(1);
    const again = fresh();
    expect(await again.store.fetch(again.venue, s, windowOf(0, 100), Date.now())).toEqual(first);
    expect(again.venue.ohlcvCalls).toEqual([]);
  });

  it('never stores the open candle as final; once closed it is fetched and stored final', async () => {
    const { store, venue } = fresh();
    const s = series('SOL/USDT:USDT');
    // The store's time, fixed mid-minute half a minute back: the candle before the open one has
    // settled (CANDLE_SETTLE_MS) whatever second the test runs at; the sim, on real time, has them all.
    const now = Math.floor(Date.now() / M) * M - M + 30_000;
    const currentOpen = Math.floor(now / M) * M;
    const rows = await store.fetch(venue, s, someWindow({ limit: 5, stepMs: M, now }), now);
    expect(rows.map((r) => r[0])).toEqual([4, 3, 2, 1, 0].map((k) => currentOpen - k * M));
    // One request: the 4 closed candles and the open one together.
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([[currentOpen - 4 * M, 5]]);
    const flags = await db.database.pool.query<{ t: number; final: boolean }>(
      `SELECT open_time::float8 AS t, final FROM candles WHERE symbol = $1 ORDER BY open_time`,
      ['SOL/USDT:USDT'],
    );
    expect(flags.rows.map((r) => [r.t, r.final])).toEqual(
      [4, 3, 2, 1, 0].map((k) => [currentOpen - k * M, k > 0]),
    );

    // A minute later (as the store sees it) the candle has closed: it is asked for again and stored final.
    venue.reset();
    const later = currentOpen + M + CANDLE_SETTLE_MS;
    await store.fetch(
      venue,
      s,
      someWindow({ since: currentOpen - 4 * M, limit: 5, stepMs: M, now: later }),
      later,
    );
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([[currentOpen, 1]]);
  });

  it('a candle that closed a moment ago is not stored final yet (the venue may still be finishing it)', async () => {
    const { store, venue } = fresh();
    const s = series('DOGE/USDT:USDT');
    // The store's clock half a second past the boundary; the venue (real time) has not reached it.
    const venueOpen = Math.floor(Date.now() / M) * M;
    const now = venueOpen + M + 500;
    await store.fetch(venue, s, someWindow({ limit: 3, stepMs: M, now }), now);
    const flags = await db.database.pool.query<{ t: number; final: boolean }>(
      `SELECT open_time::float8 AS t, final FROM candles WHERE symbol = $1 ORDER BY open_time`,
      ['DOGE/USDT:USDT'],
    );
    expect(flags.rows.map((r) => [r.t, r.final])).toEqual([
      [venueOpen - M, true],
      [venueOpen, false],
    ]);
    // Not covered either: asked again once settled.
    venue.reset();
    const settled = venueOpen + M + 10_000;
    await store.fetch(
      venue,
      s,
      someWindow({ since: venueOpen - M, limit: 2, stepMs: M, now: settled }),
      settled,
    );
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([[venueOpen, 1]]);
  });

  it('the open candle alone is asked for at most once a second per series (a chart polled by many)', async () => {
    await roomInMinute(10_000);
    const { store, venue } = fresh();
    const s = series('XRP/USDT:USDT');
    const now = Date.now();
    const poll = (at: number) => store.fetch(venue, s, someWindow({ limit: 50, stepMs: M, now: at }), at);
    await poll(now); // fills the closed part
    venue.reset();
    for (const at of [now + 10, now + 200, now + 900]) expect(await poll(at)).toHaveLength(50);
    expect(venue.ohlcvCalls.map((c) => [c.since, c.limit])).toEqual([[Math.floor(now / M) * M, 1]]);
    expect(await poll(now + 1100)).toHaveLength(50);
    expect(venue.ohlcvCalls).toHaveLength(2);
  });

  it('concurrent requests for the same missing range make one venue request', async () => {
    const { store, venue } = fresh();
    const s = series('BNB/USDT:USDT');
    const [a, b] = await Promise.all([
      store.fetch(venue, s, windowOf(0, 200), Date.now()),
      store.fetch(venue, s, windowOf(0, 200), Date.now()),
    ]);
    expect(a).toHaveLength(200);
    expect(b).toEqual(a);
    expect(venue.ohlcvCalls).toHaveLength(1);
  });

  it('a request that read the store before a concurrent one stored the range does not ask again', async () => {
    // The second request's first store read is held until the first request has stored its answer
    // and finished: the moment a busy machine can produce, where no venue request is in flight to join.
    let stored!: () => void;
    const firstStored = new Promise<void>((resolve) => (stored = resolve));
    const second = new AsyncLocalStorage<{ held: boolean }>();
    const repository = new (class extends CandleRepository {
      override async readFinal(...args: Parameters<CandleRepository['readFinal']>): Promise<OHLCV[]> {
        const mark = second.getStore();
        if (mark !== undefined && !mark.held) {
          mark.held = true;
          await firstStored;
        }
        return super.readFinal(...args);
      }
      override async store(...args: Parameters<CandleRepository['store']>): Promise<void> {
        await super.store(...args);
        setImmediate(stored);
      }
    })(db.database.pool);
    const store = new CandleStore(repository, new FinalCandleCache());
    const venue = new CountingVenue(new SimExchangeAdapter({ seed: 'candle-store' }));
    const s = series('BNB/USDT:USDT'); // the range after the one the test above filled
    const [a, b] = await Promise.all([
      store.fetch(venue, s, windowOf(1000, 200), Date.now()),
      second.run({ held: false }, () => store.fetch(venue, s, windowOf(1000, 200), Date.now())),
    ]);
    expect(a).toHaveLength(200);
    expect(b).toEqual(a);
    expect(venue.ohlcvCalls).toHaveLength(1);
  });

  it('stores 1h candles as their own series', async () => {
    const { store, venue } = fresh();
    const H = 3_600_000;
    const w = someWindow({ since: Math.floor(base / H) * H, limit: 48, stepMs: H, now: Date.now() });
    const rows = await store.fetch(venue, series(BTC, '1h', H), w, Date.now());
    expect(rows).toHaveLength(48);
    expect(venue.ohlcvCalls.map((c) => [c.timeframe, c.limit])).toEqual([['1h', 48]]);
  });
});
