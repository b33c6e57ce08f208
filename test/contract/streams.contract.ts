import { VenueBadRequestError } from '../../src/infrastructure/exchanges/exchange.errors';
import type {
  CandleUpdate,
  OrderBook,
  Ticker,
  Trade,
} from '../../src/infrastructure/exchanges/market-data.types';
import {
  expectAscendingTimestamps,
  expectCandleShape,
  expectConsistentBook,
  expectTickerShape,
  expectTradeShape,
} from './contract-assertions';
import type { ContractContext } from './contract-context';
import { StreamProbe } from './stream-probe';

function probe<T>(ctx: ContractContext, iterable: AsyncIterable<T>): StreamProbe<T> {
  return new StreamProbe(iterable, () => ctx.stimulate());
}

export function describeStreamContract(ctx: ContractContext, candleStream = true): void {
  describe('streams', () => {
    it('streams trades in order, in ccxt form for a native symbol, and stops cleanly', async () => {
      const { adapter, symbol, nativeSymbol } = ctx.harness;
      const stream = probe<Trade[]>(ctx, adapter.watchTrades(nativeSymbol));
      try {
        const batches = await stream.waitForCount(2);
        const trades = batches.flat();
        expect(trades.length).toBeGreaterThan(0);
        for (const trade of trades) expectTradeShape(trade, symbol);
        expectAscendingTimestamps(
          trades.map((t) => t.timestamp),
          false,
        );
        expect(new Set(trades.map((t) => t.id)).size).toBe(trades.length);
      } finally {
        await stream.stop();
      }
    });

    it('streams consistent order books and stops cleanly', async () => {
      const { adapter, symbol } = ctx.harness;
      const stream = probe<OrderBook>(ctx, adapter.watchOrderBook(symbol));
      try {
        const books = await stream.waitForCount(2);
        for (const book of books) expectConsistentBook(book, symbol);
        const nonces = books.map((b) => b.nonce).filter((n): n is number => n !== null);
        expectAscendingTimestamps(nonces, false);
      } finally {
        await stream.stop();
      }
    });

    // A venue without candle streams (declared by the harness) must say so, not hang or retry.
    if (!candleStream)
      it('refuses a candle stream at once with VenueBadRequestError', async () => {
        const { adapter, symbol, timeframe } = ctx.harness;
        const candles = adapter.watchOHLCV(symbol, timeframe)[Symbol.asyncIterator]();
        await expect(candles.next()).rejects.toBeInstanceOf(VenueBadRequestError);
      });

    if (candleStream)
      it('streams candle updates of the timeframe and stops cleanly', async () => {
        const { adapter, symbol, timeframe } = ctx.harness;
        const stream = probe<CandleUpdate>(ctx, adapter.watchOHLCV(symbol, timeframe));
        try {
          const updates = await stream.waitForCount(2);
          for (const update of updates) {
            expect(update.symbol).toBe(symbol);
            expect(update.timeframe).toBe(timeframe);
            expect(typeof update.closed).toBe('boolean');
            expectCandleShape(update.candle);
          }
          expectAscendingTimestamps(
            updates.map((u) => u.candle[0]),
            false,
          );
          // A closed candle is final: no later update may reopen it.
          updates.forEach((u, i) => {
            if (!u.closed) return;
            for (const later of updates.slice(i + 1)) expect(later.candle[0]).toBeGreaterThan(u.candle[0]);
          });
        } finally {
          await stream.stop();
        }
      });

    it('streams tickers and stops cleanly', async () => {
      const { adapter, symbol } = ctx.harness;
      const stream = probe<Ticker>(ctx, adapter.watchTicker(symbol));
      try {
        const tickers = await stream.waitForCount(2);
        for (const ticker of tickers) expectTickerShape(ticker, symbol);
      } finally {
        await stream.stop();
      }
    });
  });
}
