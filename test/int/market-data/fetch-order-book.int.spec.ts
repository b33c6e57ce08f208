import pino from 'pino';
import { ExchangeRegistry } from '../../../src/infrastructure/exchanges/exchange-registry';
import { SimExchangeAdapter } from '../../../src/infrastructure/exchanges/sim/sim-exchange.adapter';
import { MarketResolver } from '../../../src/modules/market-data/market-resolver';
import { FetchOrderBookHandler } from '../../../src/modules/market-data/queries/fetch-order-book/fetch-order-book.handler';
import { FetchOrderBookQuery } from '../../../src/modules/market-data/queries/fetch-order-book/fetch-order-book.query';
import { CountingVenue } from './counting-venue';

describe('fetchOrderBook: the depth asked of the venue', () => {
  const venue = new CountingVenue(new SimExchangeAdapter({ seed: 'book' }));
  const registry = new ExchangeRegistry({
    exchanges: ['sim'],
    simSeed: 'book',
    logger: pino({ level: 'silent' }),
    factories: { sim: () => venue },
  });
  const handler = new FetchOrderBookHandler(new MarketResolver(registry));
  const fetch = (limit: unknown) =>
    handler.execute(new FetchOrderBookQuery({ exchange: 'sim', symbol: 'BTCUSDT', limit }));

  it("a limit caps the levels; none (absent or null, as everywhere else) leaves the venue's default", async () => {
    const capped = await fetch(5);
    expect(capped.bids).toHaveLength(5);
    await fetch(undefined);
    await fetch(null);
    expect(venue.bookCalls).toEqual([5, undefined, undefined]);
  });
});
