import { assertNever } from '../shared/decider';
import { Dec, toWire } from '../shared/decimal';
import type { OrderEvent } from './order.events';
import { statusAfter } from './order.state';
import type { BracketLeg, JsonValue, OrderSide, OrderStatus, OrderType, TimeInForce } from './order.types';

/**
 * The order as the API shows it and the orders read model stores it: flat, decimal strings, ISO times.
 * Folded from the order's events by the projection (the decider's state is for deciding, this is for reading).
 */
export interface OrderView {
  readonly orderId: string;
  readonly accountId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly status: Exclude<OrderStatus, 'none'>;
  readonly quantity: string;
  readonly price: string | null;
  readonly triggerPrice: string | null;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly expiresAt: string | null;
  readonly filled: string;
  readonly remaining: string;
  readonly averagePrice: string | null;
  readonly fees: string;
  readonly venueOrderId: string | null;
  readonly parentOrderId: string | null;
  readonly parentLeg: BracketLeg | null;
  readonly takeProfit: JsonValue;
  readonly stopLoss: JsonValue;
  readonly bracketStatus: 'none' | 'waiting_entry' | 'armed' | 'triggered';
  readonly cancelRequested: boolean;
  readonly pendingAmend: boolean;
  readonly rejection: {
    readonly source: string;
    readonly reason: string;
    readonly message: string;
    readonly details: JsonValue;
  } | null;
  readonly lastAmendRejection: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

const add = (a: string, b: string): string => toWire(new Dec(a).plus(b));

/** Applies one order event to its view (null before OrderPlaced). */
export function evolveOrderView(view: OrderView | null, event: OrderEvent): OrderView | null {
  if (event.type === 'OrderPlaced') {
    return {
      orderId: event.orderId,
      accountId: event.accountId,
      clientOrderId: event.clientOrderId,
      symbol: event.symbol,
      side: event.side,
      type: event.orderType,
      status: 'new',
      quantity: event.quantity,
      price: event.price,
      triggerPrice: event.triggerPrice,
      timeInForce: event.timeInForce,
      reduceOnly: event.reduceOnly,
      expiresAt: event.expiresAt,
      filled: '0',
      remaining: event.quantity,
      averagePrice: null,
      fees: '0',
      venueOrderId: null,
      parentOrderId: event.parent?.orderId ?? null,
      parentLeg: event.parent?.leg ?? null,
      takeProfit: (event.bracket?.takeProfit ?? null) as JsonValue,
      stopLoss: (event.bracket?.stopLoss ?? null) as JsonValue,
      bracketStatus: event.bracket === null ? 'none' : 'waiting_entry',
      cancelRequested: false,
      pendingAmend: false,
      rejection: null,
      lastAmendRejection: null,
      createdAt: event.at,
      updatedAt: event.at,
      version: 1,
    };
  }
  if (view === null) return null;
  const next = { ...view, updatedAt: event.at, version: view.version + 1 };
  switch (event.type) {
    case 'OrderAccepted':
      return { ...next, status: statusAfter(view.status, event) };
    case 'OrderRejected':
      return {
        ...next,
        status: statusAfter(view.status, event),
        rejection: {
          source: event.source,
          reason: event.reason,
          message: event.message,
          details: event.details,
        },
      };
    case 'OrderWorking':
      return {
        ...next,
        status: statusAfter(view.status, event),
        venueOrderId: event.venueOrderId,
      };
    case 'OrderPartiallyFilled':
    case 'OrderFilled': {
      return {
        ...next,
        status: statusAfter(view.status, event),
        filled: event.filled,
        remaining: event.remaining,
        averagePrice: event.averagePrice,
        fees: add(view.fees, event.fee),
        cancelRequested: event.type === 'OrderFilled' ? false : view.cancelRequested,
        pendingAmend: event.type === 'OrderFilled' ? false : view.pendingAmend,
      };
    }
    case 'OrderAmendRequested':
      return { ...next, pendingAmend: true };
    case 'OrderAmended':
      return {
        ...next,
        price: event.price,
        quantity: event.quantity,
        triggerPrice: event.triggerPrice,
        remaining: event.remaining,
        pendingAmend: false,
      };
    case 'OrderAmendRejected':
      return { ...next, pendingAmend: false, lastAmendRejection: event.reason };
    case 'OrderCancelRequested':
      return { ...next, cancelRequested: true };
    case 'OrderCancelled':
    case 'OrderExpired':
      return {
        ...next,
        status: statusAfter(view.status, event),
        cancelRequested: false,
        pendingAmend: false,
        remaining: event.remaining,
      };
    case 'BracketArmed':
      return { ...next, bracketStatus: 'armed' };
    case 'BracketResized':
      return next;
    case 'BracketLegTriggered':
      return { ...next, bracketStatus: 'triggered' };
    default:
      return assertNever(event);
  }
}
