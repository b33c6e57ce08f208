import { BadSymbolError } from '../../src/infrastructure/exchanges/exchange.errors';
import {
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Timeframe,
} from '../../src/infrastructure/exchanges/market-data.types';
import {
  expectAscendingTimestamps,
  expectCandleShape,
  expectConsistentBook,
  expectMarketShape,
  expectTickerShape,
  expectTradeShape,
} from './contract-assertions';
import type { ContractContext } from './contract-context';

const UNKNOWN_SYMBOL = 'NOSUCHCOIN/USDT:USDT';
const PAGE = 10;

/** The first candle open time at or after the start of the harness's range. */
function firstCandleOf(ctx: ContractContext): number {
  const step = TIMEFRAME_MS[ctx.harness.timeframe];
  return Math.ceil(ctx.range.since / step) * step;
}

export function describeMarketDataContract(ctx: ContractContext, tradesRest: boolean): void {
  describe('markets', () => {
    it('lists markets with tick, lot, minimum quantity and contract type as decimal strings', async () => {
      const markets = await ctx.harness.adapter.loadMarkets();
      expect(markets.length).toBeGreaterThan(0);
      for (const market of markets) expectMarketShape(market);
      expect(markets.map((m) => m.symbol)).toContain(ctx.harness.symbol);
    });

    it('accepts the native symbol and answers in ccxt form', async () => {
      const { adapter, symbol, nativeSymbol } = ctx.harness;
      const byNative = await adapter.market(nativeSymbol);
      expect(byNative.symbol).toBe(symbol);
      expect(byNative.id).toBe(nativeSymbol);
      expect(await adapter.market(symbol)).toEqual(byNative);
    });

    it('refuses an unknown symbol with BadSymbolError on every snapshot call', async () => {
      const { adapter, timeframe } = ctx.harness;
      await expect(adapter.market(UNKNOWN_SYMBOL)).rejects.toBeInstanceOf(BadSymbolError);
      await expect(adapter.fetchTrades(UNKNOWN_SYMBOL)).rejects.toBeInstanceOf(BadSymbolError);
      await expect(adapter.fetchOHLCV(UNKNOWN_SYMBOL, timeframe)).rejects.toBeInstanceOf(BadSymbolError);
      await expect(adapter.fetchOrderBook(UNKNOWN_SYMBOL)).rejects.toBeInstanceOf(BadSymbolError);
      await expect(adapter.fetchTicker(UNKNOWN_SYMBOL)).rejects.toBeInstanceOf(BadSymbolError);
    });

    it('refuses an unknown timeframe with BadSymbolError', async () => {
      const { adapter, symbol } = ctx.harness;
      await expect(adapter.fetchOHLCV(symbol, '7m' as Timeframe)).rejects.toBeInstanceOf(BadSymbolError);
    });

    it('states its capabilities', () => {
      const { capabilities } = ctx.harness.adapter;
      expect(capabilities.ohlcvPageSize).toBeGreaterThan(PAGE * 2);
      expect(capabilities.timeframes).toContain(ctx.harness.timeframe);
      for (const tf of capabilities.timeframes) expect(TIMEFRAMES).toContain(tf);
      if (!tradesRest) expect(capabilities.tradesRestWindowMs).toBe(0);
      else if (capabilities.tradesRestWindowMs !== null)
        expect(capabilities.tradesRestWindowMs).toBeGreaterThan(0);
    });
  });

  if (!tradesRest) {
    describe('trades (declared: no public trades over REST)', () => {
      it('answers no trades rather than some other feed, as tradesRestWindowMs = 0 says', async () => {
        const { adapter, nativeSymbol } = ctx.harness;
        await expect(adapter.fetchTrades(nativeSymbol, { limit: 20 })).resolves.toEqual([]);
      });
    });
  } else
    describe('trades', () => {
      it('answers the latest trades ascending, capped by limit, in ccxt form for a native symbol', async () => {
        const { adapter, symbol, nativeSymbol } = ctx.harness;
        const trades = await adapter.fetchTrades(nativeSymbol, { limit: 20 });
        expect(trades.length).toBeGreaterThan(0);
        expect(trades.length).toBeLessThanOrEqual(20);
        for (const trade of trades) expectTradeShape(trade, symbol);
        expectAscendingTimestamps(
          trades.map((t) => t.timestamp),
          false,
        );
      });

      it('honours since inclusively', async () => {
        const { adapter, symbol } = ctx.harness;
        const latest = await adapter.fetchTrades(symbol, { limit: 20 });
        const pivot = latest[Math.floor(latest.length / 2)];
        if (pivot === undefined) throw new Error('no trades to page from');
        const page = await adapter.fetchTrades(symbol, { since: pivot.timestamp, limit: 5 });
        expect(page.length).toBeGreaterThan(0);
        expect(page.length).toBeLessThanOrEqual(5);
        expect(page[0]?.timestamp).toBe(pivot.timestamp);
        for (const trade of page) expect(trade.timestamp).toBeGreaterThanOrEqual(pivot.timestamp);
      });
    });

  describe('OHLCV', () => {
    it('answers `limit` candles from `since` (inclusive), ascending and well formed', async () => {
      const { adapter, symbol, timeframe } = ctx.harness;
      const since = firstCandleOf(ctx);
      const rows = await adapter.fetchOHLCV(symbol, timeframe, { since, limit: PAGE });
      expect(rows).toHaveLength(PAGE);
      expect(rows[0]?.[0]).toBe(since);
      expectAscendingTimestamps(
        rows.map((r) => r[0]),
        true,
      );
      for (const row of rows) {
        expectCandleShape(row);
        expect(row[0] % TIMEFRAME_MS[timeframe]).toBe(0);
      }
    });

    it('starts at the next candle when since falls inside one', async () => {
      const { adapter, symbol, timeframe } = ctx.harness;
      const since = firstCandleOf(ctx) + 1;
      const rows = await adapter.fetchOHLCV(symbol, timeframe, { since, limit: 3 });
      expect(rows).toHaveLength(3);
      expect(rows[0]?.[0]).toBe(since - 1 + TIMEFRAME_MS[timeframe]);
    });

    it('joins two pages (since = last + timeframe) without gap or overlap', async () => {
      const { adapter, symbol, timeframe } = ctx.harness;
      const step = TIMEFRAME_MS[timeframe];
      const since = firstCandleOf(ctx);
      const first = await adapter.fetchOHLCV(symbol, timeframe, { since, limit: PAGE });
      const last = first[first.length - 1]?.[0] ?? Number.NaN;
      const second = await adapter.fetchOHLCV(symbol, timeframe, { since: last + step, limit: PAGE });
      expect(second[0]?.[0]).toBe(last + step);
      const whole = await adapter.fetchOHLCV(symbol, timeframe, { since, limit: PAGE * 2 });
      expect([...first, ...second]).toEqual(whole);
    });

    it('answers a default page for since without limit, never past the page size', async () => {
      const { adapter, symbol, timeframe } = ctx.harness;
      const since = firstCandleOf(ctx);
      const rows = await adapter.fetchOHLCV(symbol, timeframe, { since });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThanOrEqual(adapter.capabilities.ohlcvPageSize);
      expect(rows[0]?.[0]).toBe(since);
    });

    it('answers the latest `limit` candles without since, none in the future', async () => {
      const { adapter, symbol, nativeSymbol, timeframe } = ctx.harness;
      const rows = await adapter.fetchOHLCV(nativeSymbol, timeframe, { limit: 5 });
      expect(rows).toHaveLength(5);
      expectAscendingTimestamps(
        rows.map((r) => r[0]),
        true,
      );
      expect(rows[4]?.[0]).toBeLessThanOrEqual(Date.now());
      // The same candles by ccxt symbol: the symbol form does not change the answer.
      const since = rows[0]?.[0] ?? 0;
      const again = await adapter.fetchOHLCV(symbol, timeframe, { since, limit: 4 });
      expect(again).toEqual(rows.slice(0, 4));
    });
  });

  describe('order book and ticker', () => {
    it('answers a book with bids descending and asks ascending, capped by limit', async () => {
      const { adapter, symbol, nativeSymbol } = ctx.harness;
      const book = await adapter.fetchOrderBook(nativeSymbol, 5);
      expectConsistentBook(book, symbol);
      expect(book.bids.length).toBeLessThanOrEqual(5);
      expect(book.asks.length).toBeLessThanOrEqual(5);
      expect(book.datetime).toBe(new Date(book.timestamp).toISOString());
    });

    it('answers a ticker with every field present (number or null)', async () => {
      const { adapter, symbol, nativeSymbol } = ctx.harness;
      expectTickerShape(await adapter.fetchTicker(nativeSymbol), symbol);
    });
  });
}
