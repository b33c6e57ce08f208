import { ContractContext, type ContractFeatures } from './contract-context';
import type { ContractHarness } from './contract-harness';
import { describeFaultContract } from './faults.contract';
import { describeMarketDataContract } from './market-data.contract';
import { describeStreamContract } from './streams.contract';
import { describeTradingContract } from './trading.contract';

export type { ContractFaults, ContractHarness, ContractTrading } from './contract-harness';
export type { ContractFeatures } from './contract-context';

/**
 * The behaviour every ExchangeAdapter owes its callers (ARCHITECTURE.md §4), as one Jest suite that
 * each adapter's spec runs against its own harness:
 *
 *   describeExchangeAdapterContract('binanceusdm', async () => ({ adapter, symbol: 'BTC/USDT:USDT',
 *     nativeSymbol: 'BTCUSDT', timeframe: '1m', knownRange, stimulate, faults, teardown }),
 *     { faults: true });
 *
 * Jest declares tests before setup runs, so the optional parts (faults, trading, partial fill) are
 * switched on by `features`; the suite checks that they match what the harness gives, so a harness
 * cannot silently skip a part it provides (or claim one it does not).
 */
export function describeExchangeAdapterContract(
  name: string,
  setup: () => Promise<ContractHarness>,
  features: ContractFeatures = {},
): void {
  const {
    streams = true,
    candleStream = true,
    tradesRest = true,
    faults = false,
    trading = false,
    partialFill = false,
  } = features;

  describe(`${name}: ExchangeAdapter contract`, () => {
    const ctx = new ContractContext();

    beforeAll(async () => {
      ctx.set(await setup());
    });

    afterAll(async () => {
      if (ctx.isSet) await ctx.harness.teardown();
    });

    it('declares the optional parts its harness gives', () => {
      const h = ctx.harness;
      expect({
        streams: h.adapter.capabilities.streams,
        tradesRest: h.adapter.capabilities.tradesRestWindowMs !== 0,
        faults: h.faults !== undefined,
        trading: h.trading !== undefined && h.adapter.capabilities.trading,
        partialFill: h.trading?.makeOrderPartlyFill !== undefined,
      }).toEqual({ streams, tradesRest, faults, trading, partialFill: trading && partialFill });
    });

    describeMarketDataContract(ctx, tradesRest);
    if (streams) describeStreamContract(ctx, candleStream);
    if (faults) describeFaultContract(ctx, tradesRest);
    if (trading) describeTradingContract(ctx, partialFill);
  });
}
