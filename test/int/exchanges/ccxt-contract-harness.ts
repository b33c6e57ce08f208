import type { ContractHarness, ContractTrading } from '../../contract/exchange-adapter.contract';
import { waitFor } from '../../../src/infrastructure/exchanges/fake-venues/shared/wait-for';
import type { VenueProfile } from '../../../src/infrastructure/exchanges/ccxt/venue-profile';
import { startVenue, type FakeServer, type FakeVenueId, type VenueUnderTest } from './venue-harness';

let tick = 0;

/** What a fake venue gives the trading part of the contract. */
export interface FakeTradingHooks {
  /** Credentials env prefix and its variables (values are throwaway test keys). */
  credentialsEnv: string;
  env: Record<string, string>;
  /** True once the session's private order and fill subscriptions reached the fake. */
  privateStreamsSubscribed(): boolean;
  fillPartially(orderId: string, quantity: string): void;
}

/** A contract harness over a ccxt adapter pointed at a fake venue: stimulate pushes live data. */
export async function ccxtContractHarness<F extends FakeServer>(
  id: FakeVenueId,
  fake: F,
  symbols: { symbol: string; nativeSymbol: string },
  tradingHooks?: (venue: F) => FakeTradingHooks,
  /** A fake that serves only part of the venue: its profile override, and whether faults apply. */
  partial?: { profile: VenueProfile; faults: boolean },
): Promise<ContractHarness> {
  const hooks = tradingHooks?.(fake);
  const venue: VenueUnderTest<F> = await startVenue(id, fake, hooks?.env ?? {}, partial?.profile);
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
    faults:
      partial?.faults === false
        ? undefined
        : {
            dropConnections: () => venue.fake.faults.dropAllConnections(),
            gapNextBookDiff: () => venue.fake.faults.gapNextBookDiff(),
            malformNext: (kind) => venue.fake.faults.malformNext(kind),
          },
    trading: hooks === undefined ? undefined : fakeTrading(hooks),
    teardown: () => venue.teardown(),
  };
}

function fakeTrading(hooks: FakeTradingHooks): ContractTrading {
  return {
    account: { accountId: 'contract-account', credentialsEnv: hooks.credentialsEnv },
    // Ten lots: a partial fill of four leaves the order open.
    orderQuantity: '0.010',
    makeOrderPartlyFill: (order) => {
      hooks.fillPartially(order.venueOrderId, '0.004');
      return Promise.resolve();
    },
    privateStreamsReady: () => waitFor(() => hooks.privateStreamsSubscribed(), 10_000),
  };
}
