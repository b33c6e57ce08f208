import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newBinance } from './venue-harness';

describeExchangeAdapterContract(
  'binanceusdm (ccxt) against its fake venue',
  () =>
    ccxtContractHarness('binanceusdm', newBinance(), { symbol: 'BTC/USDT:USDT', nativeSymbol: 'BTCUSDT' }),
  { faults: true },
);
