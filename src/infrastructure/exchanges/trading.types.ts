/**
 * Trading across the port: prices, quantities, balances and fees are decimal strings, never binary
 * floats (they become fills and balances).
 */

export type OrderSide = 'buy' | 'sell';
export type VenueOrderType =
  'market' | 'limit' | 'stop_market' | 'stop_limit' | 'take_profit_market' | 'take_profit_limit';
export type TimeInForce = 'gtc' | 'ioc' | 'fok' | 'post_only';
export type VenueOrderStatus = 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

export interface VenueOrderRequest {
  /** Our idempotency key, sent to the venue as its client order id. */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: VenueOrderType;
  quantity: string;
  price?: string;
  triggerPrice?: string;
  timeInForce?: TimeInForce;
  reduceOnly?: boolean;
}

export interface VenueOrder {
  venueOrderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: VenueOrderType;
  status: VenueOrderStatus;
  quantity: string;
  filled: string;
  price: string | null;
  triggerPrice: string | null;
  averagePrice: string | null;
  timestamp: number;
  /** The venue's reason for a rejection or a cancel it made itself. */
  reason: string | null;
}

export interface VenueFill {
  /** The venue's fill (trade) id: a fill is applied once, keyed by it. */
  fillId: string;
  venueOrderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  price: string;
  quantity: string;
  fee: string;
  feeCurrency: string;
  liquidity: 'maker' | 'taker';
  timestamp: number;
}

export interface VenueBalance {
  currency: string;
  total: string;
  free: string;
  used: string;
}

export interface VenuePosition {
  symbol: string;
  /** Signed: positive long, negative short (one-way mode). */
  quantity: string;
  entryPrice: string;
  unrealizedPnl: string;
  leverage: number | null;
}

export interface AmendRequest {
  price?: string;
  /** The new total quantity, the filled part included. */
  quantity?: string;
}

/** Funding paid (negative) or received (positive) on a position at a funding time. */
export interface VenueFunding {
  symbol: string;
  amount: string;
  rate: string;
  timestamp: number;
}
