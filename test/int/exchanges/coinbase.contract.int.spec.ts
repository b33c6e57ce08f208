import { coinbaseProfile } from '../../../src/infrastructure/exchanges/ccxt/venue-profiles';
import {
  CoinbaseFakeServer,
  MarketDataSet,
  MINUTE_MS,
} from '../../../src/infrastructure/exchanges/fake-venues';
import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';

/**
 * Coinbase's fake serves REST market data only (fake-venues README, "Not done yet"), so the venue
 * runs here with streams and trading declared off: the market-data part of the contract.
 * ccxt asks Coinbase candles for [now - limit, now] when no `since` is given, so the fake's history
 * ends at the wall clock.
 */
describeExchangeAdapterContract(
  'coinbase (ccxt) against its fake venue: market data',
  () => {
    const start = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 1_999 * MINUTE_MS;
    const fake = new CoinbaseFakeServer(new MarketDataSet(undefined, start));
    return ccxtContractHarness('coinbase', fake, { symbol: 'BTC/USD', nativeSymbol: 'BTC-USD' }, undefined, {
      profile: { ...coinbaseProfile, streams: false, trading: false },
      faults: false,
    });
  },
  { streams: false },
);
