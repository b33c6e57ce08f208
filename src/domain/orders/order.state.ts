import { assertNever } from '../shared/decider';
import { Dec } from '../shared/decimal';
import type { OrderEvent } from './order.events';
import type {
  BracketLeg,
  BracketSpec,
  JsonValue,
  OrderSide,
  OrderStatus,
  OrderType,
  ParentLink,
  TimeInForce,
} from './order.types';

export interface PendingAmend {
  readonly price: Dec | null;
  readonly quantity: Dec | null;
  readonly triggerPrice: Dec | null;
}

export type BracketStatus = 'none' | 'waiting_entry' | 'armed' | 'triggered';

/** The order folded from its events: decimals parsed back into Dec. */
export interface OrderState {
  readonly status: OrderStatus;
  readonly orderId: string;
  readonly accountId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly quantity: Dec;
  readonly price: Dec | null;
  readonly triggerPrice: Dec | null;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly expiresAt: string | null;
  readonly venueOrderId: string | null;
  readonly filled: Dec;
  readonly filledNotional: Dec; // sum of price * quantity over fills
  readonly fillIds: ReadonlySet<string>;
  readonly pendingAmend: PendingAmend | null;
  readonly cancelRequested: boolean;
  readonly bracket: BracketSpec | null;
  readonly bracketStatus: BracketStatus;
  readonly bracketTriggeredBy: BracketLeg | null;
  readonly parent: ParentLink | null;
  /** The terms as placed (amends change quantity/price): what a repeated placement is compared with. */
  readonly placedQuantity: Dec;
  readonly placedPrice: Dec | null;
  readonly placedTriggerPrice: Dec | null;
  readonly rejection: OrderRejection | null;
}

export interface OrderRejection {
  readonly source: 'risk' | 'venue';
  readonly reason: string;
  readonly message: string;
  readonly details: { readonly [key: string]: JsonValue };
}

const ZERO = new Dec(0);

export function initialOrderState(): OrderState {
  return {
    status: 'none',
    orderId: '',
    accountId: '',
    clientOrderId: '',
    symbol: '',
    side: 'buy',
    orderType: 'market',
    quantity: ZERO,
    price: null,
    triggerPrice: null,
    timeInForce: 'gtc',
    reduceOnly: false,
    expiresAt: null,
    venueOrderId: null,
    filled: ZERO,
    filledNotional: ZERO,
    fillIds: new Set(),
    pendingAmend: null,
    cancelRequested: false,
    bracket: null,
    bracketStatus: 'none',
    bracketTriggeredBy: null,
    parent: null,
    placedQuantity: ZERO,
    placedPrice: null,
    placedTriggerPrice: null,
    rejection: null,
  };
}

function decOrNull(value: string | null): Dec | null {
  return value === null ? null : new Dec(value);
}

export function remainingOf(state: OrderState): Dec {
  return state.quantity.minus(state.filled);
}

/** Open = may still fill: the orders a kill switch cancels. */
export function isOpenStatus(status: OrderStatus): boolean {
  return status === 'new' || status === 'accepted' || status === 'working' || status === 'partially_filled';
}

export function isOpen(state: OrderState): boolean {
  return isOpenStatus(state.status);
}

/** The lifecycle: an order's status after an event, for the decider's state and for the read model's view. */
export function statusAfter<S extends OrderStatus>(status: S, event: OrderEvent): S | LifecycleStatus {
  switch (event.type) {
    case 'OrderPlaced':
      return 'new';
    case 'OrderAccepted':
      return 'accepted';
    case 'OrderRejected':
      return 'rejected';
    case 'OrderWorking':
      // A fill can overtake the ack on the venue's streams: the ack then only names the venue order.
      return status === 'accepted' ? 'working' : status;
    case 'OrderPartiallyFilled':
    case 'OrderFilled':
      // A fill reported after a cancel or an expiry is counted, and leaves the order as it was.
      if (status === 'cancelled' || status === 'expired') return status;
      return event.type === 'OrderFilled' ? 'filled' : 'partially_filled';
    case 'OrderCancelled':
      return 'cancelled';
    case 'OrderExpired':
      return 'expired';
    case 'OrderAmendRequested':
    case 'OrderAmended':
    case 'OrderAmendRejected':
    case 'OrderCancelRequested':
    case 'BracketArmed':
    case 'BracketResized':
    case 'BracketLegTriggered':
      return status; // terms and requests: the lifecycle stays where it is
  }
}

/** Every status but 'none' (no OrderPlaced yet). */
export type LifecycleStatus = Exclude<OrderStatus, 'none'>;

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderPlaced':
      return {
        ...initialOrderState(),
        status: 'new',
        orderId: event.orderId,
        accountId: event.accountId,
        clientOrderId: event.clientOrderId,
        symbol: event.symbol,
        side: event.side,
        orderType: event.orderType,
        quantity: new Dec(event.quantity),
        price: decOrNull(event.price),
        triggerPrice: decOrNull(event.triggerPrice),
        timeInForce: event.timeInForce,
        reduceOnly: event.reduceOnly,
        expiresAt: event.expiresAt,
        bracket: event.bracket,
        bracketStatus: event.bracket === null ? 'none' : 'waiting_entry',
        parent: event.parent,
        placedQuantity: new Dec(event.quantity),
        placedPrice: decOrNull(event.price),
        placedTriggerPrice: decOrNull(event.triggerPrice),
      };
    case 'OrderAccepted':
      return { ...state, status: statusAfter(state.status, event) };
    case 'OrderRejected':
      return {
        ...state,
        status: statusAfter(state.status, event),
        rejection: {
          source: event.source,
          reason: event.reason,
          message: event.message,
          details: event.details,
        },
      };
    case 'OrderWorking':
      return {
        ...state,
        status: statusAfter(state.status, event),
        venueOrderId: event.venueOrderId,
      };
    case 'OrderPartiallyFilled':
    case 'OrderFilled': {
      const fillIds = new Set(state.fillIds).add(event.fillId);
      const quantity = new Dec(event.quantity);
      const status = statusAfter(state.status, event);
      return {
        ...state,
        status,
        fillIds,
        filled: state.filled.plus(quantity),
        filledNotional: state.filledNotional.plus(quantity.mul(event.price)),
        cancelRequested: status === 'filled' ? false : state.cancelRequested,
        pendingAmend: status === 'filled' ? null : state.pendingAmend,
      };
    }
    case 'OrderAmendRequested':
      return {
        ...state,
        pendingAmend: {
          price: decOrNull(event.price),
          quantity: decOrNull(event.quantity),
          triggerPrice: decOrNull(event.triggerPrice),
        },
      };
    case 'OrderAmended':
      return {
        ...state,
        price: decOrNull(event.price),
        quantity: new Dec(event.quantity),
        triggerPrice: decOrNull(event.triggerPrice),
        pendingAmend: null,
      };
    case 'OrderAmendRejected':
      return { ...state, pendingAmend: null };
    case 'OrderCancelRequested':
      return { ...state, cancelRequested: true };
    case 'OrderCancelled':
    case 'OrderExpired':
      return {
        ...state,
        status: statusAfter(state.status, event),
        cancelRequested: false,
        pendingAmend: null,
      };
    case 'BracketArmed':
      return { ...state, bracketStatus: 'armed' };
    case 'BracketResized':
      return state;
    case 'BracketLegTriggered':
      return { ...state, bracketStatus: 'triggered', bracketTriggeredBy: event.filledLeg };
    default:
      return assertNever(event);
  }
}
