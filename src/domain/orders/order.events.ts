import type {
  BracketLeg,
  BracketSpec,
  JsonValue,
  Liquidity,
  OrderSide,
  OrderType,
  ParentLink,
  TimeInForce,
} from './order.types';

/**
 * The order's events, stored as JSON: decimals are decimal strings, time is ISO-8601, absent values
 * are null (never undefined, which JSON drops). Every event names its order, account and symbol so a
 * projection or an auditor reading `$all` needs no join.
 */
interface OrderEventBase {
  readonly orderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly at: string;
}

export interface OrderPlaced extends OrderEventBase {
  readonly type: 'OrderPlaced';
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly quantity: string;
  readonly price: string | null;
  readonly triggerPrice: string | null;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly expiresAt: string | null;
  readonly bracket: BracketSpec | null;
  readonly parent: ParentLink | null;
}

export interface OrderAccepted extends OrderEventBase {
  readonly type: 'OrderAccepted';
}

export interface OrderRejected extends OrderEventBase {
  readonly type: 'OrderRejected';
  readonly source: 'risk' | 'venue';
  readonly reason: string;
  readonly message: string;
  readonly details: { readonly [key: string]: JsonValue };
}

export interface OrderWorking extends OrderEventBase {
  readonly type: 'OrderWorking';
  readonly venueOrderId: string;
}

interface FillData extends OrderEventBase {
  readonly side: OrderSide;
  readonly fillId: string;
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly feeCurrency: string | null;
  readonly liquidity: Liquidity;
  readonly filled: string; // cumulative, this fill included
  readonly remaining: string;
  readonly averagePrice: string; // volume-weighted over all fills so far
}

export interface OrderPartiallyFilled extends FillData {
  readonly type: 'OrderPartiallyFilled';
}

export interface OrderFilled extends FillData {
  readonly type: 'OrderFilled';
}

/** Absent values mean "unchanged". */
export interface OrderAmendRequested extends OrderEventBase {
  readonly type: 'OrderAmendRequested';
  readonly price: string | null;
  readonly quantity: string | null;
  readonly triggerPrice: string | null;
}

/** The order's terms after the venue confirmed the amend. */
export interface OrderAmended extends OrderEventBase {
  readonly type: 'OrderAmended';
  readonly price: string | null;
  readonly quantity: string;
  readonly triggerPrice: string | null;
  readonly remaining: string;
}

export interface OrderAmendRejected extends OrderEventBase {
  readonly type: 'OrderAmendRejected';
  readonly reason: string;
}

export interface OrderCancelRequested extends OrderEventBase {
  readonly type: 'OrderCancelRequested';
  readonly origin: 'user' | 'kill_switch' | 'oco' | 'system';
}

export interface OrderCancelled extends OrderEventBase {
  readonly type: 'OrderCancelled';
  readonly reason: string;
  readonly filled: string;
  readonly remaining: string;
}

export interface OrderExpired extends OrderEventBase {
  readonly type: 'OrderExpired';
  readonly expiresAt: string;
  readonly filled: string;
  readonly remaining: string;
}

/** The entry filled (first fill): a process manager places these children, reduce-only, for `quantity`. */
export interface BracketArmed extends OrderEventBase {
  readonly type: 'BracketArmed';
  readonly side: OrderSide; // the children's side: opposite to the entry
  readonly quantity: string;
  readonly takeProfit: BracketSpec['takeProfit'];
  readonly stopLoss: BracketSpec['stopLoss'];
}

/** A later fill of the entry: the armed children now cover `quantity` (amend them to it). */
export interface BracketResized extends OrderEventBase {
  readonly type: 'BracketResized';
  readonly quantity: string;
}

/** One child filled: cancel the other (one-cancels-other). */
export interface BracketLegTriggered extends OrderEventBase {
  readonly type: 'BracketLegTriggered';
  readonly filledLeg: BracketLeg;
  readonly filledChildOrderId: string;
  readonly cancelChildOrderId: string | null;
}

export type OrderEvent =
  | OrderPlaced
  | OrderAccepted
  | OrderRejected
  | OrderWorking
  | OrderPartiallyFilled
  | OrderFilled
  | OrderAmendRequested
  | OrderAmended
  | OrderAmendRejected
  | OrderCancelRequested
  | OrderCancelled
  | OrderExpired
  | BracketArmed
  | BracketResized
  | BracketLegTriggered;

export type OrderEventType = OrderEvent['type'];
