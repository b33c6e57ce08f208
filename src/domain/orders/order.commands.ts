import type { Instrument } from '../matching';
import type {
  BracketLeg,
  BracketLegSpec,
  JsonValue,
  Liquidity,
  OrderSide,
  OrderType,
  ParentLink,
  TimeInForce,
} from './order.types';

/**
 * Commands on one order stream. Numbers arrive as decimal strings (validated here, not at the edge
 * only); time (`at`, ISO-8601) and ids come from the handler; `instrument` is the context the
 * handler looks up for the symbol (tick, lot, minimum quantity).
 */
export interface PlaceOrder {
  readonly type: 'PlaceOrder';
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly quantity: string;
  readonly price?: string | null;
  readonly triggerPrice?: string | null;
  readonly timeInForce?: TimeInForce; // default gtc
  readonly reduceOnly?: boolean;
  readonly expiresAt?: string | null; // required with gtd
  readonly takeProfit?: BracketLegSpec | null;
  readonly stopLoss?: BracketLegSpec | null;
  readonly parent?: ParentLink | null;
  readonly instrument: Instrument;
  readonly at: string;
}

export interface AcceptOrder {
  readonly type: 'AcceptOrder';
  readonly at: string;
}

/** Refused by risk (before the venue) or by the venue: the reason code and its details are kept. */
export interface RejectOrder {
  readonly type: 'RejectOrder';
  readonly source: 'risk' | 'venue';
  readonly reason: string; // e.g. RISK_REJECTED, INSUFFICIENT_MARGIN
  readonly message: string;
  readonly details?: { readonly [key: string]: JsonValue };
  readonly at: string;
}

export interface RecordVenueAck {
  readonly type: 'RecordVenueAck';
  readonly venueOrderId: string;
  readonly at: string;
}

export interface RecordFill {
  readonly type: 'RecordFill';
  readonly fillId: string; // the venue's: a repeated id is applied once
  readonly price: string;
  readonly quantity: string;
  readonly fee: string; // positive = paid, negative = rebate
  readonly feeCurrency?: string;
  readonly liquidity: Liquidity;
  readonly at: string;
}

export interface AmendOrder {
  readonly type: 'AmendOrder';
  readonly price?: string | null;
  readonly quantity?: string | null; // the new total quantity, filled part included
  readonly triggerPrice?: string | null;
  readonly instrument: Instrument;
  readonly at: string;
}

export interface RecordVenueAmend {
  readonly type: 'RecordVenueAmend';
  readonly at: string;
}

export interface RecordVenueAmendRejected {
  readonly type: 'RecordVenueAmendRejected';
  readonly reason: string;
  readonly at: string;
}

export type CancelOrigin = 'user' | 'kill_switch' | 'oco' | 'system';

export interface CancelOrder {
  readonly type: 'CancelOrder';
  readonly origin: CancelOrigin;
  readonly at: string;
}

/** The venue says the order is gone: after our request, or on its own (ioc remainder, reduce-only ...). */
export interface RecordVenueCancel {
  readonly type: 'RecordVenueCancel';
  readonly reason: string;
  readonly at: string;
}

export interface ExpireOrder {
  readonly type: 'ExpireOrder';
  readonly at: string;
}

/** Sent to the entry when one of its bracket children fills: the other child is cancelled (OCO). */
export interface RecordBracketLegFill {
  readonly type: 'RecordBracketLegFill';
  readonly leg: BracketLeg;
  readonly at: string;
}

export type OrderCommand =
  | PlaceOrder
  | AcceptOrder
  | RejectOrder
  | RecordVenueAck
  | RecordFill
  | AmendOrder
  | RecordVenueAmend
  | RecordVenueAmendRejected
  | CancelOrder
  | RecordVenueCancel
  | ExpireOrder
  | RecordBracketLegFill;
