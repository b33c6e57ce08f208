import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newBybit } from './venue-harness';

describeExchangeAdapterContract(
  'bybit (ccxt) against its fake venue',
  () => ccxtContractHarness('bybit', newBybit(), { symbol: 'BTC/USDT:USDT', nativeSymbol: 'BTCUSDT' }),
  { faults: true },
);
