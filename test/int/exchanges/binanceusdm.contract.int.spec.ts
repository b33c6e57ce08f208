import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newBinance } from './venue-harness';

describeExchangeAdapterContract(
  'binanceusdm (ccxt) against its fake venue',
  () =>
    ccxtContractHarness(
      'binanceusdm',
      newBinance(),
      { symbol: 'BTC/USDT:USDT', nativeSymbol: 'BTCUSDT' },
      (fake) => ({
        credentialsEnv: 'BINANCE_CONTRACT',
        env: { BINANCE_CONTRACT_API_KEY: 'contract-key', BINANCE_CONTRACT_SECRET: 'contract-secret' },
        privateStreamsSubscribed: () => fake.userStreamCount > 0,
        fillPartially: (orderId, quantity) => fake.fillPartially(orderId, quantity),
      }),
    ),
  { faults: true, trading: true, partialFill: true },
);
