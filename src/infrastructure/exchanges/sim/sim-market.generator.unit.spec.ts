import { SimMarketGenerator, type Ohlcv } from './sim-market.generator';
import { SIM_MARKETS } from './sim-markets';
import { AnchorCache, anchorLogPrice, symbolModel } from './sim-price-path';
import { SIM_TIMEFRAMES, type SimTimeframe } from './sim-timeframes';

const BTC = 'BTC/USDT:USDT';
const T0 = Date.UTC(2024, 4, 1, 10, 17); // an arbitrary past minute
const HOUR = 3_600_000;

function aggregate(rows: Ohlcv[]) {
  return {
    open: rows[0]?.[1],
    high: Math.max(...rows.map((r) => r[2])),
    low: Math.min(...rows.map((r) => r[3])),
    close: rows[rows.length - 1]?.[4],
    volume: rows.reduce((sum, r) => sum + r[5], 0),
  };
}

describe('SimMarketGenerator', () => {
  const sim = new SimMarketGenerator('seed-1');

  it('lists BTC, ETH, SOL and more linear perpetuals', () => {
    const symbols = sim.markets().map((m) => m.symbol);
    expect(symbols).toEqual(expect.arrayContaining([BTC, 'ETH/USDT:USDT', 'SOL/USDT:USDT', 'XRP/USDT:USDT']));
    expect(sim.markets().every((m) => m.contractType === 'linear' && m.settle === 'USDT')).toBe(true);
  });

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const again = new SimMarketGenerator('seed-1');
    const other = new SimMarketGenerator('seed-2');
    expect(again.candles(BTC, '1m', T0, T0 + HOUR)).toEqual(sim.candles(BTC, '1m', T0, T0 + HOUR));
    expect(again.trades(BTC, T0, T0 + 5000)).toEqual(sim.trades(BTC, T0, T0 + 5000));
    expect(again.book(BTC, T0 + 1234)).toEqual(sim.book(BTC, T0 + 1234));
    expect(other.candles(BTC, '1m', T0, T0 + HOUR)).not.toEqual(sim.candles(BTC, '1m', T0, T0 + HOUR));
    expect(new SimMarketGenerator(42).candles(BTC, '1h', T0, T0 + 4 * HOUR)).toEqual(
      new SimMarketGenerator(42).candles(BTC, '1h', T0, T0 + 4 * HOUR),
    );
  });

  it('does not depend on what was generated before (no hidden state in the output)', () => {
    const fresh = new SimMarketGenerator('seed-1');
    const later = fresh.candles(BTC, '1m', T0 + 10 * HOUR, T0 + 11 * HOUR);
    const warmed = new SimMarketGenerator('seed-1');
    warmed.candles(BTC, '1m', T0, T0 + 10 * HOUR);
    warmed.trades(BTC, T0, T0 + 60_000);
    expect(warmed.candles(BTC, '1m', T0 + 10 * HOUR, T0 + 11 * HOUR)).toEqual(later);
  });

  it.each(Object.keys(SIM_TIMEFRAMES) as SimTimeframe[])('%s: candles for [a, c) = [a, b) + [b, c)', (tf) => {
    const step = SIM_TIMEFRAMES[tf];
    const a = T0;
    const b = T0 + 7 * step + 12_345;
    const c = T0 + 15 * step;
    const whole = sim.candles(BTC, tf, a, c);
    expect(whole.length).toBeGreaterThanOrEqual(14);
    expect([...sim.candles(BTC, tf, a, b), ...sim.candles(BTC, tf, b, c)]).toEqual(whole);
    expect(whole.every((row) => row[0] % step === 0)).toBe(true);
  });

  it.each(['1h', '4h', '1d'] as const)('a %s candle is the aggregate of its 1m candles', (tf) => {
    const [candle] = sim.candles('ETH/USDT:USDT', tf, T0, T0 + SIM_TIMEFRAMES[tf] + 1);
    expect(candle).toBeDefined();
    const start = candle?.[0] ?? 0;
    const minutes = sim.candles('ETH/USDT:USDT', '1m', start, start + SIM_TIMEFRAMES[tf]);
    const sum = aggregate(minutes);
    expect([candle?.[1], candle?.[2], candle?.[3], candle?.[4]]).toEqual([
      sum.open,
      sum.high,
      sum.low,
      sum.close,
    ]);
    expect(candle?.[5]).toBeCloseTo(sum.volume, 6);
  });

  it.each(SIM_MARKETS.map((m) => m.symbol))(
    '%s: hour candles (drawn without their minutes) agree exactly with their minutes, volume too',
    (symbol) => {
      const hours = sim.candles(symbol, '1h', T0, T0 + 48 * HOUR);
      const minutes = sim.candles(symbol, '1m', hours[0]?.[0] ?? 0, (hours[0]?.[0] ?? 0) + 48 * HOUR);
      expect(hours).toHaveLength(48);
      expect(minutes).toHaveLength(48 * 60);
      hours.forEach((hour, h) => {
        const sum = aggregate(minutes.slice(h * 60, h * 60 + 60));
        expect([hour[1], hour[2], hour[3], hour[4]]).toEqual([sum.open, sum.high, sum.low, sum.close]);
        expect(hour[5]).toBeCloseTo(sum.volume, 6);
      });
    },
  );

  it('days at the epoch and years apart agree with their hours and minutes', () => {
    for (const start of [0, Date.UTC(1999, 11, 31), Date.UTC(2031, 5, 1)]) {
      const [day] = sim.candles(BTC, '1d', start, start + 1);
      const hours = aggregate(sim.candles(BTC, '1h', start, start + 24 * HOUR));
      const minutes = aggregate(sim.candles(BTC, '1m', start, start + 24 * HOUR));
      expect([day?.[1], day?.[2], day?.[3], day?.[4]]).toEqual([
        hours.open,
        hours.high,
        hours.low,
        hours.close,
      ]);
      expect([hours.open, hours.high, hours.low, hours.close]).toEqual([
        minutes.open,
        minutes.high,
        minutes.low,
        minutes.close,
      ]);
      expect(day?.[5]).toBeCloseTo(minutes.volume, 6);
    }
  });

  it('days and hours are drawn from hour candles, never from their minutes', () => {
    const fresh = new SimMarketGenerator('cost');
    const from = Date.UTC(2020, 0, 1);
    expect(fresh.candles(BTC, '1d', from, from + 1500 * 24 * HOUR)).toHaveLength(1500);
    expect(fresh.candles(BTC, '4h', from, from + 1500 * 4 * HOUR)).toHaveLength(1500);
    expect(fresh.drawn(BTC)).toEqual({ hourCandles: 1500 * 24 + 1500 * 4, minuteBlocks: 0 });
    // minutes draw one block per hour they touch
    expect(fresh.candles(BTC, '15m', from, from + 100 * 15 * 60_000)).toHaveLength(100);
    expect(fresh.drawn(BTC).minuteBlocks).toBe(25);
  });

  it('the anchor cache changes nothing: cached anchors equal fresh ones, in any order', () => {
    const model = symbolModel('seed-1', SIM_MARKETS[0] as (typeof SIM_MARKETS)[number]);
    const cache = new AnchorCache();
    const hours = [0, 1, 2, 3, 4096, 4097, 8191, 8192, 500_000, 3, 2, 1, 0, 123_456];
    for (let h = 470_000; h < 470_300; h++) hours.push(h);
    for (const hour of hours) expect(anchorLogPrice(model, hour, cache)).toBe(anchorLogPrice(model, hour));
  });

  it('consecutive candles join: each open is the previous close, across hours too', () => {
    const rows = sim.candles('SOL/USDT:USDT', '1m', T0, T0 + 3 * HOUR);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.[1]).toBe(rows[i - 1]?.[4]);
    for (const [, o, h, l, c, v] of rows) {
      expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
      expect(l).toBeLessThanOrEqual(Math.min(o, c));
      expect(v).toBeGreaterThan(0);
    }
  });

  it('trades agree exactly with their 1m candle', () => {
    for (const symbol of [BTC, 'DOGE/USDT:USDT']) {
      const [candle] = sim.candles(symbol, '1m', T0, T0 + 60_000);
      const trades = sim.trades(symbol, T0, T0 + 60_000);
      const prices = trades.map((t) => t.price);
      expect(prices[0]).toBe(candle?.[1]);
      expect(prices[prices.length - 1]).toBe(candle?.[4]);
      expect(Math.max(...prices)).toBe(candle?.[2]);
      expect(Math.min(...prices)).toBe(candle?.[3]);
      expect(trades.reduce((s, t) => s + t.amount, 0)).toBeCloseTo(candle?.[5] ?? 0, 6);
    }
  });

  it('prints 1 to 50 trades in every second, in time order with unique ids', () => {
    const trades = sim.trades(BTC, T0, T0 + 10 * 60_000);
    const perSecond = new Map<number, number>();
    for (const t of trades)
      perSecond.set(Math.floor(t.timestamp / 1000), (perSecond.get(Math.floor(t.timestamp / 1000)) ?? 0) + 1);
    expect(perSecond.size).toBe(600);
    expect(Math.min(...perSecond.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(50);
    expect(new Set(trades.map((t) => t.id)).size).toBe(trades.length);
    expect(trades.every((t, i) => i === 0 || t.timestamp >= (trades[i - 1]?.timestamp ?? 0))).toBe(true);
    expect(
      sim.trades(BTC, T0 + 1500, T0 + 2500).every((t) => t.timestamp >= T0 + 1500 && t.timestamp < T0 + 2500),
    ).toBe(true);
  });

  it.each(SIM_MARKETS.map((m) => m.symbol))(
    '%s: a book of 20+ levels, bids descending, asks ascending',
    (symbol) => {
      for (const at of [T0, T0 + 1234, T0 + 86_400_000 * 30]) {
        const book = sim.book(symbol, at);
        expect(book.bids.length).toBeGreaterThanOrEqual(20);
        expect(book.asks.length).toBeGreaterThanOrEqual(20);
        for (let i = 1; i < book.bids.length; i++)
          expect(book.bids[i]?.[0]).toBeLessThan(book.bids[i - 1]?.[0] ?? 0);
        for (let i = 1; i < book.asks.length; i++)
          expect(book.asks[i]?.[0]).toBeGreaterThan(book.asks[i - 1]?.[0] ?? 0);
        const last = sim.lastPrice(symbol, at);
        expect(book.bids[0]?.[0]).toBeLessThanOrEqual(last);
        expect(book.asks[0]?.[0]).toBeGreaterThanOrEqual(last);
        expect([...book.bids, ...book.asks].every(([, amount]) => amount > 0)).toBe(true);
      }
    },
  );

  it('a shallower book is the deeper one cut, on both sides', () => {
    for (const at of [T0, T0 + 1234, T0 + 86_400_000 * 30]) {
      const deep = sim.book(BTC, at, 25);
      for (const depth of [1, 5, 20]) {
        const shallow = sim.book(BTC, at, depth);
        expect(shallow.bids).toEqual(deep.bids.slice(0, depth));
        expect(shallow.asks).toEqual(deep.asks.slice(0, depth));
      }
    }
  });

  it('the ticker counts the current minute only up to its instant', () => {
    const at = T0 + 30_500; // mid-minute
    const ticker = sim.ticker(BTC, at);
    const day = sim.candles(BTC, '1m', at - 24 * HOUR, T0);
    const soFar = sim.trades(BTC, T0, at + 1);
    const later = sim.trades(BTC, at + 1, T0 + 60_000);
    expect(later.length).toBeGreaterThan(0);
    const volume = day.reduce((v, c) => v + c[5], 0) + soFar.reduce((v, t) => v + t.amount, 0);
    expect(ticker.baseVolume).toBeCloseTo(volume, 6);
    const [minute] = sim.candles(BTC, '1m', T0, T0 + 60_000);
    expect(ticker.baseVolume).toBeLessThan(day.reduce((v, c) => v + c[5], 0) + (minute?.[5] ?? 0));
    const prices = [...day.flatMap((c) => [c[2], c[3]]), ...soFar.map((t) => t.price)];
    expect([ticker.high, ticker.low]).toEqual([Math.max(...prices), Math.min(...prices)]);
    expect(ticker.open).toBe(day[0]?.[1]);
  });

  it('funding settles every 8 hours at 00:00, 08:00 and 16:00 UTC', () => {
    const day = Date.UTC(2024, 4, 1);
    const funding = sim.fundingHistory(BTC, day, day + 2 * 86_400_000);
    expect(funding.map((f) => new Date(f.timestamp).toISOString().slice(11, 16))).toEqual([
      '00:00',
      '08:00',
      '16:00',
      '00:00',
      '08:00',
      '16:00',
    ]);
    expect(funding.every((f) => Math.abs(f.fundingRate) <= 0.0075)).toBe(true);
    // the ticker's predicted rate just before settlement is close to the settled one
    const settled = funding[1];
    const ticker = sim.ticker(BTC, (settled?.timestamp ?? 0) - 1);
    expect(ticker.nextFundingTime).toBe(settled?.timestamp);
    expect(ticker.fundingRate).toBeCloseTo(settled?.fundingRate ?? 0, 5);
  });

  it('a ticker carries last, bid/ask, 24h stats, mark, index and open interest', () => {
    const ticker = sim.ticker(BTC, T0 + 30_500);
    expect(ticker.last).toBe(sim.lastPrice(BTC, T0 + 30_500));
    expect(ticker.bid).toBeLessThan(ticker.ask);
    expect(ticker.high).toBeGreaterThanOrEqual(ticker.low);
    expect(Math.abs(ticker.markPrice / ticker.last - 1)).toBeLessThan(0.01);
    expect(Math.abs(ticker.indexPrice / ticker.last - 1)).toBeLessThan(0.01);
    expect(ticker.openInterest).toBeGreaterThan(0);
    expect(ticker.baseVolume).toBeGreaterThan(0);
  });

  it('prices stay plausible over years (no drift to zero or infinity)', () => {
    // one hour a month over ten years: each is computed on its own, without replaying the rest
    const closes = Array.from({ length: 120 }, (_, i) => Date.UTC(2018, i, 1)).map(
      (t) => sim.candles(BTC, '1h', t, t + HOUR)[0]?.[4] ?? 0,
    );
    expect(Math.min(...closes)).toBeGreaterThan(62000 / 5);
    expect(Math.max(...closes)).toBeLessThan(62000 * 5);
  });

  it('refuses unknown symbols', () => {
    expect(() => sim.candles('NOPE/USDT:USDT', '1m', T0, T0 + 60_000)).toThrow('no market');
  });
});
