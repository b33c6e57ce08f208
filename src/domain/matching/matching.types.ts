import type { Dec } from '../shared/decimal';

/** A USDT-margined linear perpetual as the venue describes it. */
export interface Instrument {
  readonly symbol: string; // ccxt style: 'BTC/USDT:USDT'
  readonly contractType: 'linear';
  readonly tickSize: Dec;
  readonly lotSize: Dec;
  readonly minQuantity: Dec;
  readonly maxLeverage: number;
}

export type OrderSide = 'buy' | 'sell';
export type LimitTimeInForce = 'gtc' | 'ioc' | 'fok' | 'post_only';
export type TriggerSource = 'last' | 'mark';

interface OrderBase {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: Dec;
  readonly reduceOnly?: boolean;
  readonly clientOrderId?: string;
}

export interface MarketOrder extends OrderBase {
  readonly type: 'market';
}

export interface LimitOrder extends OrderBase {
  readonly type: 'limit';
  readonly price: Dec;
  readonly timeInForce?: LimitTimeInForce; // default gtc
}

/** Stop: buy triggers when the price rises to the trigger, sell when it falls to it. */
export interface StopMarketOrder extends OrderBase {
  readonly type: 'stop_market' | 'take_profit_market';
  readonly triggerPrice: Dec;
  readonly triggerBy?: TriggerSource; // default last
}

/** Take-profit: buy triggers when the price falls to the trigger, sell when it rises to it. */
export interface StopLimitOrder extends OrderBase {
  readonly type: 'stop_limit' | 'take_profit_limit';
  readonly triggerPrice: Dec;
  readonly triggerBy?: TriggerSource;
  readonly price: Dec;
  readonly timeInForce?: LimitTimeInForce;
}

export type OrderRequest = MarketOrder | LimitOrder | StopMarketOrder | StopLimitOrder;
export type OrderType = OrderRequest['type'];

export interface OrderAmendment {
  readonly price?: Dec;
  readonly quantity?: Dec; // the new total quantity, filled part included
  readonly triggerPrice?: Dec;
}

export type RejectCode =
  | 'INSUFFICIENT_MARGIN'
  | 'BELOW_MIN_QUANTITY'
  | 'PRICE_OFF_TICK'
  | 'QUANTITY_OFF_LOT'
  | 'POST_ONLY_WOULD_CROSS'
  | 'REDUCE_ONLY_WOULD_INCREASE'
  | 'FOK_NOT_FILLABLE'
  | 'UNKNOWN_ORDER'
  | 'UNKNOWN_SYMBOL'
  | 'INVALID_PRICE'
  | 'QUANTITY_BELOW_FILLED'
  | 'LEVERAGE_OUT_OF_RANGE';

export type CancelReason = 'user' | 'ioc_remainder' | 'no_liquidity' | 'reduce_only';
export type Liquidity = 'maker' | 'taker';

export interface OrderAccepted {
  readonly type: 'accepted';
  readonly at: number;
  readonly orderId: string;
  readonly symbol: string;
  readonly order: OrderRequest;
}

export interface OrderRejected {
  readonly type: 'rejected';
  readonly at: number;
  readonly orderId: string;
  readonly symbol: string;
  readonly reason: RejectCode;
  readonly message: string;
}

export interface OrderFilled {
  readonly type: 'filled';
  readonly at: number;
  readonly orderId: string;
  readonly fillId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly liquidity: Liquidity;
  readonly price: Dec;
  readonly quantity: Dec;
  readonly fee: Dec; // positive = paid, negative = rebate
  readonly realizedPnl: Dec;
  readonly remaining: Dec;
}

export interface OrderCancelled {
  readonly type: 'cancelled';
  readonly at: number;
  readonly orderId: string;
  readonly symbol: string;
  readonly reason: CancelReason;
  readonly remaining: Dec;
}

export interface OrderAmended {
  readonly type: 'amended';
  readonly at: number;
  readonly orderId: string;
  readonly symbol: string;
  readonly price?: Dec;
  readonly quantity: Dec;
  readonly triggerPrice?: Dec;
}

export interface OrderTriggered {
  readonly type: 'triggered';
  readonly at: number;
  readonly orderId: string;
  readonly symbol: string;
  readonly triggerPrice: Dec;
  readonly triggerBy: TriggerSource;
}

export interface FundingApplied {
  readonly type: 'funding';
  readonly at: number;
  readonly symbol: string;
  readonly rate: Dec;
  readonly markPrice: Dec;
  readonly positionQuantity: Dec;
  readonly amount: Dec; // credited to the wallet: negative when paid
}

export interface LeverageChanged {
  readonly type: 'leverage_changed';
  readonly at: number;
  readonly symbol: string;
  readonly leverage: number;
}

export type EngineEvent =
  | OrderAccepted
  | OrderRejected
  | OrderFilled
  | OrderCancelled
  | OrderAmended
  | OrderTriggered
  | FundingApplied
  | LeverageChanged;

export interface BookLevel {
  readonly price: Dec;
  readonly quantity: Dec;
}

/** The venue's book: bids best (highest) first, asks best (lowest) first. */
export interface BookSnapshot {
  readonly symbol: string;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/** A market trade printed by the venue (someone else's). */
export interface MarketTrade {
  readonly symbol: string;
  readonly price: Dec;
  readonly quantity: Dec;
}

export interface EngineConfig {
  readonly instruments: readonly Instrument[];
  readonly makerFeeRate: string; // decimal string, e.g. '0.0002'; negative = rebate
  readonly takerFeeRate: string;
  readonly initialBalance: string;
  readonly defaultLeverage?: number; // default 1
  readonly idPrefix?: string; // ids are `${idPrefix}o1`, `${idPrefix}f1`, ...
}

export interface BalanceView {
  readonly wallet: Dec;
  readonly unrealizedPnl: Dec;
  readonly equity: Dec;
  readonly positionMargin: Dec;
  readonly orderMargin: Dec;
  readonly available: Dec;
}

export interface PositionView {
  readonly symbol: string;
  readonly quantity: Dec; // signed: > 0 long, < 0 short
  readonly entryPrice: Dec; // 0 when flat
  readonly realizedPnl: Dec; // since the engine started, fees and funding excluded
  readonly unrealizedPnl: Dec;
  readonly leverage: number;
}

export interface OpenOrderView {
  readonly orderId: string;
  readonly symbol: string;
  readonly type: OrderType;
  readonly side: OrderSide;
  readonly price?: Dec;
  readonly triggerPrice?: Dec;
  readonly quantity: Dec;
  readonly filled: Dec;
  readonly status: 'resting' | 'waiting_trigger';
}
