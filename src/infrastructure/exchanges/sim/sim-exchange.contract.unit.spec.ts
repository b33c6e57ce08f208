import { describeExchangeAdapterContract } from '../../../../test/contract/exchange-adapter.contract';
import { SimExchangeAdapter } from './sim-exchange.adapter';

const DAY = 86_400_000;

/** Wall time until frozen: streams run live, and the trading steps then see a still market. */
class FreezableClock {
  private frozenAt: number | undefined;
  readonly now = (): number => this.frozenAt ?? Date.now();

  freeze(): void {
    this.frozenAt ??= Date.now();
  }
}

describeExchangeAdapterContract(
  'sim',
  () => {
    const clock = new FreezableClock();
    const adapter = new SimExchangeAdapter({ seed: 'contract', now: clock.now });
    const account = { accountId: 'contract-account' };
    const since = Date.UTC(2024, 4, 1);
    return Promise.resolve({
      adapter,
      symbol: 'BTC/USDT:USDT',
      nativeSymbol: 'BTCUSDT',
      timeframe: '1m' as const,
      knownRange: { since, until: since + DAY },
      trading: {
        account,
        // Five lots of BTC outsize the best ask level, so moving the order to it fills only part.
        orderQuantity: '5',
        makeOrderPartlyFill: async (order) => {
          clock.freeze();
          const book = await adapter.fetchOrderBook(order.symbol, 1);
          const [bestAsk] = book.asks[0] ?? [];
          if (bestAsk === undefined) throw new Error('no ask to cross');
          await adapter
            .trading(account)
            .amendOrder(order.venueOrderId, order.symbol, { price: bestAsk.toFixed(1) });
        },
      },
      teardown: () => adapter.close(),
    });
  },
  { trading: true, partialFill: true },
);
