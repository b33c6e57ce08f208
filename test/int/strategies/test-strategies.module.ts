import { Module, type OnModuleInit } from '@nestjs/common';
import type { ParamValues, StrategyDefinition } from '../../../src/domain/strategy';
import { StrategiesModule, StrategyDefinitions } from '../../../src/modules/strategies';

interface BuyerState {
  placed: Set<string>;
  tickers: number;
  refusals: string[];
  closed: string[];
}

/**
 * On each symbol's first ticker: a small limit buy 10% under the last price (rests on the book) and
 * a big one (for a tight risk policy to refuse). Refusals and closes are kept for the runtime table.
 */
export const tickerBuyer: StrategyDefinition<ParamValues, BuyerState> = {
  id: 'e2e-ticker-buyer',
  description: 'test: rests a small and a big limit buy under the market on the first ticker',
  paramsSchema: {
    type: 'object',
    properties: {
      quantity: { type: 'number', exclusiveMinimum: 0, default: 0.001 },
      bigQuantity: { type: 'number', exclusiveMinimum: 0, default: 0.1 },
    },
    additionalProperties: false,
  },
  create: (params) => ({
    initialState: (): BuyerState => ({ placed: new Set(), tickers: 0, refusals: [], closed: [] }),
    onTicker(ctx, ticker) {
      ctx.state.tickers++;
      if (ctx.state.placed.has(ticker.symbol)) return;
      ctx.state.placed.add(ticker.symbol);
      const price = ticker.last * 0.9;
      const inputs = { last: ticker.last, price };
      ctx.place(
        { orderType: 'limit', symbol: ticker.symbol, side: 'buy', quantity: Number(params.quantity), price },
        { name: 'e2e.small', inputs },
      );
      ctx.place(
        {
          orderType: 'limit',
          symbol: ticker.symbol,
          side: 'buy',
          quantity: Number(params.bigQuantity),
          price,
        },
        { name: 'e2e.big', inputs },
      );
    },
    onRefused(ctx, refusal) {
      ctx.state.refusals.push(`${refusal.ref}:${refusal.code}`);
    },
    onOrderClosed(ctx, closed) {
      ctx.state.closed.push(`${closed.ref}:${closed.reason}`);
    },
    describe: (s) => ({
      columns: ['tickers', 'refusals', 'closed'],
      rows: [{ tickers: s.tickers, refusals: s.refusals.join(','), closed: s.closed.join(',') }],
    }),
  }),
};

/** On each symbol's first ticker, a market buy of `quantity`; its fills are kept for the runtime table. */
export const marketBuyer: StrategyDefinition<ParamValues, { bought: Set<string>; fills: string[] }> = {
  id: 'e2e-market-buyer',
  description: 'test: a market buy on the first ticker of each symbol',
  paramsSchema: {
    type: 'object',
    properties: { quantity: { type: 'number', exclusiveMinimum: 0, default: 0.001 } },
    additionalProperties: false,
  },
  create: (params) => ({
    initialState: () => ({ bought: new Set<string>(), fills: [] }),
    onTicker(ctx, ticker) {
      if (ctx.state.bought.has(ticker.symbol)) return;
      ctx.state.bought.add(ticker.symbol);
      ctx.place(
        { orderType: 'market', symbol: ticker.symbol, side: 'buy', quantity: Number(params.quantity) },
        { name: 'e2e.market-buy', inputs: { last: ticker.last } },
      );
    },
    onFill(ctx, fill) {
      ctx.state.fills.push(`${fill.side} ${fill.quantity} @ ${fill.price}`);
    },
    describe: (s) => ({ columns: ['fills'], rows: [{ fills: s.fills.join(',') }] }),
  }),
};

/** Counts timer ticks; throws on the tick `throwOnTick` (0: never). */
export const timerCounter: StrategyDefinition<ParamValues, { ticks: number }> = {
  id: 'e2e-timer',
  description: 'test: counts 1 Hz timer ticks, throws on a chosen tick',
  paramsSchema: {
    type: 'object',
    properties: { throwOnTick: { type: 'integer', minimum: 0, default: 0 } },
    additionalProperties: false,
  },
  create: (params) => ({
    initialState: () => ({ ticks: 0 }),
    onTimer(ctx) {
      ctx.state.ticks++;
      if (ctx.state.ticks === params.throwOnTick)
        throw new Error(`deliberate failure on tick ${ctx.state.ticks}`);
    },
    describe: (s) => ({ columns: ['ticks'], rows: [{ ticks: s.ticks }] }),
  }),
};

/** Adds the test strategies to the catalogue of the app under test. */
@Module({ imports: [StrategiesModule] })
export class TestStrategiesModule implements OnModuleInit {
  constructor(private readonly definitions: StrategyDefinitions) {}

  onModuleInit(): void {
    this.definitions.add(tickerBuyer);
    this.definitions.add(timerCounter);
    this.definitions.add(marketBuyer);
  }
}
