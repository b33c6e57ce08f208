import type { ContractHarness } from '../../contract/exchange-adapter.contract';
import { startVenue, type FakeServer } from './venue-harness';

let tick = 0;

/** A contract harness over a ccxt adapter pointed at a fake venue: stimulate pushes live data. */
export async function ccxtContractHarness(
  id: 'binanceusdm' | 'bybit' | 'hyperliquid',
  fake: FakeServer,
  symbols: { symbol: string; nativeSymbol: string },
): Promise<ContractHarness> {
  const venue = await startVenue(id, fake);
  const data = venue.fake.data;
  return {
    adapter: venue.adapter,
    ...symbols,
    timeframe: '1m',
    knownRange: { since: data.startTime, until: data.now },
    stimulate: () => {
      tick += 1;
      const last = Number(data.lastPrice('BTC'));
      const price = (last + (tick % 2 === 0 ? 0.5 : -0.5)).toFixed(1);
      data.pushTrade('BTC', { price, qty: '0.010', side: tick % 2 === 0 ? 'buy' : 'sell' });
      const newest = data.candles('BTC').at(-1);
      if (newest !== undefined) data.pushCandle('BTC', { ...newest, close: price, closed: false });
      data.updateBook('BTC', { bids: [[(last - 40 - (tick % 5)).toFixed(1), `${tick % 3}.000`]], asks: [] });
    },
    faults: {
      dropConnections: () => venue.fake.faults.dropAllConnections(),
      gapNextBookDiff: () => venue.fake.faults.gapNextBookDiff(),
      malformNext: (kind) => venue.fake.faults.malformNext(kind),
    },
    teardown: () => venue.teardown(),
  };
}
