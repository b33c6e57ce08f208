import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newBybit } from './venue-harness';

describeExchangeAdapterContract(
  'bybit (ccxt) against its fake venue',
  () =>
    ccxtContractHarness(
      'bybit',
      newBybit(),
      { symbol: 'BTC/USDT:USDT', nativeSymbol: 'BTCUSDT' },
      (fake) => ({
        credentialsEnv: 'BYBIT_CONTRACT',
        env: { BYBIT_CONTRACT_API_KEY: 'contract-key', BYBIT_CONTRACT_SECRET: 'contract-secret' },
        privateStreamsSubscribed: () =>
          fake.privateTopics.includes('order') && fake.privateTopics.includes('execution'),
        fillPartially: (orderId, quantity) => fake.fillPartially(orderId, quantity),
      }),
    ),
  { faults: true, trading: true, partialFill: true },
);
