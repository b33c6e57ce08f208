/** Vocabulary shared by the order commands, events and state. Event data is plain JSON. */
export type OrderSide = 'buy' | 'sell';

export type OrderType =
  'market' | 'limit' | 'stop_market' | 'stop_limit' | 'take_profit_market' | 'take_profit_limit';

/** gtd = good till date: needs expiresAt. */
export type TimeInForce = 'gtc' | 'ioc' | 'fok' | 'post_only' | 'gtd';

export type Liquidity = 'maker' | 'taker';

export type OrderStatus =
  | 'none' // no order in this stream yet
  | 'new' // placed, waiting for the pre-trade check
  | 'accepted' // passed risk, on its way to the venue
  | 'working' // acknowledged by the venue
  | 'partially_filled'
  | 'filled'
  | 'cancelled'
  | 'rejected'
  | 'expired';

export type BracketLeg = 'take_profit' | 'stop_loss';

/** A take-profit or stop-loss attached to an entry: market on trigger unless a limit price is given. */
export interface BracketLegSpec {
  readonly childOrderId: string; // assigned by the handler at placement (ids come from outside)
  readonly triggerPrice: string;
  readonly price: string | null;
}

export interface BracketSpec {
  readonly takeProfit: BracketLegSpec | null;
  readonly stopLoss: BracketLegSpec | null;
}

/** Set on a bracket child: the entry it protects and its leg. */
export interface ParentLink {
  readonly orderId: string;
  readonly leg: BracketLeg;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function isLimitPriced(type: OrderType): boolean {
  return type === 'limit' || type === 'stop_limit' || type === 'take_profit_limit';
}

export function isTriggered(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

export function oppositeSide(side: OrderSide): OrderSide {
  return side === 'buy' ? 'sell' : 'buy';
}
