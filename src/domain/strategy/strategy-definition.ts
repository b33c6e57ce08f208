import type { Atr, Bollinger, Ema, Macd, Rsi, Sma } from '../indicators';
import type { ParamValues, ParamsSchema } from './param-schema';
import type {
  Candle,
  OpenOrderSnapshot,
  PlaceOrder,
  PositionSnapshot,
  SignalReason,
  StrategyFill,
  StrategyOrderClosed,
  StrategyRefusal,
  StrategyFeed,
  StrategyRuntimeView,
  Ticker,
} from './strategy.types';

/** Indicator constructors, so strategy code needs no import beyond the context. */
export interface IndicatorKit {
  sma(period: number): Sma;
  ema(period: number): Ema;
  rsi(period: number): Rsi;
  atr(period: number): Atr;
  bollinger(period: number, k?: number): Bollinger;
  macd(fast?: number, slow?: number, signal?: number): Macd;
}

/** What a hook sees. Everything time-dependent comes from `now`, never from the system clock. */
export interface StrategyContext<S> {
  readonly now: number;
  readonly state: S;
  readonly symbols: readonly string[];
  readonly indicators: IndicatorKit;
  /** The position the strategy's own fills built (flat when none). */
  position(symbol: string): PositionSnapshot;
  /** Orders placed and not yet done (filled, cancelled or refused). */
  openOrders(symbol?: string): readonly OpenOrderSnapshot[];
  /** Asks for an order; returns its ref. The reason is recorded with the intent. */
  place(order: PlaceOrder, why: SignalReason): string;
  amend(
    ref: string,
    changes: { price?: number; quantity?: number; triggerPrice?: number },
    why: SignalReason,
  ): void;
  cancel(ref: string, why: SignalReason): void;
}

/**
 * A strategy: plain code with hooks. Hooks may read and change `ctx.state` and emit intents; they
 * must not keep the context, the candle or the ticker past the call (the runner reuses them).
 */
export interface Strategy<S> {
  initialState(): S;
  /** When set, the runner calls onTimer every this many ms of its clock. */
  readonly timerIntervalMs?: number;
  onStart?(ctx: StrategyContext<S>): void;
  onCandle?(ctx: StrategyContext<S>, candle: Candle): void;
  onTicker?(ctx: StrategyContext<S>, ticker: Ticker): void;
  onFill?(ctx: StrategyContext<S>, fill: StrategyFill): void;
  onRefused?(ctx: StrategyContext<S>, refusal: StrategyRefusal): void;
  onOrderClosed?(ctx: StrategyContext<S>, closed: StrategyOrderClosed): void;
  onTimer?(ctx: StrategyContext<S>): void;
  /** Followed inputs beyond market data (a leader's fills and positions for copy trading). */
  onFeed?(ctx: StrategyContext<S>, feed: StrategyFeed): void;
  onStop?(ctx: StrategyContext<S>): void;
  /** The runtime table (e.g. oi-momentum's per-symbol state), built from state and time. */
  describe?(state: S, now: number): StrategyRuntimeView;
}

export interface StrategySetup {
  readonly symbols: readonly string[];
}

/** A built-in strategy as the catalogue lists it. Params arrive validated against the schema. */
export interface StrategyDefinition<P extends ParamValues = ParamValues, S = unknown> {
  readonly id: string;
  readonly description: string;
  readonly paramsSchema: ParamsSchema;
  /** Rules across fields (fast < slow ...): messages for what is wrong, empty when fine. */
  check?(params: P): readonly string[];
  create(params: P, setup: StrategySetup): Strategy<S>;
}
