import type { OrderSide } from '../matching';

/** A confirmed (closed) candle. Prices are float64: signal maths, not money (ARCHITECTURE.md §6). */
export interface Candle {
  readonly symbol: string;
  readonly openTime: number; // ms
  readonly closeTime: number; // ms, exclusive end: openTime + timeframe
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A ticker update, the fields strategies use (ccxt names where ccxt has one). */
export interface Ticker {
  readonly symbol: string;
  readonly timestamp: number;
  readonly last: number;
  readonly high24h: number;
  readonly low24h: number;
  readonly turnover24h: number; // quote volume over 24 hours
  readonly markPrice?: number;
  readonly openInterestValue?: number; // in quote currency
  readonly fundingRate?: number;
  readonly nextFundingTime?: number; // ms
}

/** A fill of a followed account (copy trading), as the runner normalises it from the venue's feed. */
export interface LeaderFill {
  readonly fillId: string; // unique per fill on the venue (Hyperliquid: tid)
  readonly symbol: string; // the leader's symbol as the venue names it (Hyperliquid: the coin, "BTC")
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly quantity: number; // base units, > 0
  readonly time: number; // ms
}

/** A followed account's position, signed (> 0 long), in the leader's symbol. */
export interface LeaderPosition {
  readonly symbol: string;
  readonly quantity: number;
}

/**
 * Inputs beyond market data that a strategy may follow. A fills batch with isSnapshot set is the
 * venue replaying recent history when a subscription starts (Hyperliquid userFills): not new trades.
 */
export type StrategyFeed =
  | { readonly type: 'leader-fills'; readonly isSnapshot: boolean; readonly fills: readonly LeaderFill[] }
  | {
      readonly type: 'leader-positions';
      readonly time: number;
      readonly positions: readonly LeaderPosition[];
    };

export type SignalInputValue = number | string | boolean | null;
export type SignalInputs = Readonly<Record<string, SignalInputValue>>;

/** Why an intent was emitted: a name and every input the decision read. */
export interface SignalReason {
  readonly name: string;
  readonly inputs: SignalInputs;
}

interface PlaceBase {
  readonly kind: 'place';
  readonly ref: string; // the strategy's own id for the order, unique within a run
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number; // base units; the runner floors it to the lot size
  readonly reduceOnly?: boolean;
}

export interface PlaceMarket extends PlaceBase {
  readonly orderType: 'market';
}

export interface PlaceLimit extends PlaceBase {
  readonly orderType: 'limit';
  readonly price: number; // rounded to the tick, never more aggressive than asked
  readonly postOnly?: boolean;
}

/** stop_market: buy when the price rises to the trigger; take_profit_market: buy when it falls to it. */
export interface PlaceTriggered extends PlaceBase {
  readonly orderType: 'stop_market' | 'take_profit_market';
  readonly triggerPrice: number;
}

export type PlaceIntent = PlaceMarket | PlaceLimit | PlaceTriggered;
export type PlaceOrder = DistributiveOmit<PlaceIntent, 'kind' | 'ref'>;

export interface AmendIntent {
  readonly kind: 'amend';
  readonly ref: string;
  readonly price?: number;
  readonly quantity?: number;
  readonly triggerPrice?: number;
}

export interface CancelIntent {
  readonly kind: 'cancel';
  readonly ref: string;
}

/** What a strategy asks for. Intents only: the runner routes them through orders and risk. */
export type OrderIntent = PlaceIntent | AmendIntent | CancelIntent;

/** Every intent with its reason, as recorded for the audit trail. */
export interface StrategySignal {
  readonly at: number;
  readonly name: string;
  readonly inputs: SignalInputs;
  readonly intent: OrderIntent;
}

/** A fill of one of the strategy's orders, as the runner reports it back. */
export interface StrategyFill {
  readonly ref: string;
  readonly fillId: string;
  readonly at: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: number;
  readonly quantity: number;
  readonly fee: number;
  readonly remaining: number; // 0 when the order is done
}

/** An intent the runner could not carry out: risk refused it, the venue rejected it, ... */
export interface StrategyRefusal {
  readonly ref: string;
  readonly at: number;
  readonly intent: OrderIntent['kind'];
  readonly code: string;
  readonly message: string;
}

/** An order of the strategy's that ended without filling completely (cancelled, expired). */
export interface StrategyOrderClosed {
  readonly ref: string;
  readonly at: number;
  readonly reason: string;
}

export interface PositionSnapshot {
  readonly symbol: string;
  readonly quantity: number; // signed: > 0 long
  readonly entryPrice: number; // 0 when flat
}

export interface OpenOrderSnapshot {
  readonly ref: string;
  readonly order: PlaceOrder;
  readonly filled: number;
  readonly placedAt: number;
}

/** The runtime view a strategy may publish (GET /v1/strategies/{id}): rows of plain values. */
export interface StrategyRuntimeView {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, SignalInputValue>>[];
  readonly notes?: Readonly<Record<string, SignalInputValue>>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
