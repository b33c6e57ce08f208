import pino from 'pino';
import { lastValueFrom, toArray } from 'rxjs';
import { CANDLE_SETTLE_MS } from '../../../src/domain/market-data';
import { ExchangeRegistry } from '../../../src/infrastructure/exchanges/exchange-registry';
import { SimExchangeAdapter } from '../../../src/infrastructure/exchanges/sim/sim-exchange.adapter';
import { CandleRepository } from '../../../src/modules/market-data/candles/candle.repository';
import { CandleStore } from '../../../src/modules/market-data/candles/candle-store';
import { FinalCandleCache } from '../../../src/modules/market-data/candles/final-candle-cache';
import { StartWarmupCommand } from '../../../src/modules/market-data/commands/start-warmup/start-warmup.command';
import { StartWarmupHandler } from '../../../src/modules/market-data/commands/start-warmup/start-warmup.handler';
import { systemMarketClock, type MarketClock } from '../../../src/modules/market-data/market-clock';
import { MarketResolver } from '../../../src/modules/market-data/market-resolver';
import { WarmupProgressFeed, type WarmupUpdate } from '../../../src/modules/market-data';
import { WarmupRegistry } from '../../../src/modules/market-data/warmup/warmup-registry';
import { WarmupRunner } from '../../../src/modules/market-data/warmup/warmup-runner';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../../support/test-databases';
import { CountingVenue } from './counting-venue';

const M = 60_000;
const H = 3_600_000;

/**
 * The warmup's parts wired as the module wires them, over one database: a new one is a restart.
 * The venue and the warmup share `clock`, as the real venue and the service share real time.
 */
function instance(db: TestDatabase, clock: MarketClock = systemMarketClock()) {
  const venue = new CountingVenue(new SimExchangeAdapter({ seed: 'warmup', now: () => clock.now() }));
  const logger = pino({ level: 'silent' });
  const registry = new ExchangeRegistry({
    exchanges: ['sim'],
    simSeed: 'warmup',
    logger,
    factories: { sim: () => venue },
  });
  const store = new CandleStore(new CandleRepository(db.database.pool), new FinalCandleCache());
  const feed = new WarmupProgressFeed();
  const runner = new WarmupRunner(store, feed, logger, clock);
  const handler = new StartWarmupHandler(
    new MarketResolver(registry),
    store,
    new WarmupRegistry(feed),
    runner,
    clock,
  );
  return { venue, store, feed, handler, runner };
}

describe.each(databaseTargets())('warmup (%s)', (target) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db.drop());

  it('schedules only what is missing, runs it with progress, and a warm restart makes zero venue calls', async () => {
    // Time held still 1 ms before the newest 1m candle settles: however long the first warmup
    // takes, the second sees the same settled candles, so anything it schedules was missed. (Mid
    // hour, so the last 1h candle is settled and stays so at `clock.now() + 1` below.)
    const minute = Date.UTC(2025, 0, 15, 12, 30);
    const clock = { now: () => minute + CANDLE_SETTLE_MS - 1 };
    const first = instance(db, clock);
    // Already stored: the latest 1,000 closed 1h BTC candles of the 2,000 wanted.
    const lastClosedHour = Math.floor(clock.now() / H) * H - H;
    await first.store.fetchPage(
      first.venue,
      { exchange: 'sim', symbol: 'BTC/USDT:USDT', timeframe: '1h', stepMs: H },
      { since: lastClosedHour - 999 * H, limit: 1000 },
      lastClosedHour + H,
    );
    first.venue.reset();

    const request = {
      exchange: 'sim',
      symbols: ['BTCUSDT', 'ETH/USDT:USDT'],
      timeframes: ['1m', '1h'],
      candles: 2000,
    };
    const planned = await first.handler.execute(new StartWarmupCommand(request));
    expect(planned.status).toBe('planned');
    expect(planned.schedule.map((i) => [i.timeframe, i.symbol, i.missingCandles, i.calls])).toEqual([
      ['1h', 'BTC/USDT:USDT', 1000, 1], // only the older half
      ['1h', 'ETH/USDT:USDT', 2000, 2],
      ['1m', 'BTC/USDT:USDT', 2000, 2],
      ['1m', 'ETH/USDT:USDT', 2000, 2],
    ]);
    const updates = await lastValueFrom(first.feed.updates(planned.id).pipe(toArray()));
    const last = updates[updates.length - 1] as WarmupUpdate;
    expect(last.status).toBe('done');
    expect(last.progress).toMatchObject({
      percent: 100,
      callsDone: 7,
      callsTotal: 7,
      symbolsRemaining: [],
      failures: [],
    });
    // Progress moved forward one request at a time.
    const running = updates.filter((u) => u.status === 'running').map((u) => u.progress.callsDone);
    expect(running).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(updates.some((u) => u.progress.etaMs !== null && u.progress.etaMs >= 0)).toBe(true);
    expect(first.venue.ohlcvCalls).toHaveLength(7);

    // A restart: new caches, new venue, the same database. Everything is covered.
    const second = instance(db, clock);
    const again = await second.handler.execute(new StartWarmupCommand(request));
    expect(again).toMatchObject({ status: 'done', schedule: [], progress: { callsTotal: 0, percent: 100 } });
    expect(second.venue.ohlcvCalls).toEqual([]);
    // And reading the warmed candles makes no call either.
    // (At the pinned time the candle of `minute - M` has closed but not settled: the warmup left it.)
    const window = {
      range: { from: minute - 2001 * M, to: minute - 2 * M },
      closed: { from: minute - 2001 * M, to: minute - 2 * M },
      openCandle: null,
    };
    const rows = await second.store.fetch(
      second.venue,
      { exchange: 'sim', symbol: 'ETH/USDT:USDT', timeframe: '1m', stepMs: M },
      window,
      clock.now(),
    );
    expect(rows).toHaveLength(2000);
    expect(second.venue.ohlcvCalls).toEqual([]);

    // 1 ms later that candle settles, and a warmup wants exactly it: the pin above is what held it back.
    const later = instance(db, { now: () => clock.now() + 1 });
    const plan = await later.handler.execute(new StartWarmupCommand({ ...request, dryRun: true }));
    expect(plan.schedule.map((i) => [i.timeframe, i.symbol, i.gaps])).toEqual([
      ['1m', 'BTC/USDT:USDT', [{ from: minute - M, to: minute - M }]],
      ['1m', 'ETH/USDT:USDT', [{ from: minute - M, to: minute - M }]],
    ]);
  }, 120_000);

  it('records a failing item and goes on with the others', async () => {
    const { venue, handler, feed } = instance(db);
    venue.failing = (symbol) => symbol === 'SOL/USDT:USDT';
    const planned = await handler.execute(
      new StartWarmupCommand({
        exchange: 'sim',
        symbols: ['SOLUSDT', 'XRPUSDT'],
        timeframes: ['4h'],
        candles: 100,
      }),
    );
    const last = await lastValueFrom(feed.updates(planned.id));
    expect(last.status).toBe('failed');
    expect(last.progress.failures).toEqual([
      { symbol: 'SOL/USDT:USDT', timeframe: '4h', code: 'VENUE_UNAVAILABLE', message: 'venue unreachable' },
    ]);
    expect(last.progress.percent).toBe(100);
    // XRP was fetched despite SOL failing first.
    expect(venue.ohlcvCalls.map((c) => c.symbol)).toEqual(['SOL/USDT:USDT', 'XRP/USDT:USDT']);
  });
});
