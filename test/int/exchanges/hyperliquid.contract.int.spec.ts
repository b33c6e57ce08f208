import { FAKE_TRADING_USER } from '../../../src/infrastructure/exchanges/fake-venues';
import { describeExchangeAdapterContract } from '../../contract/exchange-adapter.contract';
import { ccxtContractHarness } from './ccxt-contract-harness';
import { newHyperliquid } from './venue-harness';

describeExchangeAdapterContract(
  'hyperliquid (ccxt) against its fake venue',
  () =>
    ccxtContractHarness(
      'hyperliquid',
      newHyperliquid(),
      { symbol: 'BTC/USDC:USDC', nativeSymbol: 'BTC' },
      (fake) => ({
        credentialsEnv: 'HYPERLIQUID_CONTRACT',
        env: {
          HYPERLIQUID_CONTRACT_WALLET_ADDRESS: FAKE_TRADING_USER,
          // A throwaway key: ccxt signs each action with it; the fake does not recover the signer.
          HYPERLIQUID_CONTRACT_PRIVATE_KEY: `0x${'11'.repeat(32)}`,
        },
        privateStreamsSubscribed: () =>
          fake.subscribedTopics.includes(`orderUpdates:${FAKE_TRADING_USER}`) &&
          fake.subscribedTopics.includes(`userFills:${FAKE_TRADING_USER}`),
        fillPartially: (orderId, quantity) => fake.fillPartially(orderId, quantity),
      }),
    ),
  // Hyperliquid has no public-trades REST endpoint (trades come only over the websocket).
  { faults: true, tradesRest: false, trading: true, partialFill: true },
);
