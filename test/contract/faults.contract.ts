import { malformedRowCount } from '../../src/infrastructure/exchanges/venue.metrics';
import type { OrderBook, Trade } from '../../src/infrastructure/exchanges/market-data.types';
import { TIMEFRAME_MS } from '../../src/infrastructure/exchanges/market-data.types';
import { expectCandleShape, expectConsistentBook, expectTradeShape } from './contract-assertions';
import type { ContractContext } from './contract-context';
import type { ContractFaults } from './contract-harness';
import { sleep, StreamProbe } from './stream-probe';

function faultsOf(ctx: ContractContext): ContractFaults {
  const faults = ctx.harness.faults;
  if (faults === undefined) throw new Error('the contract was told about faults the harness does not give');
  return faults;
}

export function describeFaultContract(ctx: ContractContext, tradesRest: boolean): void {
  describe('faults', () => {
    it('keeps a stream yielding after the venue drops every connection', async () => {
      const { adapter, symbol } = ctx.harness;
      const stream = new StreamProbe<Trade[]>(adapter.watchTrades(symbol), () => ctx.stimulate());
      try {
        await stream.waitForCount(1);
        await faultsOf(ctx).dropConnections();
        const after = await stream.waitForMore(2, 30_000);
        for (const trade of after.flat()) expectTradeShape(trade, symbol);
      } finally {
        await stream.stop();
      }
    });

    it('resyncs the book after a sequence gap: it stays consistent and matches the venue', async () => {
      const { adapter, symbol } = ctx.harness;
      const stream = new StreamProbe<OrderBook>(adapter.watchOrderBook(symbol), () => ctx.stimulate());
      try {
        await stream.waitForCount(1);
        faultsOf(ctx).gapNextBookDiff();
        const after = await stream.waitForMore(3, 30_000);
        for (const book of after) expectConsistentBook(book, symbol);
        // Once the venue is quiet, the streamed book must come to equal the venue's own snapshot: a
        // missed update applied over a stale book would leave a level behind for good. Polled, as the
        // last diffs (and a resync's snapshot) may still be on their way on a slow machine.
        const top = (book: OrderBook | undefined) => [book?.bids[0], book?.asks[0]];
        let snapshot = await adapter.fetchOrderBook(symbol, 5);
        for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
          if (JSON.stringify(top(stream.latest)) === JSON.stringify(top(snapshot))) break;
          await sleep(100);
          snapshot = await adapter.fetchOrderBook(symbol, 5);
        }
        expect(top(stream.latest)).toEqual(top(snapshot));
      } finally {
        await stream.stop();
      }
    });

    it('skips a malformed kline row, counting it, instead of failing the request', async () => {
      const { adapter, symbol, timeframe } = ctx.harness;
      const before = await malformedRowCount(adapter.id, 'klines');
      faultsOf(ctx).malformNext('klines');
      const step = TIMEFRAME_MS[timeframe];
      const since = Math.ceil(ctx.range.since / step) * step;
      const rows = await adapter.fetchOHLCV(symbol, timeframe, { since, limit: 10 });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expectCandleShape(row);
      expect(await malformedRowCount(adapter.id, 'klines')).toBeGreaterThan(before);
    });

    // A venue with no public trades over REST has no trade rows to malform (declared by the harness).
    if (tradesRest)
      it('skips a malformed trade row, counting it, instead of failing the request', async () => {
        const { adapter, symbol } = ctx.harness;
        const before = await malformedRowCount(adapter.id, 'trades');
        faultsOf(ctx).malformNext('trades');
        const trades = await adapter.fetchTrades(symbol, { limit: 20 });
        expect(trades.length).toBeGreaterThan(0);
        for (const trade of trades) expectTradeShape(trade, symbol);
        expect(await malformedRowCount(adapter.id, 'trades')).toBeGreaterThan(before);
      });
  });
}
