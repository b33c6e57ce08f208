import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { toWire } from '../shared/decimal';
import { decideAmend, decideVenueAmend, decideVenueAmendRejected } from './order-amend.decide';
import type {
  CancelOrder,
  ExpireOrder,
  OrderCommand,
  PlaceOrder,
  RecordVenueAck,
  RecordVenueCancel,
  RejectOrder,
} from './order.commands';
import { InvalidOrderTransitionError, OrderNotExpiredError } from './order.errors';
import type { OrderEvent } from './order.events';
import { decideBracketLegFill, decideFill } from './order-fill.decide';
import { instantOf } from './order-input.validation';
import { evolveOrder, initialOrderState, isOpen, remainingOf, type OrderState } from './order.state';
import { validatePlaceOrder } from './place-order.validation';

function base(state: OrderState, at: string) {
  return { orderId: state.orderId, accountId: state.accountId, symbol: state.symbol, at };
}

function refuse(state: OrderState, command: OrderCommand, reason?: string): never {
  throw new InvalidOrderTransitionError(state.orderId, state.status, command.type, reason);
}

function decidePlace(command: PlaceOrder, state: OrderState): OrderEvent[] {
  if (state.status !== 'none') {
    // The same clientOrderId again is the same request: idempotent, the caller returns the order.
    if (state.clientOrderId === command.clientOrderId && state.accountId === command.accountId) return [];
    return refuse(state, command, 'order exists');
  }
  const valid = validatePlaceOrder(command);
  const takeProfit = command.takeProfit ?? null;
  const stopLoss = command.stopLoss ?? null;
  return [
    {
      type: 'OrderPlaced',
      orderId: command.orderId,
      accountId: command.accountId,
      symbol: command.symbol,
      at: command.at,
      clientOrderId: command.clientOrderId,
      side: command.side,
      orderType: command.orderType,
      quantity: toWire(valid.quantity),
      price: valid.price === null ? null : toWire(valid.price),
      triggerPrice: valid.triggerPrice === null ? null : toWire(valid.triggerPrice),
      timeInForce: valid.timeInForce,
      reduceOnly: command.reduceOnly ?? false,
      expiresAt: command.expiresAt ?? null,
      bracket: takeProfit === null && stopLoss === null ? null : { takeProfit, stopLoss },
      parent: command.parent ?? null,
    },
  ];
}

function decideReject(command: RejectOrder, state: OrderState): OrderEvent[] {
  if (state.status !== 'new' && state.status !== 'accepted') return refuse(state, command);
  return [
    {
      type: 'OrderRejected',
      ...base(state, command.at),
      source: command.source,
      reason: command.reason,
      message: command.message,
      details: command.details ?? {},
    },
  ];
}

function decideAck(command: RecordVenueAck, state: OrderState): OrderEvent[] {
  if (state.venueOrderId === command.venueOrderId) return [];
  // A fill (or the end of the order) can overtake the ack; the ack then only names the venue order.
  const ackable =
    state.status === 'accepted' ||
    (state.venueOrderId === null &&
      (state.status === 'partially_filled' ||
        state.status === 'filled' ||
        state.status === 'cancelled' ||
        state.status === 'expired'));
  if (!ackable)
    return refuse(state, command, state.venueOrderId === null ? undefined : 'another venue order id');
  return [{ type: 'OrderWorking', ...base(state, command.at), venueOrderId: command.venueOrderId }];
}

function decideCancel(command: CancelOrder, state: OrderState): OrderEvent[] {
  if (!isOpen(state)) return refuse(state, command);
  if (state.cancelRequested) return [];
  const requested: OrderEvent = {
    type: 'OrderCancelRequested',
    ...base(state, command.at),
    origin: command.origin,
  };
  if (state.status !== 'new') return [requested];
  // Not past the pre-trade check yet: nothing reached the venue, so the cancel is final at once.
  return [
    requested,
    {
      type: 'OrderCancelled',
      ...base(state, command.at),
      reason: command.origin,
      filled: toWire(state.filled),
      remaining: toWire(remainingOf(state)),
    },
  ];
}

function decideVenueCancel(command: RecordVenueCancel, state: OrderState): OrderEvent[] {
  // The venue echoing a cancel we already recorded (or the cancel that follows an expiry).
  if (state.status === 'cancelled' || state.status === 'expired') return [];
  const cancellable =
    state.status === 'accepted' || state.status === 'working' || state.status === 'partially_filled';
  if (!cancellable) return refuse(state, command);
  return [
    {
      type: 'OrderCancelled',
      ...base(state, command.at),
      reason: command.reason,
      filled: toWire(state.filled),
      remaining: toWire(remainingOf(state)),
    },
  ];
}

function decideExpire(command: ExpireOrder, state: OrderState): OrderEvent[] {
  if (!isOpen(state)) return refuse(state, command);
  const expiresAt = state.expiresAt;
  const expiry = expiresAt === null ? null : instantOf(expiresAt);
  const now = instantOf(command.at);
  if (expiresAt === null || expiry === null || now === null || now < expiry) {
    throw new OrderNotExpiredError(state.orderId, expiresAt, command.at);
  }
  return [
    {
      type: 'OrderExpired',
      ...base(state, command.at),
      expiresAt,
      filled: toWire(state.filled),
      remaining: toWire(remainingOf(state)),
    },
  ];
}

export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  if (state.status === 'none' && command.type !== 'PlaceOrder')
    return refuse(state, command, 'no such order');
  switch (command.type) {
    case 'PlaceOrder':
      return decidePlace(command, state);
    case 'AcceptOrder':
      if (state.status !== 'new') return refuse(state, command);
      return [{ type: 'OrderAccepted', ...base(state, command.at) }];
    case 'RejectOrder':
      return decideReject(command, state);
    case 'RecordVenueAck':
      return decideAck(command, state);
    case 'RecordFill':
      return decideFill(command, state);
    case 'AmendOrder':
      return decideAmend(command, state);
    case 'RecordVenueAmend':
      return decideVenueAmend(command, state);
    case 'RecordVenueAmendRejected':
      return decideVenueAmendRejected(command, state);
    case 'CancelOrder':
      return decideCancel(command, state);
    case 'RecordVenueCancel':
      return decideVenueCancel(command, state);
    case 'ExpireOrder':
      return decideExpire(command, state);
    case 'RecordBracketLegFill':
      return decideBracketLegFill(command, state);
    default:
      return assertNever(command);
  }
}

export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide: decideOrder,
};
