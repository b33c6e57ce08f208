import type { Sma } from '../../indicators';
import { Sma as SmaIndicator } from '../../indicators';
import type { ParamsSchema } from '../param-schema';
import type { Strategy, StrategyContext, StrategyDefinition } from '../strategy-definition';
import type { Candle } from '../strategy.types';

export type SmaCrossMode = 'long-flat' | 'long-short';

export interface SmaCrossParams {
  readonly [key: string]: number | string;
  readonly fast: number;
  readonly slow: number;
  readonly mode: SmaCrossMode;
  readonly quantity: number;
}

export const smaCrossSchema: ParamsSchema = {
  type: 'object',
  properties: {
    fast: { type: 'integer', minimum: 1, default: 10, description: 'fast SMA period (bars)' },
    slow: { type: 'integer', minimum: 2, default: 30, description: 'slow SMA period (bars), > fast' },
    mode: {
      type: 'string',
      enum: ['long-flat', 'long-short'],
      default: 'long-flat',
      description: 'long-flat: flat on a cross down; long-short: short on a cross down',
    },
    quantity: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'position size (base units)' },
  },
  additionalProperties: false,
};

/** -1 short, 0 flat, 1 long. */
export type Target = -1 | 0 | 1;

/**
 * The decision: a target only on a cross (fast moves from <= slow to > slow: long; from >= slow to
 * < slow: flat or short), undefined otherwise, and while either average is still warming up.
 */
export function smaCrossTarget(
  prevFast: number,
  prevSlow: number,
  fast: number,
  slow: number,
  mode: SmaCrossMode,
): Target | undefined {
  // every comparison with NaN is false: an average still warming up never crosses
  if (prevFast <= prevSlow && fast > slow) return 1;
  if (prevFast >= prevSlow && fast < slow) return mode === 'long-short' ? -1 : 0;
  return undefined;
}

interface SymbolState {
  readonly symbol: string;
  readonly fast: Sma;
  readonly slow: Sma;
}

export interface SmaCrossState {
  readonly bySymbol: Map<string, SymbolState>;
  last: SymbolState | undefined; // the symbol of the previous candle: one symbol needs no map lookup per bar
}

function stateFor(state: SmaCrossState, symbol: string, p: SmaCrossParams): SymbolState {
  const last = state.last;
  return last !== undefined && last.symbol === symbol ? last : switchTo(state, symbol, p);
}

function switchTo(state: SmaCrossState, symbol: string, p: SmaCrossParams): SymbolState {
  let s = state.bySymbol.get(symbol);
  if (s === undefined) {
    s = { symbol, fast: new SmaIndicator(p.fast), slow: new SmaIndicator(p.slow) };
    state.bySymbol.set(symbol, s);
  }
  state.last = s;
  return s;
}

function onCandle(p: SmaCrossParams, ctx: StrategyContext<SmaCrossState>, candle: Candle): void {
  const s = stateFor(ctx.state, candle.symbol, p);
  const prevFast = s.fast.value;
  const prevSlow = s.slow.value;
  const fast = s.fast.update(candle.close);
  const slow = s.slow.update(candle.close);
  const target = smaCrossTarget(prevFast, prevSlow, fast, slow, p.mode);
  if (target !== undefined) goTo(target, p, ctx, candle, prevFast, prevSlow, fast, slow);
}

/**
 * The rare part (a cross) in a function of its own: it keeps onCandle small enough for V8 to
 * inline the whole per-bar path (both averages included) into a backtest's loop.
 */
function goTo(
  target: Target,
  p: SmaCrossParams,
  ctx: StrategyContext<SmaCrossState>,
  candle: Candle,
  prevFast: number,
  prevSlow: number,
  fast: number,
  slow: number,
): void {
  const position = ctx.position(candle.symbol).quantity;
  const delta = target * p.quantity - position;
  if (delta === 0) return;
  ctx.place(
    {
      orderType: 'market',
      symbol: candle.symbol,
      side: delta > 0 ? 'buy' : 'sell',
      quantity: Math.abs(delta),
    },
    {
      name: target === 1 ? 'sma-cross.go-long' : target === -1 ? 'sma-cross.go-short' : 'sma-cross.go-flat',
      inputs: {
        close: candle.close,
        candleOpenTime: candle.openTime,
        prevFast,
        prevSlow,
        fast,
        slow,
        position,
        target,
      },
    },
  );
}

export const smaCrossStrategy: StrategyDefinition<SmaCrossParams, SmaCrossState> = {
  id: 'sma-cross',
  description:
    'The classic reference: a market order to the target position when the fast SMA of closes crosses the slow one (long above; flat or short below).',
  paramsSchema: smaCrossSchema,
  check: (p) => (p.fast < p.slow ? [] : [`fast (${p.fast}) must be below slow (${p.slow})`]),
  create(params): Strategy<SmaCrossState> {
    return {
      initialState: () => ({ bySymbol: new Map(), last: undefined }),
      onCandle: (ctx, candle) => onCandle(params, ctx, candle),
    };
  },
};
