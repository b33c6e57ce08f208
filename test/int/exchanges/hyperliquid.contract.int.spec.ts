import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newHyperliquid } from './venue-harness';

describeExchangeAdapterContract(
  'hyperliquid (ccxt) against its fake venue',
  () =>
    ccxtContractHarness('hyperliquid', newHyperliquid(), { symbol: 'BTC/USDC:USDC', nativeSymbol: 'BTC' }),
  // Hyperliquid has no public-trades REST endpoint (trades come only over the websocket).
  { faults: true, tradesRest: false },
);
