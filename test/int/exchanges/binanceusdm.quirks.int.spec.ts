import { waitFor } from '../../../src/infrastructure/exchanges/fake-venues/shared/wait-for';
import { RateLimitedError } from '../../../src/infrastructure/exchanges/exchange.errors';
import { malformedRowCount } from '../../../src/infrastructure/exchanges/venue.metrics';
import type { BinanceUsdmFakeServer } from '../../../src/infrastructure/exchanges/fake-venues';
import { firstMatching, newBinance, startVenue, type VenueUnderTest } from './venue-harness';

const SYMBOL = 'BTC/USDT:USDT';

describe('binanceusdm through ccxt against the fake venue', () => {
  let venue: VenueUnderTest<BinanceUsdmFakeServer>;

  beforeEach(async () => {
    venue = await startVenue('binanceusdm', newBinance());
  });
  afterEach(async () => {
    await venue.teardown();
  });

  it('loads markets and resolves native symbols', async () => {
    const markets = await venue.adapter.loadMarkets();
    expect(markets.map((m) => m.symbol).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    await expect(venue.adapter.market('BTCUSDT')).resolves.toMatchObject({ symbol: SYMBOL, tickSize: '0.1' });
  });

  it('pages OHLCV by 1500 with an inclusive since, ascending', async () => {
    const since = venue.fake.data.startTime + 60_000;
    const candles = await venue.adapter.fetchOHLCV('BTCUSDT', '1m', { since, limit: 1800 });
    expect(candles).toHaveLength(1800);
    expect(candles[0]?.[0]).toBe(since);
    expect(candles.every((c, i) => i === 0 || c[0] - (candles[i - 1]?.[0] ?? 0) === 60_000)).toBe(true);
    expect(venue.fake.faults.count('/fapi/v1/klines')).toBe(2);
    const latest = await venue.adapter.fetchOHLCV(SYMBOL, '1m', { limit: 3 });
    expect(latest).toHaveLength(3);
  });

  it('fetches trades, book and ticker', async () => {
    const trades = await venue.adapter.fetchTrades(SYMBOL, { limit: 10 });
    expect(trades).toHaveLength(10);
    expect(trades.every((t, i) => i === 0 || t.timestamp >= (trades[i - 1]?.timestamp ?? 0))).toBe(true);
    const book = await venue.adapter.fetchOrderBook(SYMBOL, 7);
    expect(book.bids).toHaveLength(7);
    expect((book.bids[0]?.[0] ?? 0) > (book.bids[1]?.[0] ?? 0)).toBe(true);
    expect((book.asks[0]?.[0] ?? 0) < (book.asks[1]?.[0] ?? 0)).toBe(true);
    const ticker = await venue.adapter.fetchTicker(SYMBOL);
    expect(ticker.last).toBeGreaterThan(0);
  });

  it('skips a malformed kline with a warning and a metric', async () => {
    await venue.adapter.loadMarkets();
    const before = await malformedRowCount('binanceusdm', 'klines');
    venue.fake.faults.malformNext('klines');
    const candles = await venue.adapter.fetchOHLCV(SYMBOL, '1m', { limit: 3 });
    expect(candles.every((c) => c.every(Number.isFinite))).toBe(true);
    expect(await malformedRowCount('binanceusdm', 'klines')).toBe(before + 1);
    expect(venue.logger.lines.some((l) => l.level === 'warn' && l.message?.includes('malformed'))).toBe(true);
  });

  it('answers a 429 with RateLimitedError carrying Retry-After, with ccxt rate limiting on', async () => {
    const { exchange } = await venue.adapter.ccxt();
    expect(exchange.enableRateLimit).toBe(true);
    expect(exchange.rateLimit).toBeGreaterThan(0);
    await venue.adapter.loadMarkets();
    venue.fake.faults.rateLimitNext(1);
    const error: unknown = await venue.adapter.fetchTicker(SYMBOL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).details).toMatchObject({ retryAfterSeconds: 60 });
  });

  it('resyncs the book from a REST snapshot when pu skips', async () => {
    const books = venue.adapter.watchOrderBook(SYMBOL)[Symbol.asyncIterator]();
    // ccxt answers a Binance book watch once the first diff after its REST snapshot arrives.
    const pushing = setInterval(
      () => venue.fake.data.updateBook('BTC', { bids: [], asks: [['43600.0', '1.000']] }),
      200,
    );
    const first = await books.next();
    clearInterval(pushing);
    expect(first.done).toBe(false);
    const snapshots = venue.fake.faults.count('/fapi/v1/depth');
    venue.fake.faults.gapNextBookDiff();
    venue.fake.data.updateBook('BTC', { bids: [['41000.0', '1.000']], asks: [] });
    const healing = setInterval(
      () => venue.fake.data.updateBook('BTC', { bids: [['41000.5', '2.000']], asks: [] }),
      200,
    );
    const next = await books.next();
    clearInterval(healing);
    expect(next.done).toBe(false);
    expect(venue.fake.faults.count('/fapi/v1/depth')).toBeGreaterThan(snapshots);
    expect(venue.logger.lines.some((l) => l.message?.includes('gap'))).toBe(true);
    await books.return?.();
  });

  it('streams trades and reconnects after a drop', async () => {
    const trades = venue.adapter.watchTrades(SYMBOL);
    const waiting = firstMatching(trades, (batch) => batch.some((t) => t.price === 43210));
    // Dropped once subscribed: before that there is no connection to drop (markets load first).
    await waitFor(() => venue.fake.subscribedStreams.includes('btcusdt@trade'), 10_000);
    venue.fake.faults.dropAllConnections();
    // Pushed until seen: the resubscription after the backoff races the first push.
    const pushing = setInterval(
      () => venue.fake.data.pushTrade('BTC', { price: '43210.0', qty: '0.010', side: 'buy' }),
      200,
    );
    const batch = await waiting.finally(() => clearInterval(pushing));
    expect(venue.logger.lines.some((l) => l.message?.includes('reconnecting'))).toBe(true);
    expect(batch.at(-1)).toMatchObject({ price: 43210, side: 'buy' });
  });
});
