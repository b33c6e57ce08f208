import fc from 'fast-check';
import type { PlaceOrder, Strategy } from '../strategy';
import { btc, BTC, HOUR, hourly, testHash } from './backtest.testing';
import { runBacktest } from './run-backtest';
import type { BacktestResult, CandleColumns } from './backtest.types';

/** One scripted action per bar, chosen by the property's data (markets, limits, stops, amends, cancels). */
type Action =
  | { kind: 'none' }
  | { kind: 'market'; buy: boolean; lots: number; reduceOnly: boolean }
  | { kind: 'limit'; buy: boolean; lots: number; offset: number; postOnly: boolean; reduceOnly: boolean }
  | { kind: 'trigger'; buy: boolean; lots: number; offset: number; tp: boolean; reduceOnly: boolean }
  | { kind: 'amend'; pick: number; offset: number; lots: number }
  | { kind: 'cancel'; pick: number };

const buy = fc.boolean();
const lots = fc.integer({ min: 1, max: 400 });
const offset = fc.integer({ min: -30, max: 30 }); // per mille of the close
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 1 },
  fc.record({ kind: fc.constant('market' as const), buy, lots, reduceOnly: fc.boolean() }),
  fc.record({
    kind: fc.constant('limit' as const),
    buy,
    lots,
    offset,
    postOnly: fc.boolean(),
    reduceOnly: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('trigger' as const),
    buy,
    lots,
    offset,
    tp: fc.boolean(),
    reduceOnly: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('amend' as const), pick: fc.nat(), offset, lots }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

function scripted(actions: readonly Action[]): Strategy<{ bar: number }> {
  return {
    initialState: () => ({ bar: 0 }),
    onCandle(ctx, candle) {
      const action = actions[ctx.state.bar++ % actions.length] ?? { kind: 'none' };
      const why = { name: `script.${action.kind}`, inputs: { close: candle.close } };
      const side = (b: boolean): 'buy' | 'sell' => (b ? 'buy' : 'sell');
      const open = ctx.openOrders();
      switch (action.kind) {
        case 'none':
          return;
        case 'market':
        case 'limit':
        case 'trigger': {
          const quantity = action.lots / 1000;
          const at = candle.close * (1 + ('offset' in action ? action.offset : 0) / 1000);
          const base = { symbol: BTC, side: side(action.buy), quantity, reduceOnly: action.reduceOnly };
          const order: PlaceOrder =
            action.kind === 'market'
              ? { ...base, orderType: 'market' }
              : action.kind === 'limit'
                ? { ...base, orderType: 'limit', price: at, postOnly: action.postOnly }
                : { ...base, orderType: action.tp ? 'take_profit_market' : 'stop_market', triggerPrice: at };
          ctx.place(order, why);
          return;
        }
        case 'amend': {
          const target = open[action.pick % Math.max(1, open.length)];
          if (target === undefined) return;
          const price = candle.close * (1 + action.offset / 1000);
          const change =
            target.order.orderType === 'limit'
              ? { price, quantity: action.lots / 1000 }
              : { triggerPrice: price };
          ctx.amend(target.ref, change, why);
          return;
        }
        case 'cancel': {
          const target = open[action.pick % Math.max(1, open.length)];
          if (target !== undefined) ctx.cancel(target.ref, why);
          return;
        }
      }
    },
  };
}

const barsArb = fc
  .array(fc.tuple(fc.integer({ min: -25, max: 25 }), fc.integer({ min: 0, max: 20 })), {
    minLength: 5,
    maxLength: 60,
  })
  .map((moves) => {
    let close = 1000;
    return hourly(
      moves.map(([move, range]) => {
        const open = close;
        close = Math.max(100, Math.round((close + move) * 10) / 10);
        const high = Math.max(open, close) + range / 10;
        const low = Math.min(open, close) - range / 10;
        return [open, high, low, close] as const;
      }),
    );
  });

function run(bars: CandleColumns, actions: readonly Action[], fillPath: 'auto' | 'engine'): BacktestResult {
  return runBacktest(scripted(actions), bars, {
    symbol: BTC,
    instrument: btc,
    timeframeMs: HOUR,
    initialBalance: '300',
    leverage: 2,
    fees: { maker: '-0.0001', taker: '0.0007' },
    fillPath,
    hash: testHash,
  });
}

/** Market orders only (some reduce-only, some too large for the margin), then maybe one late limit. */
const marketsThenLimitArb = fc
  .tuple(
    fc.array(fc.record({ kind: fc.constant('market' as const), buy, lots, reduceOnly: fc.boolean() }), {
      minLength: 1,
      maxLength: 30,
    }),
    fc.option(actionArb),
  )
  .map(([markets, late]): Action[] => (late === null ? markets : [...markets, late]));

describe('backtest venue: the integer fill path agrees with the matching engine', () => {
  let fills = 0;
  let closedTrades = 0;
  let refusals = 0;

  const sameAsEngine = (bars: CandleColumns, actions: readonly Action[]): void => {
    const fast = run(bars, actions, 'auto');
    const engine = run(bars, actions, 'engine');
    expect(fast.failure).toBeNull();
    expect(fast.hash).toBe(engine.hash);
    expect(fast.trades).toEqual(engine.trades);
    expect(fast.openTrade).toEqual(engine.openTrade);
    expect(fast.refusals).toEqual(engine.refusals);
    expect(fast.fillCount).toBe(engine.fillCount);
    expect(Array.from(fast.equity.equity)).toEqual(Array.from(engine.equity.equity));
    fills += fast.fillCount;
    closedTrades += fast.trades.length;
    refusals += fast.refusals.length;
  };

  it('for any mix of market, limit, stop, take-profit, amend and cancel (settle() checks wallet and position)', () => {
    fc.assert(fc.property(barsArb, fc.array(actionArb, { minLength: 1, maxLength: 40 }), sameAsEngine), {
      numRuns: 200,
    });
  });

  it('for market-only stretches, with the engine brought up to date by a late limit or stop', () => {
    fc.assert(fc.property(barsArb, marketsThenLimitArb, sameAsEngine), { numRuns: 200 });
  });

  afterAll(() => {
    // the runs did trade, and were refused too: the checks above ran over many fills and round trips
    expect(fills).toBeGreaterThan(1000);
    expect(closedTrades).toBeGreaterThan(100);
    expect(refusals).toBeGreaterThan(50);
  });
});
