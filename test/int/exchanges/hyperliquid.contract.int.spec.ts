import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newHyperliquid } from './venue-harness';

describeExchangeAdapterContract(
  'hyperliquid (ccxt) against its fake venue',
  () =>
    ccxtContractHarness('hyperliquid', newHyperliquid(), { symbol: 'BTC/USDC:USDC', nativeSymbol: 'BTC' }),
  { faults: true },
);
