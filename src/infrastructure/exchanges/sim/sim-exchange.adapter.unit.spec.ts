import type { CandleUpdate, Trade } from '../market-data.types';
import { SimExchangeAdapter } from './sim-exchange.adapter';
import { SimMarketGenerator } from './sim-market.generator';
import { SIM_STREAM_INTERVALS } from './sim-streams';

const BTC = 'BTC/USDT:USDT';
const T0 = Date.UTC(2024, 4, 1, 10, 17, 30, 250); // mid-minute, mid-second
const MINUTE = 60_000;

/** A pinned clock that tests move by hand. */
function pinnedClock(start: number): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function nextOf<T>(iterator: AsyncIterator<T>): Promise<T> {
  const result = await iterator.next();
  if (result.done === true) throw new Error('stream ended');
  return result.value;
}

/** Lets the stream timers run (they poll the pinned clock). */
function elapse(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('SimExchangeAdapter', () => {
  it('is deterministic: the same seed answers the same data, another seed other data', async () => {
    const a = new SimExchangeAdapter({ seed: 'x', now: () => T0 });
    const b = new SimExchangeAdapter({ seed: 'x', now: () => T0 });
    const c = new SimExchangeAdapter({ seed: 'y', now: () => T0 });
    const candles = (adapter: SimExchangeAdapter) => adapter.fetchOHLCV(BTC, '5m', { limit: 50 });
    expect(await candles(a)).toEqual(await candles(b));
    expect(await candles(a)).not.toEqual(await candles(c));
    expect(await a.fetchTrades(BTC, { limit: 100 })).toEqual(await b.fetchTrades(BTC, { limit: 100 }));
    expect(await a.fetchOrderBook(BTC)).toEqual(await b.fetchOrderBook(BTC));
    expect(await a.fetchTicker(BTC)).toEqual(await b.fetchTicker(BTC));
  });

  it('never answers data after now: the current candle is partial, trades end at now', async () => {
    const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
    const trades = await adapter.fetchTrades(BTC, { limit: 1000 });
    expect(trades[trades.length - 1]?.timestamp).toBeLessThanOrEqual(T0);
    expect(await adapter.fetchTrades(BTC, { since: T0 + 1 })).toEqual([]);
    expect(await adapter.fetchOHLCV(BTC, '1m', { since: T0 + MINUTE })).toEqual([]);
    const [current] = (await adapter.fetchOHLCV(BTC, '1m', { limit: 1 })) ?? [];
    const openTime = T0 - (T0 % MINUTE);
    expect(current?.[0]).toBe(openTime);
    // The partial candle agrees with the trades printed so far in its minute.
    const inMinute = trades.filter((t) => t.timestamp >= openTime);
    expect(current?.[4]).toBe(inMinute[inMinute.length - 1]?.price);
    expect(current?.[2]).toBe(Math.max(...inMinute.map((t) => t.price)));
  });

  it('answers the same candle once closed as the live stream closed it', async () => {
    const clock = pinnedClock(T0);
    const adapter = new SimExchangeAdapter({ seed: 1, now: clock.now });
    const stream = adapter.watchOHLCV(BTC, '1m')[Symbol.asyncIterator]();
    try {
      const first = await nextOf(stream);
      const [historyNow] = await adapter.fetchOHLCV(BTC, '1m', { limit: 1 });
      expect(first).toEqual({ symbol: BTC, timeframe: '1m', candle: historyNow, closed: false });
      clock.advance(MINUTE);
      await elapse(SIM_STREAM_INTERVALS.candles * 2);
      const updates: CandleUpdate[] = [];
      for (let u = await nextOf(stream); ; u = await nextOf(stream)) {
        updates.push(u);
        if (u.closed) break;
      }
      const closed = updates[updates.length - 1];
      const [history] = await adapter.fetchOHLCV(BTC, '1m', { since: first.candle[0], limit: 1 });
      expect(closed?.candle).toEqual(history);
    } finally {
      await stream.return?.();
    }
  });

  it('continues the trade history live: streamed trades are the history of the elapsed time', async () => {
    const clock = pinnedClock(T0);
    const adapter = new SimExchangeAdapter({ seed: 1, now: clock.now });
    const before = await adapter.fetchTrades(BTC, { limit: 10 });
    const stream = adapter.watchTrades('BTCUSDT')[Symbol.asyncIterator]();
    try {
      clock.advance(5_000);
      await elapse(SIM_STREAM_INTERVALS.trades * 2);
      const live: Trade[] = await nextOf(stream);
      const history = await adapter.fetchTrades(BTC, { since: T0 + 1, limit: 1000 });
      expect(live).toEqual(history);
      expect(live[0]?.timestamp).toBeGreaterThan(before[before.length - 1]?.timestamp ?? 0);
      expect(live.every((t) => t.timestamp <= T0 + 5_000)).toBe(true);
    } finally {
      await stream.return?.();
    }
  });

  it('releases a stream (and its timer) when the consumer stops, even with a next() pending', async () => {
    const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
    const trades = adapter.watchTrades(BTC)[Symbol.asyncIterator]();
    const book = adapter.watchOrderBook(BTC)[Symbol.asyncIterator]();
    await nextOf(book);
    expect(adapter.openStreams).toBe(2);
    const pending = trades.next(); // the pinned clock never prints a trade
    await trades.return?.();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(adapter.openStreams).toBe(1);
    await adapter.close();
    expect(adapter.openStreams).toBe(0);
    await expect(book.next()).resolves.toMatchObject({ done: true });
  });

  it('pages a long range in ohlcvPageSize steps and refuses a bad limit', async () => {
    const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
    const rows = await adapter.fetchOHLCV(BTC, '1m', { since: T0 - 3 * 24 * 3_600_000, limit: 5000 });
    expect(rows).toHaveLength(adapter.capabilities.ohlcvPageSize);
    await expect(adapter.fetchOHLCV(BTC, '1m', { limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a page of 1,500 days yields to the event loop: timers and other requests run meanwhile', async () => {
    // Its speed and the longest block are figures of `npm run bench -- sim` (Jest's sandbox makes
    // Math calls far slower than node does, so wall-time bounds here would measure Jest).
    const adapter = new SimExchangeAdapter({ seed: 'slices', now: () => T0 });
    const order: string[] = [];
    const days = adapter.fetchOHLCV(BTC, '1d', { since: 0, limit: 5000 }).then((rows) => {
      order.push('ohlcv');
      return rows;
    });
    const trades = adapter.fetchTrades(BTC, { limit: 10 }).then(() => order.push('trades'));
    setTimeout(() => order.push('timer'), 0);
    const rows = await days;
    await trades;
    expect(rows).toHaveLength(adapter.capabilities.ohlcvPageSize);
    expect(rows[0]?.[0]).toBe(0);
    expect(order).toEqual(['trades', 'timer', 'ohlcv']);
  });

  it('answers the same candles in slices as in one piece', async () => {
    const DAY = 86_400_000;
    const adapter = new SimExchangeAdapter({ seed: 'slices', now: () => T0 });
    const rows = await adapter.fetchOHLCV(BTC, '1d', { since: DAY, limit: 1500 }); // ~9 slices
    const whole = new SimMarketGenerator('slices').candles(BTC, '1d', DAY, 1501 * DAY);
    expect(whole).toHaveLength(1500);
    expect(rows).toEqual(whole);
  });

  it.each(['1h', '4h', '1d'] as const)(
    'the open %s candle is its closed minutes and the trades so far, drawn from hour candles',
    async (tf) => {
      const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
      const [open] = await adapter.fetchOHLCV(BTC, tf, { limit: 1 });
      const openTime = open?.[0] ?? 0;
      const minutes = await adapter.fetchOHLCV(BTC, '1m', { since: openTime, limit: 1500 });
      expect(minutes[minutes.length - 1]?.[0]).toBe(T0 - (T0 % MINUTE));
      expect(open?.[1]).toBe(minutes[0]?.[1]);
      expect(open?.[2]).toBe(Math.max(...minutes.map((c) => c[2])));
      expect(open?.[3]).toBe(Math.min(...minutes.map((c) => c[3])));
      expect(open?.[4]).toBe(minutes[minutes.length - 1]?.[4]);
      expect(open?.[5]).toBeCloseTo(
        minutes.reduce((v, c) => v + c[5], 0),
        6,
      );
    },
  );

  it('bounds fetchTrades however far back since is', async () => {
    const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
    const trades = await adapter.fetchTrades(BTC, { since: 0, limit: 1000 });
    expect(trades).toHaveLength(1000);
    expect(trades[0]?.timestamp).toBeGreaterThanOrEqual(0);
    // every minute prints at least 60 trades: the page ends within 17 minutes of since
    expect(trades[999]?.timestamp).toBeLessThan(17 * MINUTE);
  });

  it('answers the same book at any depth: a shallower one is the deeper one cut', async () => {
    const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
    const deep = await adapter.fetchOrderBook(BTC);
    for (const depth of [1, 5, 20]) {
      const shallow = await adapter.fetchOrderBook(BTC, depth);
      expect(shallow.bids).toEqual(deep.bids.slice(0, depth));
      expect(shallow.asks).toEqual(deep.asks.slice(0, depth));
    }
  });

  it('ticks a ticker with mark, index, open interest and funding', async () => {
    const adapter = new SimExchangeAdapter({ seed: 1, now: () => T0 });
    const ticker = await adapter.fetchTicker('BTCUSDT');
    expect(ticker.markPrice).toBeGreaterThan(0);
    expect(ticker.indexPrice).toBeGreaterThan(0);
    expect(ticker.openInterest).toBeGreaterThan(0);
    expect(ticker.openInterestValue).toBeCloseTo((ticker.openInterest ?? 0) * (ticker.markPrice ?? 0), 0);
    expect(ticker.nextFundingTime).toBe(Date.UTC(2024, 4, 1, 16));
    const book = await adapter.fetchOrderBook(BTC, 1);
    expect([ticker.bid, ticker.ask]).toEqual([book.bids[0]?.[0], book.asks[0]?.[0]]);
  });
});
