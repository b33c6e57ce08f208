import { DEFAULT_START } from '../../../src/infrastructure/exchanges/fake-venues';
import { CandleRepository } from '../../../src/modules/market-data/candles/candle.repository';
import { CandleStore } from '../../../src/modules/market-data/candles/candle-store';
import { FinalCandleCache } from '../../../src/modules/market-data/candles/final-candle-cache';
import { someWindow } from './counting-venue';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../../support/test-databases';
import { newBinance, startVenue, type VenueUnderTest } from '../exchanges/venue-harness';
import type { BinanceUsdmFakeServer } from '../../../src/infrastructure/exchanges/fake-venues';

const M = 60_000;
const KLINES = '/fapi/v1/klines';

/**
 * The store in front of the real ccxt adapter and the Binance USDⓈ-M fake (its wire format), counting
 * the kline requests that reach the venue. The fake holds 2,000 1m candles from DEFAULT_START.
 */
describe.each(databaseTargets())('candle store against the Binance fake (%s)', (target) => {
  let db: TestDatabase;
  let venue: VenueUnderTest<BinanceUsdmFakeServer>;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    venue = await startVenue('binanceusdm', newBinance());
  });
  afterAll(async () => {
    await venue.teardown();
    await db.drop();
  });

  const store = () => new CandleStore(new CandleRepository(db.database.pool), new FinalCandleCache());
  const series = { exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT', timeframe: '1m', stepMs: M };
  const fetch = (s: CandleStore, fromMinute: number, limit: number) =>
    s.fetch(
      venue.adapter,
      series,
      someWindow({ since: DEFAULT_START + fromMinute * M, limit, stepMs: M, now: Date.now() }),
      Date.now(),
    );

  it('asks only for missing ranges, in the fewest kline requests', async () => {
    venue.fake.faults.reset();
    const first = await fetch(store(), 0, 1000);
    expect(first).toHaveLength(1000);
    expect(venue.fake.faults.count(KLINES)).toBe(1);

    // Fully covered, after a restart (fresh cache): no request.
    venue.fake.faults.reset();
    expect(await fetch(store(), 200, 500)).toEqual(first.slice(200, 700));
    expect(venue.fake.faults.count(KLINES)).toBe(0);

    // Half covered: 500..1499, of which 1000..1499 is missing -> one request.
    venue.fake.faults.reset();
    const half = await fetch(store(), 500, 1000);
    expect(half.map((c) => c[0])).toEqual(
      Array.from({ length: 1000 }, (_, i) => DEFAULT_START + (500 + i) * M),
    );
    expect(venue.fake.faults.count(KLINES)).toBe(1);
    const asked = venue.fake.faults.requests.filter((r) => r.endpoint === KLINES);
    expect(asked.map((r) => [Number(r.query.startTime), Number(r.query.limit)])).toEqual([
      [DEFAULT_START + 1000 * M, 500],
    ]);
  });

  it('a range the venue has no candles for is asked once, then known to be empty', async () => {
    venue.fake.faults.reset();
    const s = store();
    expect(await fetch(s, 5000, 100)).toEqual([]);
    expect(venue.fake.faults.count(KLINES)).toBe(1);
    venue.fake.faults.reset();
    expect(await fetch(store(), 5000, 100)).toEqual([]);
    expect(venue.fake.faults.count(KLINES)).toBe(0);
  });
});
